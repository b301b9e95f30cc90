import { AsyncLocalStorage } from 'node:async_hooks';
import { tracingChannel } from 'node:diagnostics_channel';
import { build } from 'esbuild';
import { afterEach, describe, expect, test } from 'vitest';
import { createObserver } from '../../../src/core/observe/observer';
import { findChannels, keycardChannels, requestChannelName, tokenExchangeChannelName } from '../../../src/core/observe/tracing';
import { requestView } from '../../../src/core/observe/views';

type Event = [string, Record<string, unknown>];

/** Subscribes to a channel and records each event with a copy of its context. */
function record(name: string) {
  const events: Event[] = [];
  const at = (kind: string) => (context: unknown) => void events.push([kind, { ...(context as object) }]);
  const handlers = { start: at('start'), end: at('end'), asyncStart: at('asyncStart'), asyncEnd: at('asyncEnd'), error: at('error') };
  tracingChannel(name).subscribe(handlers);
  undo.push(() => tracingChannel(name).unsubscribe(handlers));
  return events;
}

const undo: (() => void)[] = [];
afterEach(() => undo.splice(0).forEach((step) => step()));

const token = `eyJhbGciOiJIUzI1NiJ9.${'a'.repeat(1500)}.sig`;
const observer = () => createObserver({ logLevel: 'off' })!;

describe('tracing', () => {
  test('a call is one keycard:request span with the redacted URL, ending with the status, never the Response', async () => {
    const events = record(requestChannelName);
    const response = new Response('{}', { status: 200, headers: { 'set-cookie': 'sid=cookie-secret' } });
    const view = requestView('GET', 'https://api.example.com/things?access_token=abc123', 1);
    const result = await observer().traceRequest(view, async () => response);
    expect(result).toBe(response);
    expect(events.map(([kind]) => kind)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    expect(events[0]![1]).toEqual({ method: 'GET', url: 'https://api.example.com/things?access_token=%5BREDACTED%5D' });
    expect(events[3]![1].result).toEqual({ status: 200 });
    expect(Object.isFrozen(events[3]![1].result)).toBe(true);
  });

  test('a failed call ends its span with the error', async () => {
    const events = record(requestChannelName);
    const failure = new Error('refused');
    const outcome = observer().traceRequest(requestView('POST', 'https://api.example.com/x', 1), async () => Promise.reject(failure));
    await expect(outcome).rejects.toBe(failure);
    expect(events.map(([kind]) => kind)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    expect(events[2]![1].error).toBe(failure);
  });

  test('a token exchange span carries the credential hash and the lifetime, never the token', async () => {
    const events = record(tokenExchangeChannelName);
    const issued = { token, expiresAt: 3_600_000, issuedAt: 0 };
    const value = await observer().traceExchange({ credential: 'cc:k1', mode: 'blocking' }, async () => issued, (got) => got.expiresAt - got.issuedAt);
    expect(value).toBe(issued);
    expect(events[0]![1]).toEqual({ credential: 'cc:k1', mode: 'blocking' });
    expect(events.at(-1)![1].result).toEqual({ lifetimeMs: 3_600_000 });
    expect(JSON.stringify(events)).not.toContain(token.slice(0, 30));
  });

  test('work inside a span runs in the store a subscriber binds to its start, as OpenTelemetry context does', async () => {
    const storage = new AsyncLocalStorage<string>();
    const channel = tracingChannel(requestChannelName);
    channel.start.bindStore(storage, (context) => `span for ${(context as { url: string }).url}`);
    undo.push(() => channel.start.unbindStore(storage));
    let seen: string | undefined;
    await observer().traceRequest(requestView('GET', 'https://api.example.com/x', 1), async () => {
      await Promise.resolve();
      seen = storage.getStore();
      return new Response(null);
    });
    expect(seen).toBe('span for https://api.example.com/x');
  });

  test('with nobody subscribed the call runs untraced and publishes nothing', async () => {
    let ran = 0;
    await observer().traceRequest(requestView('GET', 'https://api.example.com/x', 1), async () => {
      ran += 1;
      return new Response(null);
    });
    expect(ran).toBe(1);
    expect(tracingChannel(requestChannelName).hasSubscribers).toBe(false);
  });

  test('channels are found through process.getBuiltinModule, and their absence is no error', () => {
    expect(keycardChannels()).toBeDefined();
    expect(findChannels(undefined)).toBeUndefined();
    expect(findChannels(() => undefined)).toBeUndefined();
    expect(findChannels(() => ({}))).toBeUndefined();
    expect(
      findChannels(() => {
        throw new Error('not in this runtime');
      }),
    ).toBeUndefined();
  });

  test('a browser bundle of the observer imports nothing from node: and runs without process', async () => {
    const bundle = await build({
      entryPoints: [new URL('../../../src/core/observe/observer.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/(from|import|require)\s*\(?\s*["']node:/);
    // Loaded where `process` is absent (a browser, a Worker), it builds an observer that traces nothing.
    const run = new Function('globalThis', `${code.replace(/export\s*\{[^}]*\};?\s*$/, '')}; return createObserver({ logLevel: 'off' });`);
    expect(run({})).toBeUndefined();
  });
});
