import { describe, expect, test } from 'vitest';
import { createSandbox, credentialLabel } from '../../../src/sandbox/index';
import { ryvionState } from '../../../src/sandbox/ryvion/ryvion-state';
import { sha256Hex } from '../../../src/sandbox/ryvion/sha256';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox();
const base = sandbox.urls.ryvion;
const { apiKey: buyer, readOnlyKey, writeOnlyKey } = sandbox.credentials.ryvion;

/** How a request carries its key; null for not at all. */
type Auth = { bearer: string } | { xApiKey: string } | { authorization: string } | null;

async function call(method: string, path: string, auth: Auth = { bearer: buyer }, body?: unknown) {
  const headers: Record<string, string> = {};
  if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
  if (auth && 'xApiKey' in auth) headers['x-api-key'] = auth.xApiKey;
  if (auth && 'authorization' in auth) headers.authorization = auth.authorization;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${base}${path}`, { method, headers, body: payload });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: type.includes('json') ? JSON.parse(text) : text };
}

async function knowledgeBaseWith(text: string, filename = 'handbook.txt') {
  const kb = await call('POST', '/api/v1/knowledge-bases', { bearer: buyer }, { name: 'handbook', jurisdiction: 'DE' });
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), filename);
  const upload = await call('POST', `/api/v1/knowledge-bases/${kb.body.id}/documents`, { bearer: buyer }, form);
  return { id: kb.body.id as string, upload };
}

describe('keys', () => {
  test('the key is accepted as a bearer token and in X-API-Key alike', async () => {
    const bearer = await call('GET', '/api/v1/auth/me', { bearer: buyer });
    const header = await call('GET', '/api/v1/auth/me', { xApiKey: buyer });
    expect([bearer.status, header.status]).toEqual([200, 200]);
    expect(header.body).toEqual(bearer.body);
    expect(bearer.body).toMatchObject({ id: 'acct_sandbox', scopes: ['buyer'] });
  });

  test.each([
    ['no key', null, 'missing_api_key'],
    ['an unknown key', { bearer: 'ryv_unknown_key' }, 'invalid_api_key'],
    ['a Basic authorization', { authorization: `Basic ${btoa(`user:${buyer}`)}` }, 'missing_api_key'],
  ] as const)('%s gets 401 in the OpenAI style, counted as rejected', async (_label, auth, code) => {
    const { status, body } = await call('GET', '/v1/models', auth);
    expect(status).toBe(401);
    expect(body).toEqual({ error: { message: expect.any(String), type: 'authentication_error', code, param: null } });
    expect(control.counts('ryvion').rejected).toBe(1);
  });

  test('a revoked key is invalid, a deactivated one says so, an expired one is refused and counted as an expired token use', async () => {
    control.revokeKey('ryvion', readOnlyKey);
    control.deactivateKey('ryvion', writeOnlyKey);
    control.addKey('ryvion', 'ryv_expiring_key', ['buyer'], { expiresAt: control.now() + 1_000 });
    expect((await call('GET', '/api/v1/auth/me', { bearer: readOnlyKey })).body.error.code).toBe('invalid_api_key');
    expect((await call('GET', '/api/v1/auth/me', { xApiKey: writeOnlyKey })).body.error.code).toBe('api_key_deactivated');
    expect((await call('GET', '/api/v1/auth/me', { bearer: 'ryv_expiring_key' })).status).toBe(200);
    control.advanceClock(1_000);
    expect((await call('GET', '/api/v1/auth/me', { bearer: 'ryv_expiring_key' })).status).toBe(401);
    expect(control.counts('ryvion')).toMatchObject({ rejected: 3, expiredTokenUses: 1 });
  });

  test('requests are counted per key, also for keys that share their first and last characters', async () => {
    await call('GET', '/api/v1/auth/me', { bearer: buyer });
    await call('GET', '/api/v1/auth/me', { bearer: readOnlyKey });
    await call('GET', '/api/v1/auth/me', { xApiKey: readOnlyKey });
    expect(control.counts('ryvion').byCredential).toEqual({ [credentialLabel(buyer)]: 1, [credentialLabel(readOnlyKey)]: 2 });
  });

  test('a key created through the API works at once and is listed by prefix only', async () => {
    const created = await call('POST', '/api/v1/auth/api-keys', { bearer: buyer }, { name: 'ci' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'ci', scopes: ['buyer'], key: expect.stringMatching(/^ryv_[0-9a-f]{32}$/) });
    expect((await call('GET', '/api/v1/auth/me', { xApiKey: created.body.key })).status).toBe(200);
    const listed = await call('GET', '/api/v1/auth/api-keys');
    const names = listed.body.api_keys.map((key: { name: string }) => key.name);
    expect(names).toEqual(['sandbox buyer', 'sandbox read-only', 'sandbox write-only', 'ci']);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect(listed.body.api_keys[3]).toMatchObject({ id: created.body.id, prefix: `${created.body.key.slice(0, 8)}…`, last_used_at: expect.any(String) });
  });

  test('a key needs a name', async () => {
    const { status, body } = await call('POST', '/api/v1/auth/api-keys', { bearer: buyer }, { name: '' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'name' });
  });
});

describe('scopes', () => {
  const kbPath = '/api/v1/knowledge-bases';
  const chat = { model: 'tinyllama', messages: [{ role: 'user', content: 'hi' }] };
  // [method, path, body, allowed scopes]
  const table: [string, string, unknown, string[]][] = [
    ['GET', '/api/v1/auth/me', undefined, ['buyer', 'read-only', 'write-only']],
    ['GET', '/api/v1/auth/api-keys', undefined, ['buyer']],
    ['POST', '/api/v1/auth/api-keys', { name: 'x' }, ['buyer']],
    ['GET', '/v1/models', undefined, ['buyer', 'read-only']],
    ['POST', '/v1/chat/completions', chat, ['buyer', 'write-only']],
    ['POST', '/v1/embeddings', { model: 'all-MiniLM-L6-v2', input: 'x' }, ['buyer', 'write-only']],
    ['GET', kbPath, undefined, ['buyer', 'read-only']],
    ['POST', kbPath, { name: 'x' }, ['buyer']],
  ];
  const keys = { buyer, 'read-only': readOnlyKey, 'write-only': writeOnlyKey };

  test.each(table)('%s %s is open to %j only', async (method, path, body, allowed) => {
    for (const [scope, key] of Object.entries(keys)) {
      const { status, body: answer } = await call(method, path, { bearer: key }, body);
      if (allowed.includes(scope)) expect(status, scope).toBeLessThan(300);
      else expect([status, answer.error.code, answer.error.type], scope).toEqual([403, 'insufficient_scope', 'permission_error']);
    }
  });

  test('read-only may search and read the graph but not upload; write-only the reverse', async () => {
    const { id } = await knowledgeBaseWith('Refunds take five days.');
    const form = () => {
      const data = new FormData();
      data.append('file', new Blob(['more']), 'more.txt');
      return data;
    };
    expect((await call('POST', `${kbPath}/${id}/documents`, { bearer: readOnlyKey }, form())).status).toBe(403);
    expect((await call('POST', `${kbPath}/${id}/documents`, { xApiKey: writeOnlyKey }, form())).status).toBe(202);
    expect((await call('POST', `${kbPath}/${id}/search`, { bearer: readOnlyKey }, { query: 'refund' })).status).toBe(200);
    expect((await call('POST', `${kbPath}/${id}/search`, { bearer: writeOnlyKey }, { query: 'refund' })).status).toBe(403);
    expect((await call('GET', `${kbPath}/${id}/graph`, { bearer: readOnlyKey })).status).toBe(200);
    expect((await call('GET', `${kbPath}/${id}/graph`, { bearer: writeOnlyKey })).status).toBe(403);
  });
});

describe('receipts', () => {
  test('every answer names a signed receipt that the public endpoint verifies', async () => {
    const answers = [await call('GET', '/v1/models'), await call('GET', '/v1/models', { xApiKey: buyer }), await call('POST', '/api/v1/knowledge-bases/kb_nope/search', { bearer: buyer }, { query: 'x' })];
    const cids = answers.map((answer) => answer.headers.get('x-ryvion-receipt-cid'));
    for (const cid of cids) expect(cid).toMatch(/^ryv1:sha256:[0-9a-f]{64}$/);
    expect(new Set(cids).size).toBe(3);
    const receipt = await call('GET', `/v8/receipts/${cids[0]}`, null);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ cid: cids[0], node: 'n_ca_sandbox_01', model: null, signature: expect.stringMatching(/^ed25519:/), verified: true });
  });

  test('a receipt carries the core record the node signs (job, node key, result hash, metering units) and unsigned metadata', async () => {
    const chat = await call('POST', '/v1/chat/completions', { bearer: buyer }, { model: 'phi-4', jurisdiction: 'DE', messages: [{ role: 'user', content: 'hi' }] });
    const { body: receipt } = await call('GET', `/v8/receipts/${chat.headers.get('x-ryvion-receipt-cid')}`, null);
    const resultText = JSON.stringify(chat.body);
    expect(receipt).toMatchObject({
      job_id: expect.stringMatching(/^job_[0-9a-f]{24}$/),
      node_public_key: expect.stringMatching(/^ed25519:/),
      result_hash: sha256Hex(new TextEncoder().encode(resultText)),
      metering_units: chat.body.usage.total_tokens,
      metadata: { model: 'phi-4', jurisdiction: 'DE', created_at: expect.any(String) },
    });
    // The signature verifies against the node's published key over exactly the core record.
    const key = await crypto.subtle.importKey('raw', Buffer.from(receipt.node_public_key.slice('ed25519:'.length), 'base64'), 'Ed25519', false, ['verify']);
    const core = { job_id: receipt.job_id, node_public_key: receipt.node_public_key, result_hash: receipt.result_hash, metering_units: receipt.metering_units };
    const signature = Buffer.from(receipt.signature.slice('ed25519:'.length), 'base64');
    expect(await crypto.subtle.verify('Ed25519', key, signature, new TextEncoder().encode(JSON.stringify(core)))).toBe(true);
    expect(await crypto.subtle.verify('Ed25519', key, signature, new TextEncoder().encode(JSON.stringify({ ...core, metering_units: 1 })))).toBe(false);
  });

  test('an inference receipt names its model and the node of its jurisdiction', async () => {
    const chat = await call('POST', '/v1/chat/completions', { bearer: buyer }, { model: 'phi-4', jurisdiction: 'DE', messages: [{ role: 'user', content: 'hi' }] });
    const receipt = await call('GET', `/v8/receipts/${chat.headers.get('x-ryvion-receipt-cid')}`, null);
    expect(receipt.body).toMatchObject({ model: 'phi-4', node: 'n_de_sandbox_01', verified: true });
  });

  test('an unknown receipt is a 404 in the same style', async () => {
    const { status, body } = await call('GET', `/v8/receipts/ryv1:sha256:${'0'.repeat(64)}`, null);
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('knowledge bases', () => {
  test('a document is queued, then processed, and only then searchable', async () => {
    const text = 'Refunds are paid within five business days.\n\nShipping to Canada takes a week.';
    const { id, upload } = await knowledgeBaseWith(text);
    expect(upload.status).toBe(202);
    expect(upload.body).toMatchObject({ knowledge_base_id: id, filename: 'handbook.txt', status: 'queued', bytes: text.length });
    const search = () => call('POST', `/api/v1/knowledge-bases/${id}/search`, { bearer: buyer }, { query: 'how long do refunds take' });

    expect((await search()).body).toEqual({ results: [] });
    control.advanceClock(1_000);
    expect((await search()).body).toEqual({ results: [] }); // processing
    control.advanceClock(2_000);
    const { body } = await search();
    expect(body.results[0]).toEqual({
      chunk_id: expect.stringMatching(/^chunk_/),
      content: 'Refunds are paid within five business days.\n\nShipping to Canada takes a week.',
      similarity: expect.any(Number),
      metadata: { document_id: upload.body.id, filename: 'handbook.txt', page: 1 },
    });
    expect(body.results[0].similarity).toBeGreaterThan(0);
  });

  test('search ranks chunks by similarity and honours the limit (5 by default)', async () => {
    const paragraphs = Array.from({ length: 8 }, (_, index) => `Topic ${index}: ${'filler text '.repeat(60)}${index === 6 ? 'invoices are due monthly' : ''}`);
    const { id } = await knowledgeBaseWith(paragraphs.join('\n\n'));
    control.advanceClock(3_000);
    const search = (body: object) => call('POST', `/api/v1/knowledge-bases/${id}/search`, { bearer: buyer }, body);
    const ranked = (await search({ query: 'when are invoices due' })).body.results;
    expect(ranked[0].content).toContain('invoices are due monthly');
    expect(ranked[0].metadata.page).toBe(2); // paragraph 6 starts near character 4,400; pages are ~3,000
    expect((await search({ query: 'filler text' })).body.results).toHaveLength(5);
    expect((await search({ query: 'filler text', limit: 2 })).body.results).toHaveLength(2);
    expect((await search({ query: 'filler', limit: 0 })).status).toBe(400);
  });

  test('the graph links processed documents to the names they mention', async () => {
    const { id, upload } = await knowledgeBaseWith('Ryvion Hub routes jobs to nodes in Canada and Germany.');
    expect((await call('GET', `/api/v1/knowledge-bases/${id}/graph`)).body).toEqual({ knowledge_base_id: id, nodes: [], edges: [] });
    control.advanceClock(3_000);
    const { body } = await call('GET', `/api/v1/knowledge-bases/${id}/graph`);
    expect(body.nodes.map((node: { label: string }) => node.label)).toEqual(['handbook.txt', 'Ryvion Hub', 'Canada', 'Germany']);
    expect(body.edges).toHaveLength(3);
    expect(body.edges[0]).toMatchObject({ source: upload.body.id, relation: 'mentions' });
  });

  test('knowledge bases are listed, checked and 404 when unknown', async () => {
    await knowledgeBaseWith('x');
    const list = await call('GET', '/api/v1/knowledge-bases', { bearer: readOnlyKey });
    expect(list.body.knowledge_bases).toEqual([{ id: expect.stringMatching(/^kb_/), name: 'handbook', jurisdiction: 'DE', created_at: expect.any(String) }]);
    expect((await call('POST', '/api/v1/knowledge-bases', { bearer: buyer }, { name: 'x', jurisdiction: 'Canada' })).body.error.param).toBe('jurisdiction');
    expect((await call('POST', '/api/v1/knowledge-bases/kb_nope/search', { bearer: buyer }, { query: 'x' })).status).toBe(404);
    const notMultipart = await call('POST', `/api/v1/knowledge-bases/${list.body.knowledge_bases[0].id}/documents`, { bearer: buyer }, { file: 'x' });
    expect(notMultipart.body.error).toMatchObject({ code: 'invalid_request', param: 'file' });
  });
});

describe('inference', () => {
  test('models are listed OpenAI-style', async () => {
    const { body } = await call('GET', '/v1/models', { bearer: readOnlyKey });
    expect(body.object).toBe('list');
    expect(body.data.map((model: { id: string }) => model.id)).toEqual(['phi-4', 'ryvion-llama-3.2-3b', 'tinyllama', 'all-MiniLM-L6-v2']);
  });

  test('a chat completion answers, grounded in a knowledge base when given one', async () => {
    const { id } = await knowledgeBaseWith('Refunds are paid within five business days.');
    control.advanceClock(3_000);
    const { status, body } = await call('POST', '/v1/chat/completions', { bearer: buyer }, {
      model: 'phi-4',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'When are refunds paid?' }],
      knowledge_base: id,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ object: 'chat.completion', model: 'phi-4', choices: [{ index: 0, finish_reason: 'stop' }] });
    expect(body.choices[0].message.content).toBe('According to handbook.txt: Refunds are paid within five business days.');
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  test('max_tokens cuts the answer short with finish_reason length', async () => {
    const { body } = await call('POST', '/v1/chat/completions', { bearer: buyer }, { model: 'tinyllama', max_tokens: 2, messages: [{ role: 'user', content: 'tell me everything' }] });
    expect(body.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'Sandbox' } });
  });

  test('stream: true answers with server-sent events ending in [DONE]', async () => {
    const { headers, body } = await call('POST', '/v1/chat/completions', { bearer: buyer }, { model: 'tinyllama', stream: true, messages: [{ role: 'user', content: 'hi there' }] });
    expect(headers.get('content-type')).toBe('text/event-stream');
    expect(headers.get('x-ryvion-receipt-cid')).toMatch(/^ryv1:/);
    const events = (body as string).trim().split('\n\n').map((event) => event.replace(/^data: /, ''));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(chunks.map((chunk) => chunk.choices[0].delta.content ?? '').join('')).toBe('Sandbox answer from tinyllama to: hi there');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
  });

  test('a stream is written over time: the response arrives before its events, one read at a time', async () => {
    ryvionState(control).streamIntervalMs = 5;
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${buyer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'tinyllama', stream: true, messages: [{ role: 'user', content: 'one two three' }] }),
    });
    const reader = response.body!.getReader();
    const reads: string[] = [];
    for (let part = await reader.read(); !part.done; part = await reader.read()) reads.push(new TextDecoder().decode(part.value));
    // One event per read: the answer's words arrive as separate writes, not as one body.
    expect(reads.length).toBeGreaterThanOrEqual(7);
    expect(reads.every((read) => read.startsWith('data: ') && read.endsWith('\n\n') && read.split('\n\n').length === 2)).toBe(true);
    expect(ryvionState(control).streams).toEqual({ opened: 1, completed: 1, cancelled: 0 });
  });

  test('an injected stream error replaces the rest of the stream with an error event', async () => {
    ryvionState(control).injectStreamError({ afterChunks: 2, code: 'server_error' });
    const { body } = await call('POST', '/v1/chat/completions', { bearer: buyer }, { model: 'tinyllama', stream: true, messages: [{ role: 'user', content: 'hi there' }] });
    const events = (body as string).trim().split('\n\n').map((event) => JSON.parse(event.replace(/^data: /, '')));
    expect(events).toHaveLength(3);
    expect(events[2]).toEqual({ error: { message: expect.any(String), type: 'server_error', code: 'server_error', param: null } });
    // Once: the next stream is whole again.
    const next = await call('POST', '/v1/chat/completions', { bearer: buyer }, { model: 'tinyllama', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect((next.body as string).trim().endsWith('data: [DONE]')).toBe(true);
  });

  test.each([
    [{ model: 'gpt-4', messages: [{ role: 'user', content: 'x' }] }, 404, 'model'],
    [{ model: 'phi-4', messages: [] }, 400, 'messages'],
    [{ model: 'phi-4', messages: [{ role: 'tool', content: 'x' }] }, 400, 'messages'],
    [{ model: 'phi-4', temperature: 3, messages: [{ role: 'user', content: 'x' }] }, 400, 'temperature'],
    [{ model: 'phi-4', knowledge_base: 'kb_nope', messages: [{ role: 'user', content: 'x' }] }, 404, 'knowledge_base'],
    [{ model: 'all-MiniLM-L6-v2', messages: [{ role: 'user', content: 'x' }] }, 400, 'model'],
  ])('a chat completion with %j is refused naming the field', async (body, status, param) => {
    const answer = await call('POST', '/v1/chat/completions', { bearer: buyer }, body);
    expect([answer.status, answer.body.error.param]).toEqual([status, param]);
  });

  test('embeddings have 384 dimensions, one per input, and similar texts are close', async () => {
    const { body } = await call('POST', '/v1/embeddings', { xApiKey: writeOnlyKey }, { model: 'all-MiniLM-L6-v2', input: ['refund policy', 'refunds policy', 'rocket fuel'] });
    expect(body.data.map((item: { index: number; embedding: number[] }) => [item.index, item.embedding.length])).toEqual([[0, 384], [1, 384], [2, 384]]);
    const dot = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);
    const [a, b, c] = body.data.map((item: { embedding: number[] }) => item.embedding);
    expect(dot(a, b)).toBeCloseTo(1, 3);
    expect(Math.abs(dot(a, c))).toBeLessThan(0.5);
    expect((await call('POST', '/v1/embeddings', { bearer: buyer }, { model: 'all-MiniLM-L6-v2', input: [] })).body.error.param).toBe('input');
  });
});

describe('spending cap', () => {
  test('paid calls beyond the cap get the documented 429 until the rolling hour frees it', async () => {
    const { id } = await knowledgeBaseWith('Refunds take five days.');
    ryvionState(control).spendingCapMicroCad = 25_000; // two searches at $0.01, plus the upload's embedding
    const search = () => call('POST', `/api/v1/knowledge-bases/${id}/search`, { bearer: buyer }, { query: 'refunds' });
    expect([(await search()).status, (await search()).status]).toEqual([200, 200]);
    const capped = await search();
    expect(capped.status).toBe(429);
    expect(capped.body).toEqual({
      error: { message: 'Spending velocity limit exceeded. Current limit: $0.03 CAD/hour.', type: 'rate_limit_error', code: 'spending_velocity_exceeded', param: null },
    });
    expect(capped.headers.get('retry-after')).toBeNull();
    expect((await call('GET', '/v1/models')).status).toBe(200); // free calls go on
    control.advanceClock(3_600_000);
    expect((await search()).status).toBe(200);
  });

  test('the cap is per key', async () => {
    ryvionState(control).spendingCapMicroCad = 1;
    const chat = (key: string) => call('POST', '/v1/chat/completions', { bearer: key }, { model: 'tinyllama', messages: [{ role: 'user', content: 'x' }] });
    expect((await chat(buyer)).status).toBe(429);
    ryvionState(control).spendingCapMicroCad = 100;
    expect((await chat(writeOnlyKey)).status).toBe(200);
  });

  test('a completion is admitted on its max_tokens, charged on what it produced', async () => {
    ryvionState(control).spendingCapMicroCad = 100; // 2,000 tinyllama tokens
    const chat = (maxTokens: number) =>
      call('POST', '/v1/chat/completions', { bearer: buyer }, { model: 'tinyllama', max_tokens: maxTokens, messages: [{ role: 'user', content: 'x' }] });
    expect((await chat(5_000)).status).toBe(429);
    expect((await chat(1_000)).status).toBe(200);
    expect((await chat(1_000)).status).toBe(200); // the first one cost a few tokens, not 1,000
  });

  test('reset starts the spending and the knowledge bases afresh', async () => {
    await knowledgeBaseWith('x');
    ryvionState(control).spendingCapMicroCad = 1;
    control.reset();
    expect(ryvionState(control).spendingCapMicroCad).toBe(5_000_000);
    expect((await call('GET', '/api/v1/knowledge-bases')).body.knowledge_bases).toEqual([]);
  });
});

describe('faults and hosts', () => {
  test('injected faults answer in Ryvion’s error style', async () => {
    control.inject('ryvion', { status: 429, path: '/v1/chat' });
    control.inject('ryvion', { status: 504, path: '/v1/models' });
    const capped = await call('POST', '/v1/chat/completions', { bearer: buyer }, { model: 'phi-4', messages: [{ role: 'user', content: 'x' }] });
    expect(capped.body.error).toMatchObject({ code: 'spending_velocity_exceeded', type: 'rate_limit_error' });
    const timedOut = await call('GET', '/v1/models');
    expect([timedOut.status, timedOut.body.error.code]).toEqual([504, 'gateway_timeout']);
    expect(control.counts('ryvion')).toMatchObject({ requests: 2, faults: 2 });
  });

  test('an injected fault carries X-Ryvion-Receipt-CID like every Ryvion response, and its receipt is public', async () => {
    control.inject('ryvion', { status: 429 });
    const { status, headers } = await call('GET', '/v1/models');
    expect(status).toBe(429);
    const cid = headers.get('x-ryvion-receipt-cid');
    expect(cid).toMatch(/^ryv1:sha256:[0-9a-f]{64}$/);
    expect((await call('GET', `/v8/receipts/${cid}`, null)).body).toMatchObject({ cid, verified: true });
  });

  test('the emulator serves whatever base URL it is given', async () => {
    const moved = createSandbox({ urls: { ryvion: 'http://127.0.0.1:8123/ryvion' }, control });
    server.use(...moved.handlers);
    const response = await fetch('http://127.0.0.1:8123/ryvion/api/v1/auth/me', { headers: { 'x-api-key': buyer } });
    expect(response.status).toBe(200);
    expect(control.counts('ryvion').byCredential).toEqual({ [credentialLabel(buyer)]: 1 });
  });
});
