import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ConfigurationError, RiveryClient, RiveryRunError, TimeoutError, type RiverRun } from '../../../src/apis/rivery/index';
import { riveryState } from '../../../src/sandbox/index';
import { sandboxRivers } from '../../../src/sandbox/rivery/sandbox-rivers';
import { settle } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox({ fakeTime: true });
const { apiToken, accountId, environmentId } = sandbox.credentials.rivery;
const [orders, , failing, , skipped, partly] = sandboxRivers.map((river) => river.cross_id) as string[] as [string, string, string, string, string, string];
const v1 = `https://api.rivery.io/v1/accounts/${accountId}/environments/${environmentId}`;

afterEach(() => {
  server.events.removeAllListeners();
  vi.useRealTimers();
});

const client = () => new RiveryClient({ apiToken, accountId, environmentId });

/** The paths the API was asked for. */
function requests() {
  const seen: string[] = [];
  server.events.on('request:start', ({ request }) => void seen.push(`${request.method} ${new URL(request.url).pathname}`));
  return seen;
}

describe('runRiverV1', () => {
  test('answers 202 with the run group, its river and its run', async () => {
    const { data, response } = await client().runRiverV1(orders).withResponse();
    expect(response.status).toBe(202);
    expect(data).toEqual({ run_group_id: expect.any(String), river_cross_id: orders, runs: [{ run_id: expect.stringMatching(/^[0-9a-f]{32}$/) }] });
  });

  test('getRiverRun reads the run: pending, then running, with RFC 3339 times', async () => {
    const rivery = client();
    const { runs } = await rivery.runRiverV1(orders);
    expect(await rivery.getRiverRun(orders, runs[0]!.run_id)).toMatchObject({ status: 'pending', river_cross_id: orders, start_time: null });
    vi.setSystemTime(Date.now() + 1_000);
    expect(await rivery.getRiverRun(orders, runs[0]!.run_id)).toMatchObject({ status: 'running', start_time: new Date(Date.now()).toISOString() });
  });
});

describe('waitForRun with a v1 run', () => {
  test('follows the run it was given through the v1 poll, never check_run, to succeeded', async () => {
    const rivery = client();
    const started = await rivery.runRiverV1(orders);
    const seen = requests();
    const statuses: string[] = [];
    const done = await settle(rivery.waitForRun(started, { onProgress: (run) => void statuses.push(String(run.status)) }));
    expect(done).toMatchObject({ run_id: started.runs[0]!.run_id, status: 'succeeded', end_time: expect.any(String) });
    expect(statuses).toEqual(['pending', 'running', 'succeeded']);
    expect(new Set(seen)).toEqual(new Set([`GET /v1/accounts/${accountId}/environments/${environmentId}/rivers/${orders}/runs/${started.runs[0]!.run_id}`]));
  });

  test.each([
    ['skipped', skipped],
    ['partially succeeded', partly],
  ])('%s resolves, with the status on the run', async (status, river) => {
    const rivery = client();
    const done = (await settle(rivery.waitForRun(await rivery.runRiverV1(river)))) as RiverRun;
    expect(done.status).toBe(status);
  });

  test('failed rejects with RiveryRunError carrying the run and its error_message', async () => {
    const rivery = client();
    const started = await rivery.runRiverV1(failing);
    const error = await settle(rivery.waitForRun(started));
    expect(error).toBeInstanceOf(RiveryRunError);
    expect(error).toMatchObject({ status: 'failed', runId: started.runs[0]!.run_id, errorDescription: sandboxRivers[2]!.error, run: { status: 'failed' } });
    expect((error as Error).message).toBe(`Run ${started.runs[0]!.run_id} of river ${failing} ended with status failed: ${sandboxRivers[2]!.error}`);
  });

  test('a run read with getRiverRun, or its river and id alone, can be waited for too', async () => {
    const rivery = client();
    const { runs } = await rivery.runRiverV1(orders);
    const read = await rivery.getRiverRun(orders, runs[0]!.run_id);
    expect(await settle(rivery.waitForRun(read))).toMatchObject({ status: 'succeeded' });
    expect(await settle(rivery.waitForRun({ river_cross_id: orders, run_id: runs[0]!.run_id }))).toMatchObject({ status: 'succeeded' });
  });

  test('a status Rivery has not published is surfaced as RiveryRunError instead of waited on', async () => {
    const rivery = client();
    const { runs } = await rivery.runRiverV1(orders);
    server.use(http.get(`${v1}/rivers/${orders}/runs/:run_id`, ({ params }) => HttpResponse.json({ run_id: params.run_id, status: 'archived' })));
    const error = await settle(rivery.waitForRun({ river_cross_id: orders, run_id: runs[0]!.run_id }));
    expect(error).toBeInstanceOf(RiveryRunError);
    expect(error).toMatchObject({ status: 'archived', message: `Run ${runs[0]!.run_id} ended with a status keycard does not know, archived` });
  });

  test('a run group of several runs is refused, naming how to wait for each', async () => {
    const group = { run_group_id: 'g1', river_cross_id: orders, runs: [{ run_id: 'a'.repeat(32) }, { run_id: 'b'.repeat(32) }] };
    const error = await settle(client().waitForRun(group));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'run.runs', message: expect.stringContaining('has 2 runs; wait for each with waitForRun({ river_cross_id, run_id })') });
    expect(control.counts('rivery').requests).toBe(0);
  });

  test('a v1 run without its river is refused before any request', async () => {
    const error = await settle(client().waitForRun({ run_id: 'a'.repeat(32), status: 'pending' }));
    expect(error).toMatchObject({ name: 'ConfigurationError', option: 'run.river_cross_id' });
    expect(control.counts('rivery').requests).toBe(0);
  });

  test('the deadline names the last v1 status', async () => {
    const rivery = client();
    const error = await settle(rivery.waitForRun(await rivery.runRiverV1(orders), { timeoutMs: 1_500, intervalMs: 1_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('last status running');
  });
});

describe('waitForRun with a legacy run', () => {
  test('follows the run object runRiver returned through check_run', async () => {
    const rivery = client();
    const run = await rivery.runRiver(orders);
    const seen = requests();
    expect(await settle(rivery.waitForRun(run))).toMatchObject({ run_id: run.run_id, river_run_status: 'D' });
    expect(new Set(seen)).toEqual(new Set(['GET /api/check_run']));
  });

  test('tasks_status as a string is read like the list', async () => {
    riveryState(control).tasksStatus = 'string';
    const rivery = client();
    const done = await settle(rivery.waitForRun(await rivery.runRiver(orders)));
    expect(done).toMatchObject({ river_run_status: 'D', tasks_status: 'D: Completed successfully' });
  });
});

describe('cancelling a v1 run', () => {
  test('cancelRiverRun answers 202 with an operation; the run ends canceled and waitForRun rejects', async () => {
    const rivery = client();
    const started = await rivery.runRiverV1(orders);
    const { data, response } = await rivery.cancelRiverRun(orders, started.runs[0]!.run_id).withResponse();
    expect(response.status).toBe(202);
    expect(data).toMatchObject({ operation_type: 'cancel_run', run_id: started.runs[0]!.run_id, status: 'W' });
    const error = await settle(rivery.waitForRun(started));
    expect(error).toBeInstanceOf(RiveryRunError);
    expect(error).toMatchObject({ status: 'canceled', errorDescription: 'The run was canceled by the user' });
    expect(await rivery.getOperation(data.operation_id!)).toMatchObject({ status: 'D' });
  });

  test('cancelRunGroup cancels every run of the group', async () => {
    const rivery = client();
    const started = await rivery.runRiverV1(orders);
    await rivery.cancelRunGroup(orders, started.run_group_id);
    vi.setSystemTime(Date.now() + 500);
    expect(await rivery.getRiverRun(orders, started.runs[0]!.run_id)).toMatchObject({ status: 'canceled' });
  });

  test.each([
    ['cancelRiverRun', (rivery: RiveryClient) => rivery.cancelRiverRun(orders, 'a/b'), 'runId'],
    ['cancelRunGroup', (rivery: RiveryClient) => rivery.cancelRunGroup('nope', 'a'.repeat(32)), 'riverId'],
    ['getRiverRun', (rivery: RiveryClient) => rivery.getRiverRun(orders, ''), 'runId'],
    ['getRiverRunLogs', (rivery: RiveryClient) => rivery.getRiverRunLogs(orders, '../x'), 'runId'],
    ['getRunLogs', (rivery: RiveryClient) => rivery.getRunLogs('x'), 'runId'],
  ] as [string, (rivery: RiveryClient) => PromiseLike<unknown>, string][])('%s checks its ids before any request', async (_name, call, option) => {
    expect(await settle(call(client()))).toMatchObject({ name: 'ConfigurationError', option });
    expect(control.counts('rivery').requests).toBe(0);
  });
});

describe('logs', () => {
  test('getRiverRunLogs reads a v1 run’s logs', async () => {
    const rivery = client();
    const { runs } = await rivery.runRiverV1(orders);
    vi.setSystemTime(Date.now() + 3_000);
    const logs = await rivery.getRiverRunLogs(orders, runs[0]!.run_id);
    expect(logs).toMatchObject({ run_id: runs[0]!.run_id, logs: expect.arrayContaining([expect.objectContaining({ message: 'Run ended with status succeeded' })]) });
  });

  test('getRunLogs waits out the legacy 202s, asking again with the query id, and resolves to the CSV', async () => {
    const rivery = client();
    const run = await rivery.runRiver(orders);
    vi.setSystemTime(Date.now() + 3_000);
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => void asked.push(new URL(request.url).search));
    const started = Date.now();
    const csv = (await settle(rivery.getRunLogs(run.run_id))) as string;
    expect(csv.split('\r\n')[0]).toBe('time,level,message');
    expect(csv).toContain('Run ended with status succeeded');
    // 202 at once, 202 after 1 s, the logs after 1.5 s more (ready 2 s after the query started).
    expect(Date.now() - started).toBe(2_500);
    expect(asked).toHaveLength(3);
    expect(asked[0]).toBe(`?id=${run.run_id}`);
    expect(new Set(asked.slice(1))).toEqual(new Set([expect.stringMatching(new RegExp(`^\\?id=${run.run_id}&queryId=[0-9a-f]{24}$`))]));
  });

  test('a 200 saying the logs are still being downloaded counts as pending', async () => {
    const rivery = client();
    const run = await rivery.runRiver(orders);
    let calls = 0;
    server.use(
      http.get('https://console.rivery.io/api/activities/runs/logs', () =>
        // The emulator starts the query; its first answer to the query's id is the wording alone.
        ++calls === 2 ? new HttpResponse('Downloading logs is still in progress, please try again') : undefined,
      ),
    );
    vi.setSystemTime(Date.now() + 3_000);
    const csv = await settle(rivery.getRunLogs(run.run_id, { intervalMs: 2_000 }));
    expect(csv).toMatch(/^time,level,message\r\n/);
    expect(calls).toBe(3);
  });

  test('logs that never come end with TimeoutError after timeoutMs', async () => {
    const rivery = client();
    const run = await rivery.runRiver(orders);
    server.use(http.get('https://console.rivery.io/api/activities/runs/logs', () => new HttpResponse(null, { status: 202, headers: { queryid: 'q' } })));
    const error = await settle(rivery.getRunLogs(run.run_id, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe(`The logs of run ${run.run_id} were not ready within 5000 ms`);
  });
});

describe('listing rivers', () => {
  test('follows next_page as a URL when the API sends it so, to null', async () => {
    riveryState(control).nextPage = 'url';
    const seen = requests();
    const rivers = await settle(client().listRivers().all());
    expect(rivers).toHaveLength(25);
    expect(seen).toHaveLength(3);
  });
});
