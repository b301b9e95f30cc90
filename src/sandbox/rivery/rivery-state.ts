import { emulatorState } from '../emulator-kit';
import { seededOperations, type OperationRecord } from './sandbox-operations';
import { sandboxRivers, type SandboxRiver } from './sandbox-rivers';

/** A run as the sandbox keeps it; what a client sees is derived from it at read time. */
export interface RunRecord {
  run_id: string;
  river: SandboxRiver;
  startedAt: number;
  /** When a cancellation takes effect on the sandbox clock (at once on the legacy API, shortly after on v1). */
  canceledAt?: number;
  groupId?: string;
}

/** A legacy logs query: started by the first request, ready some time later. */
export interface LogsQuery {
  runId: string;
  readyAt: number;
}

/** Rivery's state in one sandbox: rivers, runs, run groups, operations, logs queries, and the answer shapes to use. */
export interface RiveryState {
  rivers: Map<string, SandboxRiver>;
  runs: Map<string, RunRecord>;
  groups: Map<string, string[]>;
  operations: Map<string, OperationRecord>;
  logsQueries: Map<string, LogsQuery>;
  /**
   * How v1 lists write `next_page`: `'number'` (the page number, as the Terraform client reads it)
   * or `'url'` (the next page's URL, null on the last, as Boomi's reference shows it). @default 'number'
   */
  nextPage: 'number' | 'url';
  /** How legacy runs write `tasks_status`: `'list'` of tasks, or a `'string'`, as some answers do. @default 'list' */
  tasksStatus: 'list' | 'string';
}

/** Phases of a run on the sandbox clock: waiting for 1 s, running until 3 s, then its outcome. */
export const waitingMs = 1_000;
export const runningUntilMs = 3_000;
/** How long a logs query of the legacy API takes to be ready. */
export const logsReadyAfterMs = 2_000;
/** How long a v1 cancellation takes to reach the run. */
export const cancelAfterMs = 500;

/**
 * The state of one sandbox, kept by its control and dropped by `reset()`. Its `nextPage` and
 * `tasksStatus` choose between the answer shapes Rivery is documented to send.
 *
 * @example
 * ```ts
 * riveryState(sandbox.control).nextPage = 'url'; // next_page as Boomi's reference shows it
 * ```
 */
export const riveryState = emulatorState(
  'rivery',
  (control): RiveryState => ({
    rivers: new Map(sandboxRivers.map((river) => [river.cross_id, river])),
    runs: new Map(),
    groups: new Map(),
    operations: new Map(seededOperations(control.now()).map((operation) => [operation.operation_id, operation])),
    logsQueries: new Map(),
    nextPage: 'number',
    tasksStatus: 'list',
  }),
);

/** Where a run stands at `now`, and since when. */
export type RunPhase = { phase: 'waiting' | 'running' | 'ended' | 'canceled'; since: number };

/** Where a run stands at `now`: a cancellation counts if it took effect before the run ended. */
export function runPhase(record: RunRecord, now: number): RunPhase {
  const end = record.startedAt + runningUntilMs;
  if (record.canceledAt !== undefined && record.canceledAt < end && now >= record.canceledAt) return { phase: 'canceled', since: record.canceledAt };
  if (now < record.startedAt + waitingMs) return { phase: 'waiting', since: record.startedAt };
  if (now < end) return { phase: 'running', since: record.startedAt + waitingMs };
  return { phase: 'ended', since: end };
}

/** Whether a run can still be canceled at `now`. */
export const isActive = (record: RunRecord, now: number): boolean => {
  const { phase } = runPhase(record, now);
  return phase === 'waiting' || phase === 'running';
};
