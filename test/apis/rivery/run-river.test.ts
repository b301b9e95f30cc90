import { http } from 'msw';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AbortError, ConflictError, RiveryClient, RiveryRunError, TimeoutError, type Run } from '../../../src/apis/rivery/index';
import { sandboxRivers } from '../../../src/sandbox/rivery/sandbox-rivers';
import { settle } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox } = useSandbox({ fakeTime: true });
const { apiToken } = sandbox.credentials.rivery;
const [orders, , failing, endsWithF] = sandboxRivers.map((river) => river.cross_id) as [string, string, string, string];

afterEach(() => vi.useRealTimers());

const client = () => new RiveryClient({ apiToken });

/** Every check of the run: when it was made (ms after the start) and what it saw. */
function recorder(started: number) {
  const seen: { at: number; status: Run['river_run_status'] }[] = [];
  return { seen, onProgress: (run: Run) => void seen.push({ at: Date.now() - started, status: run.river_run_status }) };
}

describe('runRiver, checkRun', () => {
  test('a run starts waiting, with epoch-ms dates', async () => {
    const run = await client().runRiver(orders);
    expect(run).toMatchObject({ river_id: orders, river_run_status: 'W', run_insert_date: Date.now(), run_end_date: null });
    expect(run.run_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('checkRun follows it on the sandbox clock: W, R, then D', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    const statuses = [];
    for (const step of [0, 1_000, 2_000]) {
      vi.setSystemTime(Date.now() + step);
      statuses.push((await rivery.checkRun(run_id)).river_run_status);
    }
    expect(statuses).toEqual(['W', 'R', 'D']);
  });
});

describe('waitForRun', () => {
  test('waits a run to D in a few checks that back off', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    const { seen, onProgress } = recorder(Date.now());
    const done = (await settle(rivery.waitForRun(run_id, { onProgress }))) as Run;
    expect(done).toMatchObject({ run_id, river_run_status: 'D', run_end_date: expect.any(Number) });
    // Checks at 0, 2 s and 5 s: the wait grows from 2 s by half each time.
    expect(seen).toEqual([
      { at: 0, status: 'W' },
      { at: 2_000, status: 'R' },
      { at: 5_000, status: 'D' },
    ]);
  });

  test('intervalMs sets the first wait, and the waits grow from it', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    const { seen, onProgress } = recorder(Date.now());
    await settle(rivery.waitForRun(run_id, { onProgress, intervalMs: 400 }));
    expect(seen.map((check) => check.at)).toEqual([0, 400, 1_000, 1_900, 3_250]);
    expect(seen.map((check) => check.status)).toEqual(['W', 'W', 'R', 'R', 'D']);
  });

  test('E becomes a RiveryRunError carrying the run and its description', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(failing);
    const error = await settle(rivery.waitForRun(run_id));
    expect(error).toBeInstanceOf(RiveryRunError);
    const failure = error as RiveryRunError;
    expect(failure).toMatchObject({ status: 'E', runId: run_id, errorDescription: sandboxRivers[2]!.error });
    expect(failure.run).toMatchObject({ river_id: failing, river_run_status: 'E' });
    expect(failure.message).toContain(sandboxRivers[2]!.error);
  });

  test('F is accepted as a final failure', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(endsWithF);
    const error = await settle(rivery.waitForRun(run_id));
    expect(error).toBeInstanceOf(RiveryRunError);
    expect(error).toMatchObject({ status: 'F', run: { river_run_status: 'F' } });
  });

  test('an abort during a wait ends it at once with AbortError', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 1_000);
    const error = await settle(rivery.waitForRun(run_id, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    // One check, then aborted 1 s into the 2 s wait: nothing more was asked of the API.
    expect(Date.now() - started).toBe(1_000);
    expect(sandbox.control.counts('rivery').requests).toBe(2);
  });

  test('an already aborted signal sends nothing', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    const error = await settle(rivery.waitForRun(run_id, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(sandbox.control.counts('rivery').requests).toBe(1);
  });

  test('a run that does not end in timeoutMs is a TimeoutError', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    const started = Date.now();
    const error = await settle(rivery.waitForRun(run_id, { timeoutMs: 2_500 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toContain('last status R');
    expect(Date.now() - started).toBe(2_500);
  });

  test('the deadline also ends a check that hangs, at timeoutMs', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    let checks = 0;
    server.use(
      http.get(`${sandbox.urls.riveryLegacy}/check_run`, () => {
        // The first check falls through to the emulator; the next one never answers.
        return ++checks === 1 ? undefined : new Promise<Response>(() => {});
      }),
    );
    const started = Date.now();
    const error = await settle(rivery.waitForRun(run_id, { timeoutMs: 4_000, intervalMs: 1_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe(`Run ${run_id} did not end within 4000 ms (last status W)`);
    expect(Date.now() - started).toBe(4_000);
    expect(checks).toBe(2);
  });

  test('the signal also cuts a check in flight', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    server.use(http.get(`${sandbox.urls.riveryLegacy}/check_run`, () => new Promise<Response>(() => {})));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 500);
    const error = await settle(rivery.waitForRun(run_id, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toMatchObject({ message: 'shutting down' });
  });

  test('bad wait options are named', async () => {
    const error = await settle(client().waitForRun('0'.repeat(32), { intervalMs: -5 }));
    expect(error).toMatchObject({ name: 'ConfigurationError', option: 'intervalMs' });
  });
});

describe('cancelRun', () => {
  test('cancels a running run, which then ends E with a message', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    vi.setSystemTime(Date.now() + 1_500);
    const canceled = await rivery.cancelRun(run_id);
    expect(canceled).toMatchObject({ river_run_status: 'E', run_end_date: Date.now() });
    const error = await settle(rivery.waitForRun(run_id));
    expect(error).toMatchObject({ name: 'RiveryRunError', errorDescription: 'The run was canceled by the user' });
  });

  test('a run that already ended cannot be canceled', async () => {
    const rivery = client();
    const { run_id } = await rivery.runRiver(orders);
    vi.setSystemTime(Date.now() + 5_000);
    const error = await rivery.cancelRun(run_id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, detail: `Run ${run_id} already ended with status D` });
  });
});
