// Rivery: API tokens with scopes, two hosts behind one client, runs followed to their end.
import { InsufficientScopeError, RiveryClient, RiveryRunError, type RiverRun } from 'keycard/rivery';
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

    step('Run a river on the v1 API (202: a run group) and wait for it: statuses as they change');
    const orders = rivers.find((river) => river.river_name.startsWith('Orders'))!;
    const started = Date.now();
    const { data: run, response } = await rivery.runRiverV1(orders.cross_id).withResponse();
    log(`${orders.river_name}: ${response.status}, run ${run.runs[0]!.run_id} of group ${run.run_group_id}`);
    let last: RiverRun['status'] | undefined;
    const done = await rivery.waitForRun(run, {
      intervalMs: 500,
      onProgress: ({ status }) => {
        if (status !== last) log(`${seconds(started).padStart(6)}  ${status}`);
        last = status;
      },
    });
    log(`${done.status} after ${seconds(started)}`);
    const { logs } = (await rivery.getRiverRunLogs(orders.cross_id, done.run_id)) as { logs?: { message: string }[] };
    for (const line of logs ?? []) log(`  log: ${line.message}`);

    step('A skipped run and a partly successful one resolve, with their status; a failed one throws RiveryRunError');
    const ends = await Promise.all(
      ['Skipped', 'Partly', 'Always fails'].map(async (prefix) => {
        const river = rivers.find((candidate) => candidate.river_name.startsWith(prefix))!;
        return { river, run: await rivery.runRiverV1(river.cross_id) };
      }),
    );
    control.advanceClock(3_000); // the sandbox clock moves on, so no one waits for it here
    for (const { river, run: started } of ends) {
      try {
        log(`${river.river_name}: ${(await rivery.waitForRun(started)).status}`);
      } catch (error) {
        if (!(error instanceof RiveryRunError)) throw error;
        log(`${river.river_name}: ${error.name} (${error.status}): ${error.errorDescription}`);
      }
    }

    step('Cancel a v1 run: 202 with an operation, then the run ends canceled');
    const toCancel = await rivery.runRiverV1(orders.cross_id);
    const operation = await rivery.cancelRiverRun(orders.cross_id, toCancel.runs[0]!.run_id);
    log(`cancellation ${operation.operation_id}: ${operation.status}`);
    control.advanceClock(500);
    await rivery.waitForRun(toCancel).catch((error: unknown) => {
      if (!(error instanceof RiveryRunError)) throw error;
      log(`${error.name} (${error.status}): ${error.errorDescription}`);
    });

    step('Legacy run logs: Rivery prepares them (202) and getRunLogs waits for the CSV');
    const legacy = await rivery.runRiver(orders.cross_id);
    control.advanceClock(3_000);
    const waiting = rivery.getRunLogs(legacy.run_id, { intervalMs: 100 });
    setTimeout(() => control.advanceClock(2_000), 300); // the logs query is ready 2 s of sandbox time later
    log(`${(await waiting).trim().split('\r\n').length - 1} log lines`);

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
    // RIVERY_API_TOKEN (with river:list and me:list scopes), and RIVERY_REGION outside the US.
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
