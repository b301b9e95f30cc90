import { emulatorState } from '../emulator-kit';
import { sandboxRivers, type RiverOutcome, type SandboxRiver } from './sandbox-rivers';

/** A run as the sandbox keeps it; what a client sees is derived from it at read time. */
export interface RunRecord {
  run_id: string;
  river: SandboxRiver;
  startedAt: number;
  canceledAt?: number;
  groupId?: string;
}

/** Rivery's state in one sandbox: rivers, runs and run groups (the v1 operations). */
export interface RiveryState {
  rivers: Map<string, SandboxRiver>;
  runs: Map<string, RunRecord>;
  groups: Map<string, string[]>;
}

/** Phases of a run on the sandbox clock: waiting for 1 s, running until 3 s, then its outcome. */
export const waitingMs = 1_000;
export const runningUntilMs = 3_000;

/** The state of one sandbox, kept by its control and dropped by `reset()`. */
export const riveryState = emulatorState(
  'rivery',
  (): RiveryState => ({
    rivers: new Map(sandboxRivers.map((river) => [river.cross_id, river])),
    runs: new Map(),
    groups: new Map(),
  }),
);

/** Where a run stands at `now`: its status and when it last changed. */
export function runPhase(record: RunRecord, now: number): { status: 'W' | 'R' | RiverOutcome; since: number; canceled: boolean } {
  const end = record.startedAt + runningUntilMs;
  if (record.canceledAt !== undefined && record.canceledAt < end && now >= record.canceledAt) {
    return { status: 'E', since: record.canceledAt, canceled: true };
  }
  if (now < record.startedAt + waitingMs) return { status: 'W', since: record.startedAt, canceled: false };
  if (now < end) return { status: 'R', since: record.startedAt + waitingMs, canceled: false };
  return { status: record.river.outcome, since: end, canceled: false };
}

const canceledMessage = 'The run was canceled by the user';

/** The legacy run body (`/run`, `/check_run`, `/run/cancel`), dates in epoch ms. */
export function runBody(record: RunRecord, now: number) {
  const { status, since, canceled } = runPhase(record, now);
  const final = status !== 'W' && status !== 'R';
  const error = canceled ? canceledMessage : status === 'E' ? (record.river.error ?? 'The run failed') : undefined;
  const message =
    error ?? { W: 'Waiting for an available worker', R: 'Running', D: 'Completed successfully', F: 'Ended with status F' }[status as 'W' | 'R' | 'D' | 'F'];
  return {
    run_id: record.run_id,
    river_id: record.river.cross_id,
    river_run_status: status,
    river_run_message: message,
    ...(error === undefined ? {} : { error_description: error }),
    run_insert_date: record.startedAt,
    run_update_date: since,
    run_end_date: final ? since : null,
    tasks_status: status === 'W' ? [] : [{ task_status: status, task_status_message: status === 'R' ? 'Extracting' : message }],
  };
}

/** A v1 operation: the state of a run group. */
export function operationBody(operationId: string, runIds: readonly string[], state: RiveryState, now: number) {
  const phases = runIds.map((id) => runPhase(state.runs.get(id)!, now));
  const failed = runIds.find((_, index) => phases[index]!.status === 'E' || phases[index]!.status === 'F');
  const status = phases.every((phase) => phase.status === 'W')
    ? 'W'
    : phases.some((phase) => phase.status === 'W' || phase.status === 'R')
      ? 'R'
      : failed === undefined
        ? 'D'
        : 'E';
  const error = status === 'E' ? runBody(state.runs.get(failed!)!, now).river_run_message : null;
  return { operation_id: operationId, status, error_message: error };
}
