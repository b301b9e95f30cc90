import type { ApiPromise } from '../../core/client/api-promise';
import { waitUntil, type WaitOptions } from '../../core/client/wait-until';
import { TimeoutError } from '../../core/errors/connection-errors';
import { ExecutionFailedError } from './execution-failed-error';
import type { components } from './schema.gen';

type Execution = components['schemas']['Execution'];

/**
 * Options of `waitForExecution`: `signal`, `onProgress` (with the execution whenever its status
 * changes), `timeoutMs` (default 3_600_000, 1 h) and `intervalMs` (default 1_000; each next wait
 * 1.5 times longer, up to 15 s).
 */
export type WaitForExecutionOptions = WaitOptions<Execution>;

/**
 * Reads an execution until it ends: returns it on `completed` (with its `outputs`), throws
 * `ExecutionFailedError` on `failed` or `cancelled`. A trigger already waited up to 30 s before
 * it answered `running`, so reads start at a second and back off to 15 s.
 */
export function waitForExecution(
  read: (signal: AbortSignal) => ApiPromise<Execution>,
  executionId: string,
  options: WaitForExecutionOptions = {},
): ApiPromise<Execution> {
  return waitUntil<Execution>(
    {
      read,
      state: (execution) => execution.status,
      done: (execution) => {
        if (execution.status === 'failed' || execution.status === 'cancelled') throw new ExecutionFailedError(execution);
        return execution.status === 'completed';
      },
      timeoutError: (last, timeoutMs) =>
        new TimeoutError(`Execution ${executionId} did not end within ${timeoutMs} ms (last status ${last?.status ?? 'unknown'})`),
      defaultTimeoutMs: 3_600_000,
      defaultIntervalMs: 1_000,
      maxIntervalMs: 15_000,
    },
    options,
  );
}
