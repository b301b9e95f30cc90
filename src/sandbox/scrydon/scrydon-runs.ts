import type { ScrydonRunRecord } from './scrydon-state';

/** Queued for the first second, running until the third, then done. */
const startsAfterMs = 1_000;
const endsAfterMs = 3_000;

const iso = (ms: number) => new Date(ms).toISOString();
// A run whose input says `fail: true` fails, so that clients can exercise the failed state.
const fails = (run: ScrydonRunRecord) => run.input.fail === true;

/** A run as it is at `now`, derived from when it started so that it advances with the sandbox clock. */
export function runView(run: ScrydonRunRecord, now: number) {
  const elapsed = now - run.createdAt;
  const status = elapsed < startsAfterMs ? 'queued' : elapsed < endsAfterMs ? 'running' : fails(run) ? 'failed' : 'completed';
  return {
    id: run.id,
    workflowId: run.workflowId,
    environmentId: run.environmentId,
    status,
    input: run.input,
    output: status === 'completed' ? { ok: true, echo: run.input } : null,
    error: status === 'failed' ? 'Step "call-webhook" failed: the input asked to fail' : null,
    createdAt: iso(run.createdAt),
    startedAt: elapsed < startsAfterMs ? null : iso(run.createdAt + startsAfterMs),
    finishedAt: elapsed < endsAfterMs ? null : iso(run.createdAt + endsAfterMs),
  };
}

/** The log lines a run has written by `now`. */
export function runLogs(run: ScrydonRunRecord, now: number) {
  const lines = [
    { at: run.createdAt, level: 'info', message: 'Run queued' },
    { at: run.createdAt + startsAfterMs, level: 'info', message: 'Run started' },
    fails(run)
      ? { at: run.createdAt + endsAfterMs, level: 'error', message: 'Run failed: step "call-webhook" failed' }
      : { at: run.createdAt + endsAfterMs, level: 'info', message: 'Run completed' },
  ];
  return lines
    .filter((line) => line.at <= now)
    .map((line, index) => ({
      id: `log_${run.id.slice('run_'.length)}_${index + 1}`,
      environmentId: run.environmentId,
      workflowId: run.workflowId,
      runId: run.id,
      level: line.level,
      message: line.message,
      timestamp: iso(line.at),
    }));
}
