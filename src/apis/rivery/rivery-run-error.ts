import { KeycardError } from '../../core/errors/keycard-error';
import type { components } from './schema.gen';

type Run = components['schemas']['Run'];

/**
 * A run ended without success: status `E` (error, with Rivery's `error_description`) or `F`.
 *
 * @example
 * ```ts
 * try { await rivery.waitForRun(runId) } catch (error) {
 *   if (error instanceof RiveryRunError) console.error(error.status, error.errorDescription);
 * }
 * ```
 */
export class RiveryRunError extends KeycardError {
  override name = 'RiveryRunError';
  /** The run as last read. */
  readonly run: Run;
  /** The run's id. */
  readonly runId: string;
  /** How it ended: `E` or `F`. */
  readonly status: 'E' | 'F';
  /** Rivery's description of the failure (`error_description`, else `river_run_message`). */
  readonly errorDescription: string | undefined;

  constructor(run: Run) {
    const description = run.error_description ?? run.river_run_message ?? undefined;
    super(`Run ${run.run_id} of river ${run.river_id} ended with status ${run.river_run_status}${description ? `: ${description}` : ''}`);
    this.run = run;
    this.runId = run.run_id;
    this.status = run.river_run_status === 'F' ? 'F' : 'E';
    this.errorDescription = description;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), runId: this.runId, status: this.status, errorDescription: this.errorDescription };
  }
}
