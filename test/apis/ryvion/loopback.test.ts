import { afterAll, beforeAll, expect, test } from 'vitest';
import { QuotaExceededError, RyvionClient } from '../../../src/apis/ryvion/index';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index';
import { ryvionState } from '../../../src/sandbox/ryvion/ryvion-state';

// Real HTTP on 127.0.0.1, so no msw in this file: it would intercept the loopback requests.
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

test('the client runs over real HTTP against the served sandbox, with either header', async () => {
  const { apiKey } = sandbox.credentials.ryvion;
  expect(sandbox.urls.ryvion).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ryvion$/);
  const ryvion = new RyvionClient({ apiKey, baseUrl: sandbox.urls.ryvion, header: 'x-api-key' });

  const kb = await ryvion.createKnowledgeBase('loopback', { jurisdiction: 'CA' });
  await ryvion.uploadDocument(kb.id, new File(['Loopback uploads travel as multipart.'], 'loop.txt'), 'loop.txt');
  sandbox.control.advanceClock(3_000);
  const { results, receiptCid } = await new RyvionClient({ apiKey, baseUrl: sandbox.urls.ryvion }).searchKnowledgeBase(kb.id, 'multipart uploads');
  expect(results[0]?.metadata.filename).toBe('loop.txt');
  expect(await ryvion.getReceipt(receiptCid!)).toMatchObject({ cid: receiptCid, verified: true });

  sandbox.control.inject('ryvion', { status: 429, path: '/v1/models' });
  await expect(ryvion.listModels()).rejects.toBeInstanceOf(QuotaExceededError);
  expect(sandbox.control.counts('ryvion')).toMatchObject({ requests: 5, faults: 1, rejected: 0 });
});

test('a streamed completion arrives chunk by chunk over real HTTP, and break stops the served stream', async () => {
  const ryvion = new RyvionClient({ apiKey: sandbox.credentials.ryvion.apiKey, baseUrl: sandbox.urls.ryvion });
  const messages = [{ role: 'user' as const, content: 'a longer question for a longer streamed answer' }];
  let answer = '';
  for await (const chunk of ryvion.chatCompletion({ model: 'phi-4', messages, stream: true })) answer += chunk.choices[0]?.delta.content ?? '';
  expect(answer).toBe('Sandbox answer from phi-4 to: a longer question for a longer streamed answer');

  let read = 0;
  for await (const _chunk of ryvion.chatCompletion({ model: 'phi-4', messages, stream: true })) if (++read === 2) break;
  await expect.poll(() => ryvionState(sandbox.control).streams).toEqual({ opened: 2, completed: 1, cancelled: 1 });
});
