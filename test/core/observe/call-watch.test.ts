import ky from 'ky';
import { describe, expect, test } from 'vitest';
import { CallWatch, watchedFetch, watchOption } from '../../../src/core/observe/call-watch';
import { createObserver } from '../../../src/core/observe/observer';

function capture() {
  const lines: string[] = [];
  const at = (level: string) => (line: string) => void lines.push(`${level} ${line}`);
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('call watch', () => {
  test('ky hands the watch to the watched fetch on every attempt, which numbers them and strips the watch from the init', async () => {
    const { lines, logger } = capture();
    const inits: RequestInit[] = [];
    const statuses = [503, 200];
    const fetch = watchedFetch(async (_input, init) => {
      inits.push(init ?? {});
      return new Response('{}', { status: statuses.shift() });
    });
    const api = ky.create({ fetch, retry: { limit: 1, delay: () => 0 } });
    const watch = new CallWatch(createObserver({ logger, logLevel: 'debug' }, {})!, 'GET', 'https://api.example.com/things');
    await api.get('https://api.example.com/things', { [watchOption]: watch } as object).json();
    expect(lines.map((line) => line.replace(/durationMs=\d+/, 'durationMs=N'))).toEqual([
      'debug keycard attempt method=GET url=https://api.example.com/things attempt=1 status=503 durationMs=N',
      'debug keycard attempt method=GET url=https://api.example.com/things attempt=2 status=200 durationMs=N',
    ]);
    expect(inits.every((init) => !(watchOption in init))).toBe(true);
  });

  test('an attempt without a response is reported with the error, and the error still reaches the caller', async () => {
    const ended: unknown[] = [];
    const observer = createObserver({ logLevel: 'off', hooks: { onResponse: (view) => ended.push(view) } }, {})!;
    const watch = new CallWatch(observer, 'GET', 'https://api.example.com/x');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const fetch = watchedFetch(async () => Promise.reject(refused));
    await expect(fetch(new Request('https://api.example.com/x'), { [watchOption]: watch } as RequestInit)).rejects.toBe(refused);
    expect(ended).toMatchObject([{ attempt: 1, status: undefined, error: 'TypeError' }]);
  });

  test('a retry and the final failure are reported against the last attempt', () => {
    const seen: unknown[] = [];
    const observer = createObserver({ logLevel: 'off', hooks: { onRetry: (view) => seen.push(view), onError: (view) => seen.push(view) } }, {})!;
    const watch = new CallWatch(observer, 'DELETE', 'https://api.example.com/x?api_key=k-123456');
    watch.retrying('timeout', undefined, 120);
    watch.failed(new Error('gave up'));
    expect(seen).toMatchObject([
      { reason: 'timeout', waitMs: 120, url: 'https://api.example.com/x?api_key=%5BREDACTED%5D' },
      { source: 'request', method: 'DELETE', message: 'gave up', url: 'https://api.example.com/x?api_key=%5BREDACTED%5D' },
    ]);
  });

  test('the credential’s known secrets are scrubbed from the URL and the failure, wherever they appear', () => {
    const seen: unknown[] = [];
    const observer = createObserver({ logLevel: 'off', hooks: { onRetry: (view) => seen.push(view), onError: (view) => seen.push(view) } }, {})!;
    const key = 'ryv_live_0123456789abcdef';
    const watch = new CallWatch(observer, 'GET', `https://api.example.com/keys/${key}/usage`, () => [key]);
    watch.retrying('network', undefined, 5);
    watch.failed(new Error(`key ${key} was refused`));
    expect(JSON.stringify(seen)).not.toContain(key);
    expect(seen).toMatchObject([{ url: 'https://api.example.com/keys/[REDACTED]/usage' }, { message: 'key [REDACTED] was refused' }]);
  });

  test('a request without a watch goes straight to fetch', async () => {
    const response = new Response(null);
    const fetch = watchedFetch(async () => response);
    expect(await fetch('https://api.example.com/')).toBe(response);
  });
});
