import { KeycardError } from '../../core/errors/keycard-error';
import type { components } from './schema.gen';

type Run = components['schemas']['Run'];
type RiverRun = components['schemas']['RiverRun'];

/**
 * A run ended without success: a legacy run with status `E` (error, with Rivery's
 * `error_description`) or `F`; a v1 run `failed` or `canceled` (with its `error_message`), or with a
 * status keycard does not know, which is surfaced rather than waited on for ever.
 *
 * @example
 * ```ts
 * try { await rivery.waitForRun(run) } catch (error) {
 *   if (error instanceof RiveryRunError) console.error(error.status, error.errorDescription);
 * }
 * ```
 */
export class RiveryRunError extends KeycardError {
  override name = 'RiveryRunError';
  /** The run as last read: a legacy `Run` or a v1 `RiverRun`. */
  readonly run: Run | RiverRun;
  /** The run's id. */
  readonly runId: string;
  /** How it ended: `E` or `F` (legacy), `failed`, `canceled` or an unknown status (v1). */
  readonly status: string;
  /** Rivery's description of the failure (`error_description`, else `river_run_message`; v1 `error_message`). */
  readonly errorDescription: string | undefined;

  constructor(run: Run | RiverRun) {
    const legacy = 'river_run_status' in run;
    const status = String(legacy ? run.river_run_status : run.status);
    const text = legacy ? (run.error_description ?? run.river_run_message) : run.error_message;
    const description = typeof text === 'string' ? text : undefined;
    const river = legacy ? run.river_id : run.river_cross_id;
    const known = legacy || status === 'failed' || status === 'canceled';
    super(
      `Run ${run.run_id}${river ? ` of river ${river}` : ''} ended with ${known ? 'status' : 'a status keycard does not know,'} ${status}${description ? `: ${description}` : ''}`,
    );
    this.run = run;
    this.runId = run.run_id;
    this.status = status;
    this.errorDescription = description;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), runId: this.runId, status: this.status, errorDescription: this.errorDescription };
  }
}
