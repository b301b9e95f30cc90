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

test('over real HTTP, errors keep their class and the server’s words', async () => {
  sandbox.control.addKey('rivery', 'rivery-loopback-limited', ['me:read']);
  const error = await client('rivery-loopback-limited').runRiver(sandbox.credentials.rivery.accountId).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InsufficientScopeError);
  expect(error).toMatchObject({ status: 403, detail: 'The API token is missing the required scope: river:execute' });
});
