import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, test } from 'vitest';
import { guard, tokenEndpoint } from '../../src/sandbox/emulator-kit';
import { credentialLabel, SandboxControl } from '../../src/sandbox/index';
import { useMswServer } from '../helpers/msw-server';

const server = useMswServer();
const control = new SandboxControl();
const url = 'https://auth.emulated.example/token';
const api = 'https://api.emulated.example';

const basic = (id: string, secret: string) => `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;
const requestToken = (form: Record<string, string>, authorization?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
    body: new URLSearchParams(form),
  }).then(async (response) => ({ status: response.status, body: await response.json() }));

beforeEach(() => {
  control.reset();
  control.addOAuthClient('scrydon', 'svc:1', 'p@ss word', ['logs:write']);
  server.use(
    guard({ api: 'scrydon', base: api, control, errorBody: (status) => ({ error: `status_${status}` }) }),
    tokenEndpoint({
      api: 'scrydon',
      url,
      control,
      forbiddenParams: ['resource'],
      covers: (granted, requested) => granted.some((scope) => scope === requested || scope === requested.replace(':read', ':write')),
    }),
    http.get(`${api}/hello`, () => HttpResponse.json({ hello: 'world' })),
  );
});

describe('tokenEndpoint', () => {
  test('issues a token for form-encoded Basic credentials and the granted scopes', async () => {
    const { status, body } = await requestToken({ grant_type: 'client_credentials', scope: 'logs:read' }, basic('svc:1', 'p@ss word'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'logs:read' });
    expect(control.verifyToken('scrydon', body.access_token)).toHaveProperty('record');
  });

  test('accepts credentials in the form too', async () => {
    expect((await requestToken({ grant_type: 'client_credentials', client_id: 'svc:1', client_secret: 'p@ss word' })).status).toBe(200);
  });

  test.each([
    [{ grant_type: 'password' }, basic('svc:1', 'p@ss word'), 400, 'unsupported_grant_type'],
    [{ grant_type: 'client_credentials' }, basic('svc:1', 'wrong'), 401, 'invalid_client'],
    [{ grant_type: 'client_credentials' }, basic('nobody', 'x'), 401, 'invalid_client'],
    [{ grant_type: 'client_credentials' }, undefined, 401, 'invalid_client'],
    [{ grant_type: 'client_credentials', scope: 'chat:write' }, basic('svc:1', 'p@ss word'), 400, 'invalid_scope'],
    [{ grant_type: 'client_credentials', resource: 'https://x' }, basic('svc:1', 'p@ss word'), 400, 'invalid_request'],
  ])('refuses %j', async (form, authorization, status, error) => {
    const result = await requestToken(form, authorization);
    expect(result).toMatchObject({ status, body: { error } });
    expect(control.counts('scrydon').tokenExchanges).toBe(0);
  });

  test('a disabled client gets no new token', async () => {
    control.disableAccount('scrydon', 'svc:1');
    expect((await requestToken({ grant_type: 'client_credentials' }, basic('svc:1', 'p@ss word'))).status).toBe(401);
  });
});

describe('guard', () => {
  test('counts requests and answers injected faults in the API’s own error shape', async () => {
    control.inject('scrydon', { status: 503, headers: { 'retry-after': '1' } });
    const first = await fetch(`${api}/hello`, { headers: { authorization: 'Bearer tok_1234567890abcdef' } });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(await first.json()).toEqual({ error: 'status_503' });
    const second = await fetch(`${api}/hello`);
    expect(await second.json()).toEqual({ hello: 'world' });
    expect(control.counts('scrydon')).toMatchObject({ requests: 2, faults: 1, byCredential: { [credentialLabel('tok_1234567890abcdef')]: 1 } });
  });

  test('an API adds the headers of its every response to injected faults; the fault’s own headers win', async () => {
    const decorated = 'https://decorated.emulated.example';
    server.use(
      guard({
        api: 'ryvion',
        base: decorated,
        control,
        errorBody: (status, request) => ({ status, path: new URL(request.url).pathname }),
        faultHeaders: (status, request, body) => ({ 'x-status': String(status), 'x-path': new URL(request.url).pathname, 'x-body': JSON.stringify(body), 'x-both': 'api' }),
      }),
    );
    control.inject('ryvion', { status: 502, headers: { 'x-both': 'fault' } });
    const response = await fetch(`${decorated}/v1/thing`);
    expect(await response.json()).toEqual({ status: 502, path: '/v1/thing' });
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('x-')))).toEqual({
      'x-status': '502',
      'x-path': '/v1/thing',
      'x-body': '{"status":502,"path":"/v1/thing"}',
      'x-both': 'fault',
    });
  });
});
