import { describe, expect, test } from 'vitest';
import { RyvionClient, type ChatCompletion, type ChatCompletionChunk } from '../../../src/apis/ryvion/index';
import { useRyvionSandbox } from './ryvion-test-kit';

/** The typed POST may answer a stream (`stream: true`); a call without it gets the JSON completion. */
function completionOf(data: ChatCompletion | string): ChatCompletion {
  if (typeof data === 'string') throw new Error('expected a JSON completion, got a stream');
  return data;
}

const { control, keys } = useRyvionSandbox();

describe('inference', () => {
  test('models are listed', async () => {
    const { data, receiptCid } = await new RyvionClient({ apiKey: keys.readOnlyKey }).listModels();
    expect(data.map((model) => model.id)).toContain('phi-4');
    expect(data.find((model) => model.id === 'all-MiniLM-L6-v2')).toMatchObject({ object: 'model', owned_by: 'ryvion' });
    expect(receiptCid).toMatch(/^ryv1:sha256:[0-9a-f]{64}$/);
  });

  test('a chat completion goes through the typed POST, its receipt on the response', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.writeOnlyKey });
    const { data: answer, response } = await ryvion
      .POST('/v1/chat/completions', { body: { model: 'phi-4', messages: [{ role: 'user', content: 'Hello' }], temperature: 0.2, jurisdiction: 'DE' } })
      .withResponse();
    const data = completionOf(answer);
    expect(data.choices[0]?.message.content).toBe('Sandbox answer from phi-4 to: Hello');
    expect(data.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: expect.any(Number) });
    const receipt = await ryvion.getReceipt(response.headers.get('x-ryvion-receipt-cid')!);
    expect(receipt).toMatchObject({ model: 'phi-4', node: 'n_de_sandbox_01', verified: true });
  });

  test('a chat completion grounded in a knowledge base answers from its documents', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('policies');
    await ryvion.uploadDocument(kb.id, new Blob(['Refunds are paid within five business days.']), 'refunds.md');
    control.advanceClock(3_000);
    const completion = completionOf(
      await ryvion.POST('/v1/chat/completions', {
        body: { model: 'ryvion-llama-3.2-3b', knowledge_base: kb.id, messages: [{ role: 'user', content: 'How fast are refunds?' }] },
      }),
    );
    expect(completion.choices[0]?.message.content).toBe('According to refunds.md: Refunds are paid within five business days.');
  });

  test('a streamed completion is read as server-sent events', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const stream = await ryvion.POST('/v1/chat/completions', {
      body: { model: 'tinyllama', stream: true, messages: [{ role: 'user', content: 'stream this' }] },
      parseAs: 'stream',
    });
    // openapi-fetch infers `parseAs` from the call only when the body has no nested literal unions
    // (here `role`), so the static type is the spec's union: read it as the stream it is.
    const text = await new Response(stream as unknown as ReadableStream<Uint8Array>).text();
    const events = text.trim().split('\n\n').map((event) => event.slice('data: '.length));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as ChatCompletionChunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Sandbox answer from tinyllama to: stream this');
  });

  test('embeddings have 384 dimensions per input', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey, header: 'x-api-key' });
    const { data, usage } = await ryvion.POST('/v1/embeddings', { body: { model: 'all-MiniLM-L6-v2', input: ['first text', 'second text'] } });
    expect(data.map((item) => [item.index, item.embedding.length])).toEqual([
      [0, 384],
      [1, 384],
    ]);
    expect(usage.total_tokens).toBeGreaterThan(0);
  });
});
