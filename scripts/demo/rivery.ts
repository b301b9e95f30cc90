// Rivery: API tokens with scopes, two hosts behind one client, runs followed to their end.
import { InsufficientScopeError, RiveryClient, RiveryRunError, type Run } from 'keycard/rivery';
import type { DemoSection } from './demo-kit';

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export const riveryDemo: DemoSection = {
  api: 'rivery',
  title: 'Rivery: run a river and wait for it',

  async sandbox({ sandbox, step, log, track }) {
    const { urls, control, credentials } = sandbox;
    const rivery = track(new RiveryClient({ apiToken: credentials.rivery.apiToken, baseUrl: urls.rivery, legacyUrl: urls.riveryLegacy }));

    step('The token knows its account and environment; the v1 calls read them once from /me');
    const rivers = await rivery.listRivers().all();
    log(`${rivers.length} rivers over 3 pages of 10; ${control.counts('rivery').requests} requests in all (1 to /me)`);

    step('Run a river and wait for it: statuses as they change');
    const orders = rivers.find((river) => river.river_name.startsWith('Orders'))!;
    const started = Date.now();
    const run = await rivery.runRiver(orders.cross_id);
    log(`${orders.river_name}: run ${run.run_id} started`);
    let last: Run['river_run_status'] | undefined;
    const done = await rivery.waitForRun(run.run_id, {
      intervalMs: 500,
      onProgress: ({ river_run_status: status, river_run_message: message }) => {
        if (status !== last) log(`${seconds(started).padStart(6)}  ${status}  ${message ?? ''}`);
        last = status;
      },
    });
    log(`done after ${seconds(started)}; ended at ${new Date(done.run_end_date!).toISOString()}`);

    step('A river that fails: waitForRun throws RiveryRunError with Rivery’s description');
    const failing = rivers.find((river) => river.river_name.startsWith('Always fails'))!;
    const failed = await rivery.runRiver(failing.cross_id);
    control.advanceClock(3_000); // the sandbox clock moves on, so no one waits for it here
    try {
      await rivery.waitForRun(failed.run_id);
    } catch (error) {
      if (!(error instanceof RiveryRunError)) throw error;
      log(`${error.name} (${error.status}): ${error.errorDescription}`);
    }

    step('A 429 with retry-after: 1 is waited out');
    control.inject('rivery', { status: 429, headers: { 'retry-after': '1' } });
    const throttled = Date.now();
    const river = await rivery.getRiver(orders.cross_id);
    log(`got "${river.river_name}" after ${seconds(throttled)}; the sandbox answered ${control.counts('rivery').faults} request with 429`);

    step('A token without river:execute gets a typed 403');
    control.addKey('rivery', 'rivery-demo-list-only', ['river:list']);
    try {
      const listOnly = track(new RiveryClient({ apiToken: 'rivery-demo-list-only', baseUrl: urls.rivery, legacyUrl: urls.riveryLegacy }));
      await listOnly.runRiver(orders.cross_id);
    } catch (error) {
      if (!(error instanceof InsufficientScopeError)) throw error;
      log(`${error.name} ${error.status}: ${error.detail}`);
    }
  },

  async live(log) {
    // RIVERY_API_TOKEN (with river:list and me:read scopes), and RIVERY_REGION outside the US.
    const rivery = new RiveryClient();
    const me = await rivery.me();
    log(`account ${me.account_id}, environment ${me.environment_id}`);
    let count = 0;
    for await (const river of rivery.listRivers()) {
      if (count < 5) log(`${river.cross_id}  ${river.river_name}`);
      count += 1;
    }
    log(`${count} rivers`);
  },
};
