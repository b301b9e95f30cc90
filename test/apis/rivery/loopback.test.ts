import { afterAll, beforeAll, expect, test } from 'vitest';
import { InsufficientScopeError, RiveryClient } from '../../../src/apis/rivery/index';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const client = (apiToken: string = sandbox.credentials.rivery.apiToken) =>
  new RiveryClient({ apiToken, baseUrl: sandbox.urls.rivery, legacyUrl: sandbox.urls.riveryLegacy });

test('over real HTTP on loopback: both hosts, paging, a run to its end', async () => {
  const rivery = client();
  expect(rivery.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rivery$/);
  const rivers = await rivery.listRivers().all();
  expect(rivers).toHaveLength(25);
  const run = await rivery.runRiver(rivers[0]!.cross_id);
  // The sandbox clock moves on without anyone waiting for it.
  sandbox.control.advanceClock(5_000);
  const statuses: string[] = [];
  const done = await rivery.waitForRun(run.run_id, { onProgress: (checked) => statuses.push(checked.river_run_status) });
  expect(done.river_run_status).toBe('D');
  expect(statuses).toEqual(['D']);
  expect(sandbox.control.counts('rivery').requests).toBe(6); // /me, 3 pages, /run, /check_run
});

test('over real HTTP: a v1 run answered 202 and waited to its end, and legacy logs waited out of their 202s', async () => {
  const rivery = client();
  const river = (await rivery.listRivers()).items[0]!.cross_id;
  const { data: started, response } = await rivery.runRiverV1(river).withResponse();
  expect(response.status).toBe(202);
  sandbox.control.advanceClock(5_000);
  const done = await rivery.waitForRun(started);
  expect(done).toMatchObject({ run_id: started.runs[0]!.run_id, status: 'succeeded' });
  const legacyRun = await rivery.runRiver(river);
  sandbox.control.advanceClock(5_000);
  const first = rivery.getRunLogs(legacyRun.run_id, { intervalMs: 1 });
  // The logs query is ready 2 s of sandbox time after it starts.
  setTimeout(() => sandbox.control.advanceClock(2_000), 20);
  expect(await first).toMatch(/^time,level,message\r\n.*Run ended with status succeeded\r\n$/s);
});

test('over real HTTP, errors keep their class and the server’s words', async () => {
  sandbox.control.addKey('rivery', 'rivery-loopback-limited', ['me:list']);
  const error = await client('rivery-loopback-limited').runRiver(sandbox.credentials.rivery.accountId).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InsufficientScopeError);
  expect(error).toMatchObject({ status: 403, detail: 'The API token is missing the required scope: river:execute' });
});
