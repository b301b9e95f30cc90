import { ApiPromise } from '../../core/client/api-promise';
import { waitUntil, type WaitOptions } from '../../core/client/wait-until';
import { TimeoutError } from '../../core/errors/connection-errors';

/**
 * Options of `getRunLogs`: `signal`, `timeoutMs` (default 600_000, 10 min, about as long as
 * Rivery's CLI waits) and `intervalMs` (default 1_000; each next wait 1.5 times longer, up to 30 s).
 */
export type WaitForLogsOptions = Omit<WaitOptions<unknown>, 'onProgress'>;

/** One answer of the legacy logs endpoint: still being prepared, or the logs. */
export interface LogsAnswer {
  ready: boolean;
  csv: string;
}

// Rivery's CLI treats this body like a 202: some answers say so in the text instead.
const stillPreparing = 'downloading logs is still in progress';

/** Reads one answer of `GET /activities/runs/logs`: 202, or a body saying so, means not ready yet. */
export function logsAnswer(status: number, body: unknown): LogsAnswer {
  const text = typeof body === 'string' ? body : '';
  const ready = status !== 202 && !text.toLowerCase().includes(stillPreparing);
  return { ready, csv: ready ? text : '' };
}

/** Asks for a run's logs until they are ready, and resolves to them as CSV text. */
export function waitForLogs(read: (signal: AbortSignal) => ApiPromise<LogsAnswer>, runId: string, options: WaitForLogsOptions): ApiPromise<string> {
  const waited = waitUntil<LogsAnswer>(
    {
      read,
      done: (answer) => answer.ready,
      timeoutError: (_last, timeoutMs) => new TimeoutError(`The logs of run ${runId} were not ready within ${timeoutMs} ms`),
      defaultTimeoutMs: 600_000,
      defaultIntervalMs: 1_000,
      maxIntervalMs: 30_000,
    },
    options,
  );
  return new ApiPromise(waited.withResponse().then(({ data, response }) => ({ data: data.csv, response })));
}
