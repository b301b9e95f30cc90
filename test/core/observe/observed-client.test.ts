import { tracingChannel } from 'node:diagnostics_channel';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clientCredentials, createClient, MemoryTokenStore, NotFoundError, type ClientOptions } from '../../../src/index';
import type { KeycardHooks } from '../../../src/core/observe/hooks';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, fakeOAuth, tokenUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

/** A logger that keeps every line with its level. */
function capture() {
  const lines: string[] = [];
  const at = (level: string) => (line: string) => void lines.push(`${level} ${line}`);
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

function client(options: Partial<ClientOptions> = {}, tokenMaxRetries?: number) {
  return createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret, tokenMaxRetries }), ...options });
}

/** Lines without their timings, which fake time makes 0 but a real socket would not. */
const untimed = (lines: string[]) => lines.map((line) => line.replace(/ durationMs=\d+/g, ''));

describe('an observed client', () => {
  test('at debug, logs the exchange, each attempt, and the retry with its reason and wait', async () => {
    const oauth = fakeOAuth({ tokenLength: 2_048 });
    let calls = 0;
    server.use(
      oauth.tokenHandler,
      http.get(`${apiUrl}/things`, ({ request }) => {
        calls += 1;
        if (calls === 1) return HttpResponse.json({ message: 'busy' }, { status: 503, headers: { 'retry-after': '2' } });
        return oauth.check(request) ?? HttpResponse.json({ items: [] }, { headers: { 'x-request-id': 'req_1' } });
      }),
    );
    const { lines, logger } = capture();
    expect(await settle(client({ logLevel: 'debug', logger }).GET('/things'))).toEqual({ items: [] });
    expect(untimed(lines)).toEqual([
      expect.stringMatching(/^info keycard token-exchange credential=credential:\w+ mode=blocking after401=false outcome=ok lifetimeMs=3600000$/),
      'debug keycard attempt method=GET url=https://api.example.com/things attempt=1 status=503',
      'debug keycard retry method=GET url=https://api.example.com/things attempt=1 reason=status status=503 waitMs=2000',
      'debug keycard attempt method=GET url=https://api.example.com/things attempt=2 status=200 requestId=req_1',
    ]);
  });

  test('a 401 is reported as a refresh, and the exchange that follows says it came after a 401', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const retries: unknown[] = [];
    const exchanges: unknown[] = [];
    const api = client({ hooks: { onRetry: (view) => retries.push(view), onTokenExchange: (view) => exchanges.push(view) } });
    await settle(api.GET('/things'));
    oauth.revoke('tok-1');
    await settle(api.GET('/things'));
    expect(retries).toMatchObject([{ reason: 'unauthorized', status: 401, waitMs: 0, attempt: 1 }]);
    expect(exchanges).toMatchObject([
      { mode: 'blocking', after401: false, outcome: 'ok', lifetimeMs: 3_600_000 },
      { mode: 'blocking', after401: true, outcome: 'ok' },
    ]);
  });

  test('a call that fails for good is reported once with its attempts and typed error', async () => {
    server.use(http.get(`${apiUrl}/things/:id`, () => HttpResponse.json({ code: 'GONE', message: 'no such thing' }, { status: 404 })), ...fakeOAuth().handlers);
    const errors: unknown[] = [];
    const outcome = await settle(client({ hooks: { onError: (view) => errors.push(view) } }).GET('/things/{id}', { params: { path: { id: 'x' } } }));
    expect(outcome).toBeInstanceOf(NotFoundError);
    expect(errors).toMatchObject([{ source: 'request', method: 'GET', url: 'https://api.example.com/things/x', attempts: 1, name: 'NotFoundError', status: 404, code: 'GONE' }]);
  });

  test('hooks that throw are logged at warn and the call still resolves', async () => {
    server.use(...fakeOAuth().handlers);
    const { lines, logger } = capture();
    const boom = () => {
      throw new Error('metrics sink down');
    };
    const hooks: KeycardHooks = { onRequest: boom, onResponse: boom, onTokenExchange: boom };
    expect(await settle(client({ logger, hooks }).GET('/things'))).toEqual({ items: [{ id: '1', name: 'one' }] });
    expect(lines).toEqual([
      'warn keycard: the onTokenExchange hook threw Error: metrics sink down; the call went on',
      'warn keycard: the onRequest hook threw Error: metrics sink down; the call went on',
      'warn keycard: the onResponse hook threw Error: metrics sink down; the call went on',
    ]);
  });

  test('a renewal failing while the current token serves is a warning, and the call goes on with that token', async () => {
    let failRenewal = false;
    const oauth = fakeOAuth({ lifetimeSeconds: 600, respond: () => (failRenewal ? HttpResponse.json({ error: 'server_error' }, { status: 500 }) : undefined) });
    server.use(...oauth.handlers);
    const { lines, logger } = capture();
    const api = client({ logger }, 0);
    await settle(api.GET('/things'));
    failRenewal = true;
    vi.setSystemTime(Date.now() + 550_000); // inside the refresh window, before the hard margin
    expect(await settle(api.GET('/things'))).toEqual({ items: [{ id: '1', name: 'one' }] });
    await settle(new Promise((resolve) => setTimeout(resolve, 20_000)));
    expect(untimed(lines)).toEqual([
      expect.stringMatching(
        /^warn keycard token-exchange credential=credential:\w+ mode=background after401=false outcome=failed error="TokenExchangeError: .*500.*" \(the current token still serves\)$/,
      ),
    ]);
  });

  test('a failing token store is warned about once; the calls go on', async () => {
    server.use(...fakeOAuth({ lifetimeSeconds: 1 }).handlers);
    const store = new MemoryTokenStore();
    store.set = () => Promise.reject(new Error('READONLY You can not write against a read only replica'));
    const { lines, logger } = capture();
    const api = client({ logger, tokenStore: store });
    for (let call = 0; call < 3; call++) {
      expect(await settle(api.GET('/things'))).not.toBeInstanceOf(Error);
      vi.setSystemTime(Date.now() + 1_000);
    }
    // The store's own error is not repeated: a Redis error can quote the command, token included.
    expect(lines).toEqual([
      'warn keycard token-store source=token-store method=store attempts=0 name=KeycardError message="The token store failed or did not answer within tokenStoreTimeoutMs" (tokens are exchanged by this process until the store answers again; logged once)',
    ]);
  });

  test('a call is a keycard:request span and its exchange a keycard:token-exchange span', async () => {
    server.use(...fakeOAuth().handlers);
    const seen: string[] = [];
    const on = (name: string) => ({
      start: (context: object) => void seen.push(`${name} start ${JSON.stringify(context)}`),
      end: () => {},
      asyncStart: () => {},
      asyncEnd: (context: object) => void seen.push(`${name} end ${JSON.stringify((context as { result: unknown }).result)}`),
      error: () => {},
    });
    const request = on('keycard:request');
    const exchange = on('keycard:token-exchange');
    tracingChannel('keycard:request').subscribe(request);
    tracingChannel('keycard:token-exchange').subscribe(exchange);
    try {
      await settle(client().GET('/things', { params: { query: { limit: 1 } } }));
    } finally {
      tracingChannel('keycard:request').unsubscribe(request);
      tracingChannel('keycard:token-exchange').unsubscribe(exchange);
    }
    expect(seen).toEqual([
      expect.stringMatching(/^keycard:token-exchange start \{"credential":"credential:\w+","mode":"blocking"\}$/),
      'keycard:token-exchange end {"lifetimeMs":3600000}',
      'keycard:request start {"method":"GET","url":"https://api.example.com/things?limit=1"}',
      'keycard:request end {"status":200}',
    ]);
  });
});

describe('a built-in client', () => {
  test('takes logLevel, logger and hooks, and its hosts and waits report to one observer', async () => {
    const { RynkoClient } = await import('../../../src/apis/rynko/index');
    const { createSandbox } = await import('../../../src/sandbox/index');
    const sandbox = createSandbox();
    server.use(...sandbox.handlers);
    const { lines, logger } = capture();
    const ends: unknown[] = [];
    const rynko = new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey, logLevel: 'debug', logger, hooks: { onWaitEnd: (view) => ends.push(view) } });
    const job = (await settle(rynko.generateDocument({ templateId: 'tmpl_invoice', format: 'pdf', variables: { invoiceNumber: 'INV-1' } }))) as { jobId: string };
    await settle(rynko.waitForJob(job.jobId));
    expect(ends).toMatchObject([{ kind: 'wait', target: `job ${job.jobId}`, outcome: 'done' }]);
    expect(lines.some((line) => line.startsWith('debug keycard attempt method=POST '))).toBe(true);
    expect(lines.some((line) => line.startsWith(`debug keycard wait-end kind=wait target="job ${job.jobId}"`))).toBe(true);
    expect(() => new RynkoClient({ apiKey: 'key-123456', logLevel: 'loud' as never })).toThrow(/`logLevel`: must be one of/);
  });
});
