import { describe, expect, test } from 'vitest';
import { NotFoundError } from '../../../src/core/errors/status-errors';
import { attemptView, failureView, requestView, retryView, scrubText, tokenExchangeView } from '../../../src/core/observe/views';

const jwt = `eyJhbGciOiJSUzI1NiJ9.${'eyJzdWIiOiJjbGllbnQifQ'.repeat(60)}.${'c2lnbmF0dXJl'.repeat(40)}`;

describe('views', () => {
  test('a request view redacts user info and secret-looking query values', () => {
    const view = requestView('GET', 'https://user:pw@api.example.com/things?limit=2&access_token=abc123&sig=xyz', 1);
    expect(view.url).toBe('https://api.example.com/things?limit=2&access_token=%5BREDACTED%5D&sig=%5BREDACTED%5D');
    expect(view).toEqual({ method: 'GET', url: view.url, attempt: 1 });
  });

  test('views are frozen: a hook cannot change what the next hook or the log sees', () => {
    const view = retryView(requestView('GET', 'https://api.example.com/x', 1), 'status', 503, 250.4);
    expect(Object.isFrozen(view)).toBe(true);
    expect(() => ((view as { url: string }).url = 'changed')).toThrow(TypeError);
    expect(view.waitMs).toBe(250);
  });

  test('an attempt view keeps the status and request id of a response, not its headers', () => {
    const response = new Response('{}', { status: 201, headers: { 'x-request-id': 'req_9', 'set-cookie': 'session=s3cr3t-cookie' } });
    const view = attemptView(requestView('POST', 'https://api.example.com/x', 2), 12, response);
    expect(view).toEqual({ method: 'POST', url: 'https://api.example.com/x', attempt: 2, status: 201, error: undefined, durationMs: 12, requestId: 'req_9' });
    expect(JSON.stringify(view)).not.toContain('s3cr3t');
  });

  test('an attempt without a response names the error instead of a status', () => {
    const failure = Object.assign(new Error('connect ECONNREFUSED'), { name: 'ConnectionError' });
    const view = attemptView(requestView('GET', 'https://api.example.com/x', 1), 3, failure);
    expect(view.status).toBeUndefined();
    expect(view.error).toBe('ConnectionError');
  });

  test('a token exchange view holds the credential hash and the lifetime, never the token', () => {
    const view = tokenExchangeView('cc:1x2y3z', { mode: 'background', after401: false, durationMs: 40 }, { lifetimeMs: 3_600_000 });
    expect(view).toEqual({ credential: 'cc:1x2y3z', mode: 'background', after401: false, outcome: 'ok', lifetimeMs: 3_600_000, durationMs: 40, error: undefined });
  });

  test('a failed exchange says why with the known secrets, bearer values and JWTs scrubbed', () => {
    const error = new Error(`endpoint echoed client_secret=super-secret-value and Bearer ${jwt}`);
    const view = tokenExchangeView('cc:1', { mode: 'blocking', after401: true, durationMs: 5 }, { error }, ['super-secret-value']);
    expect(view.outcome).toBe('failed');
    expect(view.error).toContain('Error: endpoint echoed client_secret=[REDACTED] and Bearer [REDACTED]');
    expect(view.error).not.toContain(jwt.slice(0, 40));
  });

  test('a failure view carries a typed error’s name, status and code, and a redacted URL', () => {
    const error = new NotFoundError({ status: 404, detail: 'no such thing', code: 'ERR_404', method: 'GET', url: 'https://api.example.com/things/1', headers: new Headers(), body: undefined });
    const view = failureView('request', { method: 'GET', url: 'https://api.example.com/things/1?api_key=k-123456', attempts: 1 }, error);
    expect(view).toMatchObject({ source: 'request', name: 'NotFoundError', status: 404, code: 'ERR_404', attempts: 1, url: 'https://api.example.com/things/1?api_key=%5BREDACTED%5D' });
  });

  test('a foreign error message is scrubbed of a JWT even with no known secret', () => {
    expect(scrubText(`store said: bad value ${jwt}`)).toBe('store said: bad value [REDACTED]');
  });
});
