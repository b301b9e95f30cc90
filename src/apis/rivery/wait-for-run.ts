import type { ApiPromise } from '../../core/client/api-promise';
import { waitUntil, type WaitOptions } from '../../core/client/wait-until';
import { TimeoutError } from '../../core/errors/connection-errors';
import type { Observer } from '../../core/observe/observer';
import { RiveryRunError } from './rivery-run-error';
import type { components } from './schema.gen';

type Run = components['schemas']['Run'];

/**
 * Options of `waitForRun`: `signal`, `onProgress` (with the run after every check, e.g. to show
 * `W` → `R` → `D`), `timeoutMs` (default 3_600_000, 1 h) and `intervalMs` (default 2_000; each
 * next wait 1.5 times longer, up to 30 s or `intervalMs` if longer).
 */
export type WaitForRunOptions = WaitOptions<Run>;

/**
 * Checks a run until it ends: returns it on `D`, throws `RiveryRunError` on `E` or `F`. Checks
 * back off from `intervalMs` to 30 s, since runs take from seconds to hours. The deadline also
 * cuts a check in flight, such as one waiting out a rate limit.
 */
export function waitForRun(
  check: (signal: AbortSignal) => ApiPromise<Run>,
  runId: string,
  options: WaitForRunOptions = {},
  observer?: Observer,
): ApiPromise<Run> {
  return waitUntil<Run>(
    {
      read: check,
      done: (run) => {
        const status = run.river_run_status;
        if (status === 'E' || status === 'F') throw new RiveryRunError(run);
        return status === 'D';
      },
      timeoutError: (last, timeoutMs) => new TimeoutError(`Run ${runId} did not end within ${timeoutMs} ms (last status ${last?.river_run_status ?? 'unknown'})`),
      defaultTimeoutMs: 3_600_000,
      defaultIntervalMs: 2_000,
      maxIntervalMs: 30_000,
      observer,
      label: `run ${runId}`,
    },
    options,
  );
}
