import { KeycardError } from '../../core/errors/keycard-error';
import type { components } from './schema.gen';

type Execution = components['schemas']['Execution'];

/**
 * An execution ended without its outputs: `failed` (with Scrydon's `error`) or `cancelled`. Both
 * statuses are modelled: Scrydon publishes only `running` and `completed`.
 *
 * @example
 * ```ts
 * try { await scrydon.waitForExecution(executionId) } catch (error) {
 *   if (error instanceof ExecutionFailedError) console.error(error.status, error.reason);
 * }
 * ```
 */
export class ExecutionFailedError extends KeycardError {
  override name = 'ExecutionFailedError';
  /** The execution as last read. */
  readonly execution: Execution;
  /** The execution's id. */
  readonly executionId: string;
  /** How it ended. */
  readonly status: 'failed' | 'cancelled';
  /** Why it failed, as Scrydon says. */
  readonly reason: string | undefined;

  constructor(execution: Execution) {
    const reason = execution.error ?? undefined;
    super(`Execution ${execution.executionId} of workflow ${execution.workflowId} ended ${execution.status}${reason ? `: ${reason}` : ''}`);
    this.execution = execution;
    this.executionId = execution.executionId;
    this.status = execution.status === 'cancelled' ? 'cancelled' : 'failed';
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), executionId: this.executionId, status: this.status, reason: this.reason };
  }
}
