// The Rivery example of the README, run against the in-process sandbox with the client's default URLs.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { RiveryClient, RiveryRunError } from '../../../src/apis/rivery/index';
import { createSandbox } from '../../../src/sandbox/index';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const sandbox = createSandbox();

beforeEach(() => {
  useFakeTime();
  sandbox.control.reset();
  server.use(...sandbox.handlers);
  vi.stubEnv('RIVERY_API_TOKEN', sandbox.credentials.rivery.apiToken);
  vi.stubEnv('RIVERY_ACCOUNT_ID', sandbox.credentials.rivery.accountId);
  vi.stubEnv('RIVERY_ENVIRONMENT_ID', sandbox.credentials.rivery.environmentId);
  vi.stubEnv('RIVERY_REGION', '');
});
afterEach(() => vi.useRealTimers());

test('the README example lists the rivers, runs one and waits for it', async () => {
  const logged: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.join(' ')));

  const outcome = await settle(
    (async () => {
      // ── the README block, from here ──
      const rivery = new RiveryClient(); // RIVERY_API_TOKEN, RIVERY_REGION, RIVERY_ACCOUNT_ID, RIVERY_ENVIRONMENT_ID

      const rivers = await rivery.listAllRivers();
      console.log(`${rivers.length} rivers`);

      const orders = rivers.find((river) => river.river_name.startsWith('Orders'))!;
      const run = await rivery.runRiver(orders.cross_id);
      try {
        const done = await rivery.waitForRun(run.run_id, { onProgress: (checked) => console.log(checked.river_run_status) });
        console.log(`${done.river_run_status} after ${(done.run_end_date! - done.run_insert_date!) / 1000} s`);
      } catch (error) {
        if (!(error instanceof RiveryRunError)) throw error;
        console.log(`run ${error.runId} failed (${error.status}): ${error.errorDescription}`);
      }
      // ── to here ──
    })(),
  );

  expect(outcome).toBeUndefined();
  expect(logged).toEqual(['25 rivers', 'W', 'R', 'D', 'D after 3 s']);
  // The account and environment came from the environment: no /me lookup.
  expect(sandbox.control.counts('rivery').requests).toBe(3 + 1 + 3);
});
