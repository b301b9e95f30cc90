import { runPhase, waitingMs, type RiveryState, type RunPhase, type RunRecord } from './rivery-state';
import type { OperationRecord } from './sandbox-operations';
import { v1OutcomeOf } from './sandbox-rivers';

const canceledMessage = 'The run was canceled by the user';
const iso = (ms: number) => new Date(ms).toISOString();

/** The legacy status of a run: `W`, `R`, its river's outcome, or `E` once canceled. */
export function legacyStatus(record: RunRecord, now: number): 'W' | 'R' | 'D' | 'E' | 'F' {
  const { phase } = runPhase(record, now);
  return phase === 'waiting' ? 'W' : phase === 'running' ? 'R' : phase === 'canceled' ? 'E' : record.river.outcome;
}

/** Whether a run got as far as running (a run canceled while waiting never did). */
function reachedRunning(record: RunRecord, { phase, since }: RunPhase): boolean {
  return phase === 'running' || phase === 'ended' || (phase === 'canceled' && since >= record.startedAt + waitingMs);
}

/** The v1 status of a run: `pending`, `running`, its river's v1 outcome, or `canceled`. */
export function v1Status(record: RunRecord, now: number): string {
  const { phase } = runPhase(record, now);
  return phase === 'waiting' ? 'pending' : phase === 'running' ? 'running' : phase === 'canceled' ? 'canceled' : v1OutcomeOf(record.river);
}

/** Why a run failed, if it did. */
function errorOf(record: RunRecord, now: number): string | undefined {
  const { phase } = runPhase(record, now);
  if (phase === 'canceled') return canceledMessage;
  if (phase !== 'ended') return undefined;
  const failed = record.river.outcome === 'E' || ['failed', 'partially succeeded'].includes(v1OutcomeOf(record.river));
  return failed && record.river.outcome !== 'F' ? (record.river.error ?? 'The run failed') : undefined;
}

/** The legacy run body (`/run`, `/check_run`, `/run/cancel`), dates in epoch ms. */
export function runBody(record: RunRecord, now: number, state: Pick<RiveryState, 'tasksStatus'>) {
  const status = legacyStatus(record, now);
  const { phase, since } = runPhase(record, now);
  const final = phase === 'ended' || phase === 'canceled';
  const error = errorOf(record, now);
  const message = error ?? { W: 'Waiting for an available worker', R: 'Running', D: 'Completed successfully', E: 'The run failed', F: 'Ended with status F' }[status];
  const tasks = status === 'W' ? [] : [{ task_status: status, task_status_message: status === 'R' ? 'Extracting' : message }];
  return {
    run_id: record.run_id,
    river_id: record.river.cross_id,
    river_run_status: status,
    river_run_message: message,
    ...(error === undefined ? {} : { error_description: error }),
    run_insert_date: record.startedAt,
    run_update_date: since,
    run_end_date: final ? since : null,
    tasks_status: state.tasksStatus === 'list' ? tasks : tasks.map((task) => `${task.task_status}: ${task.task_status_message}`).join('; '),
  };
}

/** A v1 run (`GET …/rivers/{river_id}/runs/{run_id}`), dates in RFC 3339. */
export function v1RunBody(record: RunRecord, now: number) {
  const current = runPhase(record, now);
  const { phase, since } = current;
  return {
    run_id: record.run_id,
    run_group_id: record.groupId ?? null,
    river_cross_id: record.river.cross_id,
    status: v1Status(record, now),
    error_message: errorOf(record, now) ?? null,
    start_time: reachedRunning(record, current) ? iso(record.startedAt + waitingMs) : null,
    end_time: phase === 'ended' || phase === 'canceled' ? iso(since) : null,
  };
}

/** An operation (`GET …/operations/{operation_id}`): `R` until it ends, then `D`, or `E` with its error. */
export function operationBody(operation: OperationRecord, state: RiveryState, now: number) {
  const ended = now >= operation.endsAt;
  const error = ended ? (operation.error ?? cancelFailure(operation, state, now)) : undefined;
  return {
    operation_id: operation.operation_id,
    operation_type: operation.operation_type,
    run_id: operation.run_id ?? null,
    last_update_date: iso(ended ? operation.endsAt : operation.startedAt),
    status: !ended ? (now < operation.startedAt + 200 ? 'W' : 'R') : error === undefined ? 'D' : 'E',
    result: ended && error === undefined ? operation.result : null,
    error_message: error ?? null,
  };
}

/** A cancellation fails when every run it named had already ended by the time it took effect. */
function cancelFailure(operation: OperationRecord, state: RiveryState, now: number): string | undefined {
  if (operation.operation_type !== 'cancel_run') return undefined;
  const ids = operation.run_id !== undefined ? [operation.run_id] : (state.groups.get(operation.groupId ?? '') ?? []);
  const runs = ids.map((id) => state.runs.get(id)!);
  if (runs.some((run) => runPhase(run, now).phase === 'canceled')) return undefined;
  return `Nothing to cancel: the run had already ended with status ${v1Status(runs[0]!, now)}`;
}

/** The log lines of a run so far. */
export function runLogLines(record: RunRecord, now: number): { time: string; level: string; message: string }[] {
  const current = runPhase(record, now);
  const { phase, since } = current;
  const lines = [{ time: iso(record.startedAt), level: 'INFO', message: `Run ${record.run_id} of river ${record.river.river_name} queued` }];
  if (reachedRunning(record, current)) {
    lines.push({ time: iso(record.startedAt + waitingMs), level: 'INFO', message: 'Extracting from the source' });
  }
  if (phase === 'ended' || phase === 'canceled') {
    const error = errorOf(record, now);
    lines.push({ time: iso(since), level: error === undefined ? 'INFO' : 'ERROR', message: error ?? `Run ended with status ${v1Status(record, now)}` });
  }
  return lines;
}

/** The legacy logs: CSV with a header row, CRLF line ends, as the console API sends them. */
export function logsCsv(record: RunRecord, now: number): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const rows = runLogLines(record, now).map((line) => [line.time, line.level, line.message].map(quote).join(','));
  return ['time,level,message', ...rows].join('\r\n') + '\r\n';
}
