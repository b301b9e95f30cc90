import type { ScrydonExecutionRecord } from './scrydon-state';

/** How long Scrydon holds a trigger open before it answers 202 `running`. */
export const triggerWaitMs = 30_000;
/** How long a sandbox workflow runs unless its inputs say `durationMs`. */
const defaultDurationMs = 2_000;
/** Workflows that outlast the trigger's wait, so that a plain trigger of them answers 202. */
const longWorkflows: Readonly<Record<string, number>> = { wf_invoice_triage: 90_000 };

const iso = (ms: number) => new Date(ms).toISOString();

/** How long an execution of `workflowId` with `inputs` runs on the sandbox clock. */
export function durationOf(workflowId: string, inputs: Record<string, unknown>): number {
  const asked = inputs.durationMs;
  return typeof asked === 'number' && Number.isFinite(asked) && asked >= 0 ? asked : (longWorkflows[workflowId] ?? defaultDurationMs);
}

// An execution whose inputs say `fail: true` fails, so that clients can exercise the failed end.
const fails = (execution: ScrydonExecutionRecord) => execution.inputs.fail === true;

/** The outputs of a completed sandbox execution: its inputs, echoed by a response block. */
const outputsOf = (execution: ScrydonExecutionRecord) => ({ response: { ok: true, echo: execution.inputs } });

/** An execution as it is at `now` (the modelled polling endpoint's body), derived from when it started. */
export function executionView(execution: ScrydonExecutionRecord, now: number) {
  const endsAt = execution.createdAt + execution.durationMs;
  const status = now < endsAt ? 'running' : fails(execution) ? 'failed' : 'completed';
  return {
    executionId: execution.id,
    workflowId: execution.workflowId,
    status,
    outputs: status === 'completed' ? outputsOf(execution) : null,
    error: status === 'failed' ? 'Block "call-webhook" failed: the inputs asked to fail' : null,
    startedAt: iso(execution.createdAt),
    finishedAt: status === 'running' ? null : iso(endsAt),
  };
}

/**
 * What the trigger answers: `completed` with the outputs when the execution ends within the wait
 * and succeeds, else 202 `running`. The sandbox answers at once instead of holding the connection:
 * the sandbox clock, not real time, runs executions. A failure within the wait answers `running`
 * too (Scrydon publishes no other trigger answer); polling the execution shows it `failed`.
 */
export function triggerAnswer(execution: ScrydonExecutionRecord, answerAtOnce: boolean): { status: 200 | 202; body: unknown } {
  if (answerAtOnce || execution.durationMs > triggerWaitMs || fails(execution)) {
    return { status: 202, body: { executionId: execution.id, status: 'running' } };
  }
  return { status: 200, body: { executionId: execution.id, status: 'completed', outputs: outputsOf(execution) } };
}

/** The log lines an execution has written by `now`. */
export function executionLogs(execution: ScrydonExecutionRecord, now: number) {
  const endsAt = execution.createdAt + execution.durationMs;
  const lines = [
    { at: execution.createdAt, level: 'info', message: `Execution started by ${execution.trigger}` },
    fails(execution)
      ? { at: endsAt, level: 'error', message: 'Execution failed: block "call-webhook" failed' }
      : { at: endsAt, level: 'info', message: 'Execution completed' },
  ];
  return lines
    .filter((line) => line.at <= now)
    .map((line, index) => ({
      id: `log_${execution.id.slice('exec_'.length)}_${index + 1}`,
      environmentId: execution.environmentId,
      workflowId: execution.workflowId,
      runId: execution.id,
      level: line.level,
      message: line.message,
      timestamp: iso(line.at),
    }));
}
