import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AbortError, ConnectionError, RyvionClient, type ChatCompletionChunk } from '../../../src/apis/ryvion/index';
import type { WaitEndView } from '../../../src/core/observe/views';

// A real server on 127.0.0.1 that streams without end until the client goes away, or cuts the
// socket mid-stream, so that closing and cutting are seen on a real TCP connection (no msw here).
const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'chatcmpl_1', object: 'chat.completion.chunk', created: 1, model: 'phi-4', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const apiKey = 'ryv_loopback_stream_key';

type Mode = 'endless' | 'cut' | 'complete';
let mode: Mode = 'endless';
let server: Server;
let baseUrl: string;
/** What the server saw of each stream: chunks written, and whether the client closed the connection. */
let streams: { written: number; closedByClient: Promise<void> }[] = [];

function handle(request: IncomingMessage, response: ServerResponse) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'x-ryvion-receipt-cid': 'ryv1:sha256:00' });
  const seen = { written: 0, closedByClient: new Promise<void>((resolve) => response.on('close', () => resolve())) };
  streams.push(seen);
  // JWT-sized content: each chunk spans several TCP writes' worth of text.
  const write = () => {
    seen.written += 1;
    response.write(chunk(`${'x'.repeat(2_000)} ${seen.written}`));
  };
  write();
  write();
  if (mode === 'complete') {
    response.end('data: [DONE]\n\n');
    return;
  }
  if (mode === 'cut') {
    // Both chunks are on the wire; then the connection drops without [DONE].
    setTimeout(() => request.socket.destroy(), 20);
    return;
  }
  const timer = setInterval(write, 5);
  response.on('close', () => clearInterval(timer));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handle(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  mode = 'endless';
  streams = [];
});

const request = { model: 'phi-4', messages: [{ role: 'user' as const, content: 'hi' }], stream: true as const };

describe('a streamed completion over a real connection', () => {
  test('a connection cut mid-stream rejects with ConnectionError, after the chunks that arrived', async () => {
    mode = 'cut';
    const ryvion = new RyvionClient({ apiKey, baseUrl, maxRetries: 0 });
    const seen: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const item of ryvion.chatCompletion(request)) seen.push(item);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions failed while reading the response/);
    expect((error as Error).message).not.toContain(apiKey);
    expect(seen).toHaveLength(2);
  });

  test('break closes the connection: the server sees the client go away', async () => {
    const ryvion = new RyvionClient({ apiKey, baseUrl });
    let read = 0;
    for await (const item of ryvion.chatCompletion(request)) {
      expect(item.object).toBe('chat.completion.chunk');
      if (++read === 3) break;
    }
    await streams[0]!.closedByClient;
    expect(read).toBe(3);
  });

  test('the signal closes the connection mid-stream and rejects with AbortError', async () => {
    const ryvion = new RyvionClient({ apiKey, baseUrl });
    const controller = new AbortController();
    let read = 0;
    const error = await (async () => {
      for await (const _item of ryvion.chatCompletion(request, { signal: controller.signal })) {
        if (++read === 2) controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    await streams[0]!.closedByClient;
  });
});

describe('the end of a stream is reported to an observed client', () => {
  function observed() {
    const lines: string[] = [];
    const ends: WaitEndView[] = [];
    const logger = { debug: (line: string) => lines.push(line), info: () => {}, warn: () => {}, error: () => {} };
    const ryvion = new RyvionClient({ apiKey, baseUrl, maxRetries: 0, logLevel: 'debug', logger, hooks: { onWaitEnd: (view) => void ends.push(view) } });
    return { ryvion, ends, streamLines: () => lines.filter((line) => line.startsWith('keycard wait-end kind=stream')) };
  }

  test('a stream read to its end event: done, with the chunks it carried', async () => {
    mode = 'complete';
    const { ryvion, ends, streamLines } = observed();
    let read = 0;
    for await (const _item of ryvion.chatCompletion(request)) read += 1;
    expect(read).toBe(2);
    expect(ends).toEqual([expect.objectContaining({ kind: 'stream', count: 2, outcome: 'done', target: expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions$/) })]);
    expect(streamLines()).toEqual([expect.stringMatching(/ count=2 durationMs=\d+ outcome=done$/)]);
  });

  test('a stream cut mid-body: failed, after the chunks that arrived', async () => {
    mode = 'cut';
    const { ryvion, ends, streamLines } = observed();
    await expect((async () => {
      for await (const _item of ryvion.chatCompletion(request));
    })()).rejects.toBeInstanceOf(ConnectionError);
    expect(ends.map(({ count, outcome }) => ({ count, outcome }))).toEqual([{ count: 2, outcome: 'failed' }]);
    expect(streamLines()).toHaveLength(1);
  });

  test('a reader that leaves the loop early: closed, once, with the chunks it read', async () => {
    const { ryvion, ends } = observed();
    let read = 0;
    for await (const _item of ryvion.chatCompletion(request)) if (++read === 3) break;
    await streams[0]!.closedByClient;
    expect(ends.map(({ count, outcome }) => ({ count, outcome }))).toEqual([{ count: 3, outcome: 'closed' }]);
  });

  test("the caller's signal mid-stream: aborted", async () => {
    const { ryvion, ends } = observed();
    const controller = new AbortController();
    let read = 0;
    await expect((async () => {
      for await (const _item of ryvion.chatCompletion(request, { signal: controller.signal })) if (++read === 2) controller.abort();
    })()).rejects.toBeInstanceOf(AbortError);
    expect(ends.map(({ count, outcome }) => ({ count, outcome }))).toEqual([{ count: 2, outcome: 'aborted' }]);
  });

  test('a stream closed before it was read: closed with no chunks, and no line at warn', async () => {
    const lines: string[] = [];
    const ends: WaitEndView[] = [];
    const logger = { debug: (line: string) => lines.push(line), info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
    const ryvion = new RyvionClient({ apiKey, baseUrl, logLevel: 'warn', logger, hooks: { onWaitEnd: (view) => void ends.push(view) } });
    const stream = await ryvion.chatCompletion(request);
    await stream.close();
    await streams[0]!.closedByClient;
    expect(ends.map(({ count, outcome }) => ({ count, outcome }))).toEqual([{ count: 0, outcome: 'closed' }]);
    expect(lines).toEqual([]);
  });
});
