import { describe, expect, test } from 'vitest';
import {
  ConfigurationError,
  ConnectionError,
  InsufficientScopeError,
  QuotaExceededError,
  RyvionClient,
  ServerError,
  type ChatCompletionChunk,
} from '../../../src/apis/ryvion/index';
import { ryvionState } from '../../../src/sandbox/ryvion/ryvion-state';
import { useRyvionSandbox } from './ryvion-test-kit';

const { control, keys, server } = useRyvionSandbox();
const messages = [{ role: 'user' as const, content: 'stream this answer' }];
const expectedAnswer = 'Sandbox answer from tinyllama to: stream this answer';

const textOf = (chunks: readonly ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('chatCompletion without stream', () => {
  test('resolves to the completion with its receipt', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const completion = await ryvion.chatCompletion({ model: 'phi-4', messages: [{ role: 'user', content: 'Hello' }] });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBe('Sandbox answer from phi-4 to: Hello');
    expect(completion.receiptCid).toMatch(/^ryv1:sha256:[0-9a-f]{64}$/);
  });
});

describe('receipts of completions', () => {
  test('a grounded completion’s receipt carries the signed record and lists the chunks it drew on', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('policies', { jurisdiction: 'CA' });
    const document = await ryvion.uploadDocument(kb.id, new Blob(['Refunds are paid within five business days.']), 'refunds.md');
    control.advanceClock(3_000);
    const completion = await ryvion.chatCompletion({ model: 'phi-4', knowledge_base: kb.id, messages: [{ role: 'user', content: 'How fast are refunds?' }] });
    const receipt = await ryvion.getReceipt(completion.receiptCid!);
    expect(receipt).toMatchObject({
      verified: true,
      job_id: expect.stringMatching(/^job_/),
      node_public_key: expect.stringMatching(/^ed25519:/),
      result_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      metering_units: completion.usage.total_tokens,
      metadata: { model: 'phi-4', jurisdiction: 'CA', retrieved_chunks: [{ chunk_id: expect.stringMatching(/^chunk_/), document_id: document.id }] },
    });
  });
});

describe('chatCompletion with stream: true', () => {
  test('yields typed chunks as the server sends them, and ends at [DONE]', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.writeOnlyKey });
    const chunks = await collect(ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true }));
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant' });
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(textOf(chunks)).toBe(expectedAnswer);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(ryvionState(control).streams).toEqual({ opened: 1, completed: 1, cancelled: 0 });
  });

  test('the emulator writes the chunks over time, not as one body', async () => {
    ryvionState(control).streamIntervalMs = 5;
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const { data: stream, response } = await ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true }).withResponse();
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    // The response arrived before the stream was written: no chunk has been read yet and none has been completed.
    expect(ryvionState(control).streams.completed).toBe(0);
    expect(textOf(await collect(stream))).toBe(expectedAnswer);
    expect(ryvionState(control).streams.completed).toBe(1);
  });

  test('the stream’s receipt is on its response', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const { data: stream, response } = await ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true }).withResponse();
    await collect(stream);
    const receipt = await ryvion.getReceipt(response.headers.get('x-ryvion-receipt-cid')!);
    expect(receipt).toMatchObject({ model: 'tinyllama', verified: true });
  });

  test('break closes the connection: the server sees the stream cancelled', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const seen: ChatCompletionChunk[] = [];
    for await (const chunk of ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true })) {
      seen.push(chunk);
      if (seen.length === 2) break;
    }
    expect(seen).toHaveLength(2);
    await expect.poll(() => ryvionState(control).streams.cancelled).toBe(1);
    expect(ryvionState(control).streams.completed).toBe(0);
  });

  test('an error event mid-stream rejects with the error its code maps to, after the chunks before it', async () => {
    ryvionState(control).injectStreamError({ afterChunks: 2 });
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const seen: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true })) seen.push(chunk);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'server_error', status: 500, detail: 'The executing node failed mid-stream.' });
    expect(seen).toHaveLength(2);
  });

  test('an error event with a quota code is a QuotaExceededError', async () => {
    ryvionState(control).injectStreamError({ afterChunks: 0, code: 'spending_velocity_exceeded', type: 'rate_limit_error', message: 'cap' });
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    await expect(collect(ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true }))).rejects.toBeInstanceOf(QuotaExceededError);
  });

  test('a refused request rejects before any chunk, with the typed error of its status', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.readOnlyKey });
    const call = ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true });
    await expect(call).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(collect(ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true }))).rejects.toBeInstanceOf(InsufficientScopeError);
  });

  test('a body that ends without [DONE] is a cut stream: ConnectionError', async () => {
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.post('https://api.ryvion.ai/v1/chat/completions', () =>
        new HttpResponse('data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}\n\n', {
          headers: { 'content-type': 'text/event-stream' },
        }),
      ),
    );
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const error = await collect(ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(String((error as Error).message)).toMatch(/POST https:\/\/api\.ryvion\.ai\/v1\/chat\/completions .*closed before the stream's end event/);
  });

  test('a stream can be read once', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const stream = await ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true });
    await collect(stream);
    await expect(collect(stream)).rejects.toThrow(/already read/);
  });

  test('close() ends a stream that is not read', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const stream = await ryvion.chatCompletion({ model: 'tinyllama', messages, stream: true });
    await stream.close();
    await expect.poll(() => ryvionState(control).streams.cancelled).toBe(1);
  });
});

describe('chatCompletion arguments', () => {
  test.each([
    ['no body', undefined, 'body'],
    ['no model', { messages }, 'body.model'],
    ['no messages', { model: 'phi-4', messages: [] }, 'body.messages'],
    ['a stream that is not a boolean', { model: 'phi-4', messages, stream: 'yes' }, 'body.stream'],
  ])('%s is refused as a ConfigurationError naming the field, and nothing is sent', async (_label, body, option) => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const error = await ryvion.chatCompletion(body as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option });
    expect(control.counts('ryvion').requests).toBe(0);
  });
});

describe('embeddings', () => {
  test('one text gives one embedding of 384 numbers, with its receipt', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const { data, model, receiptCid } = await ryvion.embeddings('refunds take five days');
    expect(model).toBe('all-MiniLM-L6-v2');
    expect(data.map((item) => [item.index, item.embedding.length])).toEqual([[0, 384]]);
    expect(receiptCid).toMatch(/^ryv1:sha256:/);
  });

  test('several texts give one embedding each, in input order', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.writeOnlyKey });
    const { data } = await ryvion.embeddings(['first', 'second', 'first']);
    expect(data.map((item) => item.index)).toEqual([0, 1, 2]);
    expect(data[2]?.embedding).toEqual(data[0]?.embedding);
    expect(data[1]?.embedding).not.toEqual(data[0]?.embedding);
  });

  test.each([
    ['an empty array', [], 'input'],
    ['a number in the array', ['a', 3], 'input[1]'],
    ['no input', undefined, 'input'],
  ])('%s is refused as a ConfigurationError naming it', async (_label, input, option) => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    await expect(ryvion.embeddings(input as never)).rejects.toMatchObject({ name: 'ConfigurationError', option });
    expect(control.counts('ryvion').requests).toBe(0);
  });
});
