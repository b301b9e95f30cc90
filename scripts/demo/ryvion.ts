// Ryvion: an API key in either header, knowledge bases processed in the background, a signed receipt
// for every response, and a spending cap that is never retried.
import { InsufficientScopeError, QuotaExceededError, RyvionClient } from 'keycard/ryvion';
import type { DemoSection } from './demo-kit';

export const ryvionDemo: DemoSection = {
  api: 'ryvion',
  title: 'Ryvion: API keys, knowledge bases and signed receipts',

  async sandbox({ sandbox, step, log, track }) {
    const { urls, control, credentials } = sandbox;
    const { apiKey, readOnlyKey } = credentials.ryvion;
    const counts = () => control.counts('ryvion');
    const short = (cid: string | undefined) => (cid === undefined ? 'none' : `${cid.slice(0, 24)}…`);

    step('The same key as Authorization: Bearer and as X-API-Key: Ryvion takes both alike');
    const bearer = track(new RyvionClient({ apiKey, baseUrl: urls.ryvion }));
    const xApiKey = track(new RyvionClient({ apiKey, baseUrl: urls.ryvion, header: 'x-api-key' }));
    const [viaBearer, viaHeader] = await Promise.all([bearer.me(), xApiKey.me()]);
    log(`Bearer: ${viaBearer.email} with scopes ${viaBearer.scopes.join(', ')}`);
    log(`X-API-Key: ${viaHeader.email} with scopes ${viaHeader.scopes.join(', ')}`);

    step('A knowledge base, a document uploaded as multipart, processed on the sandbox clock');
    const kb = await bearer.createKnowledgeBase('handbook', { jurisdiction: 'CA' });
    const text = 'Refunds are paid within five business days.\n\nOrders ship from Montreal; delivery to Germany takes a week.';
    const uploaded = await xApiKey.uploadDocument(kb.id, new Blob([text], { type: 'text/plain' }), 'handbook.txt');
    log(`${kb.id} (${kb.jurisdiction}): ${uploaded.filename}, ${uploaded.bytes} bytes, ${uploaded.status}`);
    const question = 'how long until my refund is paid?';
    log(`search right away: ${(await bearer.searchKnowledgeBase(kb.id, question)).results.length} results (still processing)`);
    control.advanceClock(3_000);
    const { results, receiptCid } = await bearer.searchKnowledgeBase(kb.id, question, { limit: 1 });
    for (const result of results) log(`+3 s: ${result.similarity} ${result.metadata.filename} p.${result.metadata.page}: "${result.content.split('\n')[0]}"`);
    const graph = await bearer.knowledgeBaseGraph(kb.id);
    log(`graph: ${graph.nodes.filter((node) => node.type === 'entity').map((node) => node.label).join(', ')}`);

    step('The search’s receipt, looked up on the public receipts endpoint');
    const receipt = await bearer.getReceipt(receiptCid!);
    log(`${short(receipt.cid)} by ${receipt.node} (${receipt.model}): ${receipt.signature.slice(0, 20)}…, verified ${receipt.verified}`);

    step('A chat completion through the typed POST, grounded in the knowledge base; its receipt is on the response');
    const { data, response } = await bearer
      .POST('/v1/chat/completions', { body: { model: 'phi-4', knowledge_base: kb.id, messages: [{ role: 'user', content: question }] } })
      .withResponse();
    // Without `stream: true` the answer is the JSON completion, not the event stream the spec also allows.
    if (typeof data === 'string') throw new Error('Ryvion answered a stream to a call that asked for none');
    log(`${data.choices[0]?.message.content.split('\n')[0]} (${data.usage.total_tokens} tokens)`);
    log(`receipt ${short(response.headers.get('x-ryvion-receipt-cid') ?? undefined)}`);

    step('A read-only key may search, but not upload');
    const reader = track(new RyvionClient({ apiKey: readOnlyKey, baseUrl: urls.ryvion }));
    try {
      await reader.uploadDocument(kb.id, new Blob(['x']), 'x.txt');
    } catch (error) {
      if (!(error instanceof InsufficientScopeError)) throw error;
      log(`${error.name} ${error.status} ${error.code}: ${error.detail}`);
    }

    step('The spending-velocity cap: a QuotaExceededError at once, even for a GET that other 429s would retry');
    control.inject('ryvion', { status: 429, path: '/v1/models' });
    const before = counts().requests;
    try {
      await bearer.listModels();
    } catch (error) {
      if (!(error instanceof QuotaExceededError)) throw error;
      log(`${error.name} ${error.code}: ${error.detail}`);
      log(`requests sent: ${counts().requests - before}; retries by the client: ${bearer.stats.retries}`);
    }
  },

  async live(log) {
    // RYVION_API_KEY (any scope can call me(); listing needs buyer or read-only); read-only calls only.
    const ryvion = new RyvionClient();
    const account = await ryvion.me();
    log(`${account.email}: key scopes ${account.scopes.join(', ')}`);
    const { data: models } = await ryvion.listModels();
    log(`models: ${models.map((model) => model.id).join(', ')}`);
    const { knowledge_bases: knowledgeBases, receiptCid } = await ryvion.listKnowledgeBases();
    log(`${knowledgeBases.length} knowledge base(s)`);
    if (receiptCid !== undefined) {
      const receipt = await ryvion.getReceipt(receiptCid);
      log(`receipt ${receipt.cid} by ${receipt.node}: verified ${receipt.verified}`);
    }
  },
};
