import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, test } from 'vitest';
import { emulatorState, guard, jsonObject, newId, readJson, route, tokenEndpoint } from '../../src/sandbox/emulator-kit';
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

describe('route', () => {
  const routed = 'https://routed.emulated.example';
  const steps: string[] = [];
  const endpoint = () =>
    route({
      method: 'post',
      path: `${routed}/teams/:teamId/items`,
      authenticate: ({ request }) => {
        steps.push('authenticate');
        const key = request.headers.get('x-api-key');
        return key === null ? HttpResponse.json({ error: 'who are you' }, { status: 401 }) : { key };
      },
      authorize: ({ caller, params }) => {
        steps.push('authorize');
        return params.teamId === 'team_1' ? { team: params.teamId, key: caller.key } : HttpResponse.json({ error: `not in ${params.teamId}` }, { status: 403 });
      },
      handle: async ({ request, url, params, caller, grant }) => {
        steps.push('handle');
        return HttpResponse.json({ caller, grant, params, view: url.searchParams.get('view'), body: await jsonObject(request) });
      },
    });
  const call = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${routed}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: 'a' }) });

  beforeEach(() => {
    steps.length = 0;
    server.use(endpoint());
  });

  test('a refusal from authenticate is the answer: authorize and the handler never run', async () => {
    const response = await call('/teams/team_1/items');
    expect({ status: response.status, body: await response.json(), steps }).toEqual({ status: 401, body: { error: 'who are you' }, steps: ['authenticate'] });
  });

  test('a refusal from authorize is the answer: the handler never runs', async () => {
    const response = await call('/teams/team_2/items', { 'x-api-key': 'k1' });
    expect({ status: response.status, body: await response.json(), steps }).toEqual({ status: 403, body: { error: 'not in team_2' }, steps: ['authenticate', 'authorize'] });
  });

  test('the handler gets the caller, the grant, the path parameters, the URL and the unread body', async () => {
    const response = await call('/teams/team_1/items?view=full', { 'x-api-key': 'k1' });
    expect(await response.json()).toEqual({
      caller: { key: 'k1' },
      grant: { team: 'team_1', key: 'k1' },
      params: { teamId: 'team_1' },
      view: 'full',
      body: { name: 'a' },
    });
    expect(steps).toEqual(['authenticate', 'authorize', 'handle']);
  });

  test('a public route without authenticate or authorize goes straight to the handler; steps may be asynchronous', async () => {
    server.use(
      route({ method: 'get', path: `${routed}/public`, handle: ({ caller, grant }) => HttpResponse.json({ caller: caller ?? null, grant: grant ?? null }) }),
      route({
        method: 'get',
        path: `${routed}/later`,
        authenticate: async () => ({ who: 'later' }),
        authorize: async () => HttpResponse.json({ error: 'not yet' }, { status: 403 }),
        handle: () => HttpResponse.json({}),
      }),
    );
    expect(await (await fetch(`${routed}/public`)).json()).toEqual({ caller: null, grant: null });
    expect((await fetch(`${routed}/later`)).status).toBe(403);
  });
});

describe('request bodies and ids', () => {
  const post = (body: string) => new Request('https://body.emulated.example/', { method: 'POST', body });

  test('readJson tells JSON from not-JSON, and reads an empty body as emptyAs only when asked', async () => {
    expect(await readJson(post('[1,2]'))).toEqual({ value: [1, 2] });
    expect(await readJson(post('null'))).toEqual({ value: null });
    expect(await readJson(post('{nope'))).toBeUndefined();
    expect(await readJson(post(''))).toBeUndefined();
    expect(await readJson(post(''), { emptyAs: {} })).toEqual({ value: {} });
  });

  test('jsonObject accepts only a JSON object', async () => {
    expect(await jsonObject(post('{"a":1}'))).toEqual({ a: 1 });
    for (const body of ['[]', 'null', '"text"', '{nope', '']) expect(await jsonObject(post(body))).toBeUndefined();
  });

  test('newId is the prefix and the given number of random bytes in hex', () => {
    expect(newId('job')).toMatch(/^job_[0-9a-f]{16}$/);
    expect(newId('kb', 6)).toMatch(/^kb_[0-9a-f]{12}$/);
    expect(newId('job')).not.toBe(newId('job'));
  });

  test('emulatorState is made on first use, kept, and made afresh after reset', () => {
    const made: number[] = [];
    const state = emulatorState('kit-test', (owner) => {
      made.push(owner.now());
      return { items: new Map<string, number>() };
    });
    const first = state(control);
    first.items.set('a', 1);
    expect(state(control)).toBe(first);
    control.reset();
    expect(state(control).items.size).toBe(0);
    expect(made).toHaveLength(2);
  });
});
