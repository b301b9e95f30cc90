import { describe, expect, test } from 'vitest';
import { readServerSentEvents, ServerSentEventDecoder, type ServerSentEvent } from '../../../src/core/util/server-sent-events';

const decodeAll = (pieces: readonly string[]): ServerSentEvent[] => {
  const decoder = new ServerSentEventDecoder();
  return [...pieces.flatMap((piece) => decoder.decode(piece)), ...decoder.end()];
};

/** Every way of cutting `text` in two, and cutting it into single characters. */
function cuts(text: string): string[][] {
  const splits = Array.from({ length: text.length + 1 }, (_, at) => [text.slice(0, at), text.slice(at)]);
  return [...splits, [...text]];
}

const bytesIn = (parts: readonly Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });

async function readAll(body: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(body)) events.push(event);
  return events;
}

const message = (data: string, id?: string): ServerSentEvent => ({ event: 'message', data, id });

describe('decoding server-sent events', () => {
  test('data lines become one event per blank line, the space after the colon dropped', () => {
    expect(decodeAll(['data: {"a":1}\n\ndata:[DONE]\n\n'])).toEqual([message('{"a":1}'), message('[DONE]')]);
  });

  test('CRLF, LF and CR all end lines', () => {
    expect(decodeAll(['data: one\r\n\r\ndata: two\n\ndata: three\r\rdata: four\r\n\n'])).toEqual(
      ['one', 'two', 'three', 'four'].map((data) => message(data)),
    );
  });

  test('several data lines join with a newline', () => {
    expect(decodeAll(['data: first\ndata: second\ndata\n\n'])).toEqual([message('first\nsecond\n')]);
  });

  test('comments, unknown fields and events without data are skipped', () => {
    expect(decodeAll([': keep-alive\n\nretry: 100\nfoo: bar\n\nevent: ping\n\ndata: x\n\n'])).toEqual([message('x')]);
  });

  test('an event field names the event, the id is kept across events', () => {
    expect(decodeAll(['id: 7\nevent: error\ndata: {}\n\ndata: next\n\n'])).toEqual([
      { event: 'error', data: '{}', id: '7' },
      { event: 'message', data: 'next', id: '7' },
    ]);
  });

  test('an event the stream ends inside is not dispatched', () => {
    expect(decodeAll(['data: whole\n\ndata: half\n'])).toEqual([message('whole')]);
  });

  test('a stream ending in a CR completes its last blank line', () => {
    expect(decodeAll(['data: x\r\r'])).toEqual([message('x')]);
  });

  test.each([
    ['LF', 'data: {"n":1}\n\n: comment\ndata: a\ndata: b\n\nevent: error\ndata: {"error":{}}\n\ndata: [DONE]\n\n'],
    ['CRLF', 'data: {"n":1}\r\n\r\n: comment\r\ndata: a\r\ndata: b\r\n\r\nevent: error\r\ndata: {"error":{}}\r\n\r\ndata: [DONE]\r\n\r\n'],
    ['CR', 'data: {"n":1}\r\r: comment\rdata: a\rdata: b\r\revent: error\rdata: {"error":{}}\r\rdata: [DONE]\r\r'],
  ])('events split across chunks at every position decode the same (%s)', (_name, text) => {
    const whole = decodeAll([text]);
    expect(whole.map((event) => event.data)).toEqual(['{"n":1}', 'a\nb', '{"error":{}}', '[DONE]']);
    for (const pieces of cuts(text)) expect(decodeAll(pieces)).toEqual(whole);
  });
});

describe('reading events from a body', () => {
  test('bytes cut anywhere, inside a multi-byte character too, read as the same events', async () => {
    const bytes = new TextEncoder().encode('data: {"content":"héllo ✓ 🙂"}\r\n\r\ndata: [DONE]\r\n\r\n');
    const expected = [message('{"content":"héllo ✓ 🙂"}'), message('[DONE]')];
    for (let at = 0; at <= bytes.length; at++) {
      expect(await readAll(bytesIn([bytes.slice(0, at), bytes.slice(at)]))).toEqual(expected);
    }
    expect(await readAll(bytesIn(Array.from(bytes, (byte) => Uint8Array.of(byte))))).toEqual(expected);
  });

  test('a leading byte-order mark is ignored, cut anywhere', async () => {
    const bytes = new TextEncoder().encode('\uFEFFdata: x\n\n');
    for (let at = 0; at <= bytes.length; at++) {
      expect(await readAll(bytesIn([bytes.slice(0, at), bytes.slice(at)]))).toEqual([message('x')]);
    }
  });

  test('leaving the loop early cancels the body', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: more\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of readServerSentEvents(body)) {
      expect(event.data).toBe('more');
      break;
    }
    expect(cancelled).toBe(true);
  });

  test('a read that fails throws its own error', async () => {
    const cut = new TypeError('terminated');
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(cut);
        else controller.enqueue(new TextEncoder().encode('data: first\n\n'));
        sent = true;
      },
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const event of readServerSentEvents(body)) seen.push(event.data);
      })(),
    ).rejects.toBe(cut);
    expect(seen).toEqual(['first']);
  });
});
