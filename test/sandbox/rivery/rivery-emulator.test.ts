import { afterEach, describe, expect, test, vi } from 'vitest';
import { riveryState, sandboxOperationIds } from '../../../src/sandbox/index';
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
    control.addKey('rivery', 'rivery-second', ['me:list']);
    expect((await call(`${legacy}/me`, { token: 'rivery-second' })).status).toBe(200);
    control.deactivateKey('rivery', 'rivery-second');
    expect((await call(`${legacy}/me`, { token: 'rivery-second' })).status).toBe(401);
    control.revokeKey('rivery');
    expect(await call(`${v1}/rivers`)).toMatchObject({ status: 401, body: { detail: 'Invalid token' } });
  });

  test('a token with an expiry stops working then, on the sandbox clock; sending it counts as an expired token use', async () => {
    control.addKey('rivery', 'rivery-expiring', ['me:list'], { expiresAt: control.now() + 10_000 });
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
    ['GET', `/me`, 'me:list'],
    ['POST', `/run`, 'river:execute'],
    ['GET', `/check_run?run_id=${'a'.repeat(32)}`, 'activity:list'],
    ['POST', `/run/cancel`, 'river:execute'],
  ])('legacy %s %s needs %s', async (method, path, scope) => {
    control.addKey('rivery', 'rivery-without', ['river:list', 'activity:list', 'me:list', 'river:execute'].filter((name) => name !== scope));
    const answer = await call(`${legacy}${path}`, { method, token: 'rivery-without', body: method === 'POST' ? {} : undefined });
    expect(answer).toEqual({ status: 403, body: { message: `The API token is missing the required scope: ${scope}` }, headers: expect.anything() });
  });

  test.each([
    ['GET', `/rivers`, 'river:list'],
    ['GET', `/rivers/${river}`, 'river:list'],
    ['POST', `/rivers/${river}/run`, 'river:execute'],
    ['GET', `/rivers/${river}/runs/${'a'.repeat(32)}`, 'activity:list'],
    ['GET', `/rivers/${river}/runs/${'a'.repeat(32)}/logs`, 'activity:list'],
    ['POST', `/rivers/${river}/cancel_run`, 'river:execute'],
    ['GET', `/operations/${'a'.repeat(32)}`, 'operations:list'],
  ])('v1 %s %s needs %s', async (method, path, scope) => {
    const all = ['river:list', 'activity:list', 'operations:list', 'me:list', 'river:execute'];
    control.addKey('rivery', 'rivery-without', all.filter((name) => name !== scope));
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

  test('a river, and 404 for one that does not exist', async () => {
    expect((await call(`${v1}/rivers/${river}`)).body).toMatchObject({ cross_id: river, river_name: sandboxRivers[0]!.river_name });
    expect((await call(`${v1}/rivers/${'f'.repeat(24)}`)).status).toBe(404);
  });

  test('next_page as a URL, with the reference’s envelope, when the state asks for it', async () => {
    riveryState(control).nextPage = 'url';
    const first = (await call(`${v1}/rivers`)).body;
    expect(first).toMatchObject({ page: 1, items_per_page: 10, current_page_size: 10, total_items: 25, previous_page: null });
    expect(first.next_page).toBe(`${v1}/rivers?page=2&items_per_page=10`);
    const last = (await call(`${v1}/rivers?page=3`)).body;
    expect(last).toMatchObject({ next_page: null, current_page_size: 5, previous_page: `${v1}/rivers?page=2&items_per_page=10` });
  });

  test('a legacy run’s tasks_status as a string, when the state asks for it', async () => {
    riveryState(control).tasksStatus = 'string';
    const run = await startRun();
    control.advanceClock(1_000);
    expect((await call(`${legacy}/check_run?run_id=${String(run.run_id)}`)).body.tasks_status).toBe('R: Extracting');
  });
});

describe('v1 runs', () => {
  const startV1 = async (riverId = river) => {
    const answer = await call(`${v1}/rivers/${riverId}/run`, { method: 'POST' });
    return { status: answer.status, body: answer.body as { run_group_id: string; river_cross_id: string; runs: { run_id: string }[] } };
  };
  const runOf = async (riverId: string, runId: string) => (await call(`${v1}/rivers/${riverId}/runs/${runId}`)).body;

  test('a run answers 202 with its group, and goes pending → running → succeeded on the sandbox clock', async () => {
    const started = await startV1();
    expect(started).toEqual({
      status: 202,
      body: { run_group_id: expect.stringMatching(/^[0-9a-f]{32}$/), river_cross_id: river, runs: [{ run_id: expect.stringMatching(/^[0-9a-f]{32}$/) }] },
    });
    const runId = started.body.runs[0]!.run_id;
    const t0 = control.now();
    expect(await runOf(river, runId)).toEqual({
      run_id: runId,
      run_group_id: started.body.run_group_id,
      river_cross_id: river,
      status: 'pending',
      error_message: null,
      start_time: null,
      end_time: null,
    });
    control.advanceClock(1_000);
    expect(await runOf(river, runId)).toMatchObject({ status: 'running', start_time: new Date(t0 + 1_000).toISOString() });
    control.advanceClock(2_000);
    expect(await runOf(river, runId)).toMatchObject({ status: 'succeeded', end_time: new Date(t0 + 3_000).toISOString() });
  });

  test.each([
    [2, 'failed', sandboxRivers[2]!.error],
    [4, 'skipped', null],
    [5, 'partially succeeded', sandboxRivers[5]!.error],
  ])('river %i’s runs end %s', async (index, status, error) => {
    const riverId = sandboxRivers[index]!.cross_id;
    const { body } = await startV1(riverId);
    control.advanceClock(3_000);
    expect(await runOf(riverId, body.runs[0]!.run_id)).toMatchObject({ status, error_message: error });
  });

  test('a run of another river, or an unknown one, is 404', async () => {
    const { body } = await startV1();
    expect((await call(`${v1}/rivers/${sandboxRivers[1]!.cross_id}/runs/${body.runs[0]!.run_id}`)).status).toBe(404);
    expect((await call(`${v1}/rivers/${river}/runs/${'f'.repeat(32)}`)).status).toBe(404);
  });

  test('logs grow as the run advances', async () => {
    const { body } = await startV1();
    const logs = async () => (await call(`${v1}/rivers/${river}/runs/${body.runs[0]!.run_id}/logs`)).body.logs as { message: string }[];
    expect(await logs()).toHaveLength(1);
    control.advanceClock(3_000);
    expect((await logs()).map((line) => line.message)).toEqual([expect.stringContaining('queued'), 'Extracting from the source', 'Run ended with status succeeded']);
  });

  test('cancel_run answers 202 with an operation; half a second later the run is canceled and the operation D', async () => {
    const { body } = await startV1();
    const runId = body.runs[0]!.run_id;
    control.advanceClock(1_200);
    const canceled = await call(`${v1}/rivers/${river}/cancel_run`, { method: 'POST', body: { run_id: runId } });
    expect(canceled).toMatchObject({ status: 202, body: { operation_type: 'cancel_run', run_id: runId, status: 'W' } });
    expect((await runOf(river, runId)).status).toBe('running');
    control.advanceClock(500);
    expect(await runOf(river, runId)).toMatchObject({ status: 'canceled', error_message: 'The run was canceled by the user' });
    expect((await call(`${v1}/operations/${String(canceled.body.operation_id)}`)).body).toMatchObject({ status: 'D', error_message: null });
  });

  test('cancelling a whole run group, and a cancellation that comes too late ends E', async () => {
    const { body } = await startV1();
    const group = await call(`${v1}/rivers/${river}/cancel_run`, { method: 'POST', body: { run_group_id: body.run_group_id } });
    control.advanceClock(500);
    expect((await runOf(river, body.runs[0]!.run_id)).status).toBe('canceled');
    expect((await call(`${v1}/operations/${String(group.body.operation_id)}`)).body.status).toBe('D');

    const late = await startV1();
    control.advanceClock(3_000);
    const tooLate = await call(`${v1}/rivers/${river}/cancel_run`, { method: 'POST', body: { run_id: late.body.runs[0]!.run_id } });
    control.advanceClock(500);
    expect((await call(`${v1}/operations/${String(tooLate.body.operation_id)}`)).body).toMatchObject({
      status: 'E',
      error_message: 'Nothing to cancel: the run had already ended with status succeeded',
    });
  });

  test('cancel_run needs a run_id or a run_group_id of that river', async () => {
    expect(await call(`${v1}/rivers/${river}/cancel_run`, { method: 'POST', body: {} })).toMatchObject({ status: 422 });
    expect((await call(`${v1}/rivers/${river}/cancel_run`, { method: 'POST', body: { run_id: 'f'.repeat(32) } })).status).toBe(404);
  });

  test('listing runs needs start_time and end_time', async () => {
    expect(await call(`${v1}/rivers/${river}/runs`)).toMatchObject({ status: 422, body: { detail: [{ type: 'missing', loc: ['query', 'start_time'] }] } });
    const { body } = await startV1();
    const window = `start_time=${new Date(control.now() - 1_000).toISOString()}&end_time=${new Date(control.now() + 1_000).toISOString()}`;
    expect((await call(`${v1}/rivers/${river}/runs?${window}`)).body).toMatchObject({ items: [{ run_id: body.runs[0]!.run_id, status: 'pending' }] });
  });
});

describe('operations', () => {
  test('are activation and validation, not runs: a run group is no operation', async () => {
    expect((await call(`${v1}/operations/${sandboxOperationIds.activation}`)).body).toMatchObject({
      operation_type: 'activate_river',
      status: 'D',
      result: { river_status: 'active' },
      error_message: null,
    });
    expect((await call(`${v1}/operations/${sandboxOperationIds.failedValidation}`)).body).toMatchObject({
      operation_type: 'validate',
      status: 'E',
      error_message: expect.stringContaining('Validation failed'),
    });
    expect((await call(`${v1}/operations/${sandboxOperationIds.runningDisable}`)).body).toMatchObject({ operation_type: 'disable_river', status: 'W' });
    const started = await call(`${v1}/rivers/${river}/run`, { method: 'POST' });
    expect((await call(`${v1}/operations/${String(started.body.run_group_id)}`)).status).toBe(404);
  });
});

describe('legacy logs', () => {
  test('the first request answers 202 with a queryid; the query answers 202 until ready, then CSV', async () => {
    const run = await startRun();
    control.advanceClock(3_000);
    const url = `${legacy}/activities/runs/logs?id=${String(run.run_id)}`;
    const ask = (query = '') => fetch(`${url}${query}`, { headers: { authorization: `Bearer ${apiToken}` } });
    const first = await ask();
    expect(first.status).toBe(202);
    const queryId = first.headers.get('queryid')!;
    expect(queryId).toMatch(/^[0-9a-f]{24}$/);
    control.advanceClock(1_999);
    expect((await ask(`&queryId=${queryId}`)).status).toBe(202);
    control.advanceClock(1);
    const ready = await ask(`&queryId=${queryId}`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('content-type')).toContain('text/csv');
    const csv = await ready.text();
    expect(csv.split('\r\n')[0]).toBe('time,level,message');
    expect(csv).toContain('Run ended with status succeeded');
    expect((await ask('&queryId=nope')).status).toBe(404);
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
