import { TimeoutError } from '../../core/errors/connection-errors';
import { poll } from '../../core/util/poll';
import { milliseconds } from '../../core/util/validate';
import { RiveryRunError } from './rivery-run-error';
import type { components } from './schema.gen';

type Run = components['schemas']['Run'];

/** Options of `waitForRun`. */
export interface WaitForRunOptions {
  /** Stops waiting, and the check in flight (with `AbortError`); the run itself goes on. */
  signal?: AbortSignal;
  /** Called with the run after every check, e.g. to show `W` → `R` → `D`. */
  onProgress?: (run: Run) => void;
  /** How long to wait for the run to end, checks included, before giving up with `TimeoutError`. @default 3_600_000 (1 h) */
  timeoutMs?: number;
  /** Wait after the first check; each next wait is 1.5 times longer, up to 30 s (or `intervalMs` if longer). @default 2_000 */
  intervalMs?: number;
}

/**
 * Checks a run until it ends: returns it on `D`, throws `RiveryRunError` on `E` or `F`. Checks
 * back off from `intervalMs` to 30 s, since runs take from seconds to hours. The deadline also
 * cuts a check in flight, such as one waiting out a rate limit.
 */
export async function waitForRun(
  check: (signal: AbortSignal) => PromiseLike<Run>,
  runId: string,
  options: WaitForRunOptions = {},
): Promise<Run> {
  const timeoutMs = milliseconds('timeoutMs', options.timeoutMs, 3_600_000, 1);
  const intervalMs = milliseconds('intervalMs', options.intervalMs, 2_000, 1);
  return poll({
    read: check,
    done: (run) => {
      options.onProgress?.(run);
      const status = run.river_run_status;
      if (status === 'E' || status === 'F') throw new RiveryRunError(run);
      return status === 'D';
    },
    timeoutError: (last) => new TimeoutError(`Run ${runId} did not end within ${timeoutMs} ms (last status ${last?.river_run_status ?? 'unknown'})`),
    signal: options.signal,
    timeoutMs,
    intervalMs,
    maxIntervalMs: 30_000,
  });
}
