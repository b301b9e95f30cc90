import { afterEach, describe, expect, test, vi } from 'vitest';
import { sandboxRivers } from '../../../src/sandbox/rivery/sandbox-rivers';
import { useSandbox } from '../../helpers/use-sandbox';

const { sandbox, control } = useSandbox({ fakeTime: true });
const { apiToken, accountId, environmentId } = sandbox.credentials.rivery;
const legacy = sandbox.urls.riveryLegacy;
const v1 = `${sandbox.urls.rivery}/v1/accounts/${accountId}/environments/${environmentId}`;
const river = sandboxRivers[0]!.cross_id;

afterEach(() => vi.useRealTimers());

/** A request to the sandbox: status and parsed body. */
async function call(url: string, init: { method?: string; token?: string | null; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = init.token === undefined ? apiToken : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const startRun = async (riverId = river) => (await call(`${legacy}/run`, { method: 'POST', body: { river_id: riverId } })).body;

describe('tokens', () => {
  test('no token: 401 on each host in its own style, counted as rejected', async () => {
    expect(await call(`${legacy}/me`, { token: null })).toMatchObject({ status: 401, body: { message: 'Missing API token' } });
    expect(await call(`${v1}/rivers`, { token: null })).toMatchObject({ status: 401, body: { detail: 'Not authenticated' } });
    expect(control.counts('rivery')).toMatchObject({ requests: 2, rejected: 2 });
  });

  test('unknown, revoked and deactivated tokens are refused', async () => {
    expect((await call(`${legacy}/me`, { token: 'nope' })).status).toBe(401);
    control.addKey('rivery', 'rivery-second', ['me:read']);
    expect((await call(`${legacy}/me`, { token: 'rivery-second' })).status).toBe(200);
    control.deactivateKey('rivery', 'rivery-second');
    expect((await call(`${legacy}/me`, { token: 'rivery-second' })).status).toBe(401);
    control.revokeKey('rivery');
    expect(await call(`${v1}/rivers`)).toMatchObject({ status: 401, body: { detail: 'Invalid token' } });
  });

  test('a token with an expiry stops working then, on the sandbox clock; sending it counts as an expired token use', async () => {
    control.addKey('rivery', 'rivery-expiring', ['me:read'], { expiresAt: control.now() + 10_000 });
    expect((await call(`${legacy}/me`, { token: 'rivery-expiring' })).status).toBe(200);
    control.advanceClock(10_000);
    expect(await call(`${legacy}/me`, { token: 'rivery-expiring' })).toMatchObject({ status: 401, body: { message: 'API token expired' } });
    expect(await call(`${v1}/rivers`, { token: 'rivery-expiring' })).toMatchObject({ status: 401, body: { detail: 'Token expired' } });
    expect(control.counts('rivery')).toMatchObject({ rejected: 2, expiredTokenUses: 2 });
  });

  test('keys of other APIs are not Rivery tokens', async () => {
    expect((await call(`${legacy}/me`, { token: sandbox.credentials.rynko.apiKey })).status).toBe(401);
  });
});

describe('scopes', () => {
  test.each([
    ['GET', `/me`, 'me:read'],
    ['POST', `/run`, 'river:execute'],
    ['GET', `/check_run?run_id=${'a'.repeat(32)}`, 'activity:list'],
    ['POST', `/run/cancel`, 'river:execute'],
  ])('legacy %s %s needs %s', async (method, path, scope) => {
    control.addKey('rivery', 'rivery-without', ['river:list', 'activity:list', 'me:read', 'river:execute'].filter((name) => name !== scope));
    const answer = await call(`${legacy}${path}`, { method, token: 'rivery-without', body: method === 'POST' ? {} : undefined });
    expect(answer).toEqual({ status: 403, body: { message: `The API token is missing the required scope: ${scope}` }, headers: expect.anything() });
  });

  test.each([
    ['GET', `/rivers`, 'river:list'],
    ['GET', `/rivers/${river}`, 'river:list'],
    ['POST', `/rivers/${river}/run`, 'river:execute'],
    ['GET', `/operations/${'a'.repeat(32)}`, 'activity:list'],
  ])('v1 %s %s needs %s', async (method, path, scope) => {
    control.addKey('rivery', 'rivery-without', ['river:list', 'activity:list', 'me:read', 'river:execute'].filter((name) => name !== scope));
    expect(await call(`${v1}${path}`, { method, token: 'rivery-without' })).toMatchObject({
      status: 403,
      body: { detail: `The API token is missing the required scope: ${scope}` },
    });
  });

  test('the token reaches only its own account and environment', async () => {
    const other = `${sandbox.urls.rivery}/v1/accounts/${accountId}/environments/${'0'.repeat(24)}/rivers`;
    expect((await call(other)).status).toBe(403);
  });
});

describe('legacy runs', () => {
  test('/me names the token’s account and environment', async () => {
    expect((await call(`${legacy}/me`)).body).toEqual({ account_id: accountId, environment_id: environmentId });
  });

  test('a run waits 1 s, runs until 3 s, then ends D, with epoch-ms dates', async () => {
    const started = control.now();
    const run = await startRun();
    expect(run).toEqual({
      run_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      river_id: river,
      river_run_status: 'W',
      river_run_message: 'Waiting for an available worker',
      run_insert_date: started,
      run_update_date: started,
      run_end_date: null,
      tasks_status: [],
    });
    const check = async () => (await call(`${legacy}/check_run?run_id=${String(run.run_id)}`)).body;
    control.advanceClock(999);
    expect((await check()).river_run_status).toBe('W');
    control.advanceClock(1);
    expect(await check()).toMatchObject({ river_run_status: 'R', run_update_date: started + 1_000, tasks_status: [{ task_status: 'R' }] });
    control.advanceClock(2_000);
    expect(await check()).toMatchObject({ river_run_status: 'D', run_end_date: started + 3_000, river_run_message: 'Completed successfully' });
  });

  test('the failing river ends E with an error description; another ends F', async () => {
    const failing = await startRun(sandboxRivers[2]!.cross_id);
    const endsWithF = await startRun(sandboxRivers[3]!.cross_id);
    control.advanceClock(3_000);
    expect((await call(`${legacy}/check_run?run_id=${String(failing.run_id)}`)).body).toMatchObject({
      river_run_status: 'E',
      error_description: sandboxRivers[2]!.error,
      tasks_status: [{ task_status: 'E', task_status_message: sandboxRivers[2]!.error }],
    });
    expect((await call(`${legacy}/check_run?run_id=${String(endsWithF.run_id)}`)).body).toMatchObject({ river_run_status: 'F' });
  });

  test('bad requests: missing or malformed ids, unknown rivers and runs', async () => {
    expect(await call(`${legacy}/run`, { method: 'POST', body: {} })).toMatchObject({ status: 400, body: { message: 'river_id is required' } });
    expect((await call(`${legacy}/run`, { method: 'POST', body: { river_id: 'x' } })).status).toBe(400);
    expect((await call(`${legacy}/run`, { method: 'POST', body: { river_id: 'f'.repeat(24) } })).status).toBe(404);
    expect(await call(`${legacy}/check_run`)).toMatchObject({ status: 400, body: { message: 'run_id is required' } });
    expect((await call(`${legacy}/check_run?run_id=${'f'.repeat(32)}`)).status).toBe(404);
  });

  test('cancel ends a run E at once; an ended run answers 409', async () => {
    const run = await startRun();
    control.advanceClock(500);
    const canceled = await call(`${legacy}/run/cancel`, { method: 'POST', body: { run_id: run.run_id } });
    expect(canceled.body).toMatchObject({ river_run_status: 'E', error_description: 'The run was canceled by the user', run_end_date: control.now() });
    control.advanceClock(5_000);
    expect((await call(`${legacy}/check_run?run_id=${String(run.run_id)}`)).body.river_run_status).toBe('E');
    expect((await call(`${legacy}/run/cancel`, { method: 'POST', body: { run_id: run.run_id } })).status).toBe(409);
  });

  test('reset forgets the runs', async () => {
    const run = await startRun();
    control.reset();
    expect((await call(`${legacy}/check_run?run_id=${String(run.run_id)}`)).status).toBe(404);
  });
});

describe('v1', () => {
  test('25 rivers, 10 a page, next_page null on the last', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map(async (page) => (await call(`${v1}/rivers?page=${page}`)).body));
    expect(pages.map((page) => [(page.items as unknown[]).length, page.next_page])).toEqual([
      [10, 2],
      [10, 3],
      [5, null],
      [0, null],
    ]);
    expect((await call(`${v1}/rivers`)).body.next_page).toBe(2);
  });

  test('validation failures are FastAPI 422s naming the parameter', async () => {
    expect(await call(`${v1}/rivers?page=two`)).toMatchObject({
      status: 422,
      body: { detail: [{ type: 'int_parsing', loc: ['query', 'page'], input: 'two' }] },
    });
    expect(await call(`${v1}/rivers/nope`)).toMatchObject({ status: 422, body: { detail: [{ loc: ['path', 'river_id'] }] } });
    expect(await call(`${sandbox.urls.rivery}/v1/accounts/acct/environments/${environmentId}/rivers`)).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['path', 'account_id'], type: 'string_pattern_mismatch' }] },
    });
  });

  test('a river, a run of it, and its operation', async () => {
    expect((await call(`${v1}/rivers/${river}`)).body).toMatchObject({ cross_id: river, river_name: sandboxRivers[0]!.river_name });
    expect((await call(`${v1}/rivers/${'f'.repeat(24)}`)).status).toBe(404);
    const started = await call(`${v1}/rivers/${river}/run`, { method: 'POST' });
    const { runs, run_group_id } = started.body as { runs: { run_id: string }[]; run_group_id: string };
    expect((await call(`${legacy}/check_run?run_id=${runs[0]!.run_id}`)).body.river_run_status).toBe('W');
    expect((await call(`${v1}/operations/${run_group_id}`)).body).toEqual({ operation_id: run_group_id, status: 'W', error_message: null });
    control.advanceClock(3_000);
    expect((await call(`${v1}/operations/${run_group_id}`)).body.status).toBe('D');
  });
});

describe('faults', () => {
  test('an injected 429 comes in each host’s error style, with the headers asked for', async () => {
    control.inject('rivery', { status: 429, headers: { 'retry-after': '1' }, times: 2 });
    const first = await call(`${legacy}/me`);
    expect(first).toMatchObject({ status: 429, body: { message: 'Too many requests' } });
    expect(first.headers.get('retry-after')).toBe('1');
    expect(await call(`${v1}/rivers`)).toMatchObject({ status: 429, body: { detail: 'Too many requests' } });
    expect((await call(`${v1}/rivers`)).status).toBe(200);
    expect(control.counts('rivery')).toMatchObject({ requests: 3, faults: 2 });
  });

  test('an injected 401 counts as rejected', async () => {
    control.inject('rivery', { status: 401, path: '/rivers' });
    expect((await call(`${v1}/rivers`)).status).toBe(401);
    expect(control.counts('rivery').rejected).toBe(1);
  });
});
