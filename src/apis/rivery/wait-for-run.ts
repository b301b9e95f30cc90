import { TimeoutError } from '../../core/errors/connection-errors';
import { sleep } from '../../core/util/abortable';
import { milliseconds } from '../../core/util/validate';
import { RiveryRunError } from './rivery-run-error';
import type { components } from './schema.gen';

type Run = components['schemas']['Run'];

/** Options of `waitForRun`. */
export interface WaitForRunOptions {
  /** Stops waiting (with `AbortError`); the run itself goes on. */
  signal?: AbortSignal;
  /** Called with the run after every check, e.g. to show `W` → `R` → `D`. */
  onProgress?: (run: Run) => void;
  /** How long to wait for the run to end before giving up with `TimeoutError`. @default 3_600_000 (1 h) */
  timeoutMs?: number;
  /** Wait after the first check; each next wait is 1.5 times longer, up to 30 s. @default 2_000 */
  intervalMs?: number;
}

const maxIntervalMs = 30_000;

/**
 * Checks a run until it ends: returns it on `D`, throws `RiveryRunError` on `E` or `F`. Checks
 * back off from `intervalMs` to 30 s, since runs take from seconds to hours.
 */
export async function waitForRun(check: (signal?: AbortSignal) => Promise<Run>, options: WaitForRunOptions = {}): Promise<Run> {
  const { signal, onProgress } = options;
  const timeoutMs = milliseconds('timeoutMs', options.timeoutMs, 3_600_000, 1);
  let intervalMs = milliseconds('intervalMs', options.intervalMs, 2_000, 1);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await check(signal);
    onProgress?.(run);
    const status = run.river_run_status;
    if (status === 'D') return run;
    if (status === 'E' || status === 'F') throw new RiveryRunError(run);
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TimeoutError(`Run ${run.run_id} did not end within ${timeoutMs} ms (last status ${status})`);
    }
    await sleep(Math.min(intervalMs, remaining), signal);
    intervalMs = Math.min(Math.max(maxIntervalMs, intervalMs), Math.round(intervalMs * 1.5));
  }
}
