import type { ApiPromise } from '../../core/client/api-promise';
import { waitUntil, type WaitOptions } from '../../core/client/wait-until';
import { TimeoutError } from '../../core/errors/connection-errors';
import type { Observer } from '../../core/observe/observer';
import { RiveryRunError } from './rivery-run-error';
import type { components } from './schema.gen';

type Run = components['schemas']['Run'];
type RiverRun = components['schemas']['RiverRun'];

/**
 * Options of `waitForRun`: `signal`, `onProgress` (with the run after every check, e.g. to show
 * `pending` → `running` → `succeeded`), `timeoutMs` (default 3_600_000, 1 h) and `intervalMs`
 * (default 2_000; each next wait 1.5 times longer, up to 30 s or `intervalMs` if longer).
 */
export type WaitForRunOptions<T = Run | RiverRun> = WaitOptions<T>;

/** Whether a legacy run has ended well: `D` ends it, `E` and `F` throw, anything else (`W`, `R`, `P`) goes on. */
export function legacyRunEnded(run: Run): boolean {
  const status = run.river_run_status;
  if (status === 'E' || status === 'F') throw new RiveryRunError(run);
  return status === 'D';
}

const goingOn = new Set(['pending', 'running']);
const endedWell = new Set(['succeeded', 'skipped', 'partially succeeded']);

/**
 * Whether a v1 run has ended well: `succeeded`, `skipped` and `partially succeeded` end it (the
 * status stays on the run); `failed`, `canceled` and any status not published throw, since the
 * Terraform guide says to surface an unknown status rather than loop on it.
 */
export function v1RunEnded(run: RiverRun): boolean {
  const status = String(run.status);
  if (goingOn.has(status)) return false;
  if (endedWell.has(status)) return true;
  throw new RiveryRunError(run);
}

/** How a kind of run is read: what ends it, and where its status is. */
interface RunKind<T> {
  ended: (run: T) => boolean;
  status: (run: T) => unknown;
}

/** A legacy run, read with `check_run`. */
export const legacyRun: RunKind<Run> = { ended: legacyRunEnded, status: (run) => run.river_run_status };
/** A v1 run, read with `GET …/rivers/{river_id}/runs/{run_id}`. */
export const v1Run: RunKind<RiverRun> = { ended: v1RunEnded, status: (run) => run.status };

/**
 * Checks a run until it ends, backing off from `intervalMs` to 30 s since runs take from seconds
 * to hours. The deadline also cuts a check in flight, such as one waiting out a rate limit.
 */
export function waitForRunOf<T>(
  kind: RunKind<T>,
  read: (signal: AbortSignal) => ApiPromise<T>,
  runId: string,
  options: WaitForRunOptions<T>,
  observer?: Observer,
): ApiPromise<T> {
  return waitUntil<T>(
    {
      read,
      done: kind.ended,
      timeoutError: (last, timeoutMs) =>
        new TimeoutError(`Run ${runId} did not end within ${timeoutMs} ms (last status ${(last === undefined ? undefined : kind.status(last)) ?? 'unknown'})`),
      defaultTimeoutMs: 3_600_000,
      defaultIntervalMs: 2_000,
      maxIntervalMs: 30_000,
      observer,
      label: `run ${runId}`,
    },
    options,
  );
}
