import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import { checkId } from './check-id';

/** Which API follows a run: the legacy `check_run`, or the v1 run of a river. */
export type RunTarget = { api: 'legacy'; runId: string } | { api: 'v1'; riverId: string; runId: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What `waitForRun` follows, decided from the run it was given: a legacy run (it has
 * `river_run_status`) or its id through `check_run`; a v1 run group as `runRiverV1` answers it, a
 * v1 run, or `{ river_cross_id, run_id }` through the v1 poll.
 */
export function runTarget(run: unknown): RunTarget {
  if (typeof run === 'string') return { api: 'legacy', runId: checkId('runId', 'run', run) };
  if (!isObject(run)) throw new ConfigurationError('run', `must be a run from runRiver, runRiverV1 or getRiverRun, got ${describe(run)}`);
  if ('river_run_status' in run) return { api: 'legacy', runId: checkId('runId', 'run.run_id', run.run_id) };
  let runId = run.run_id;
  if (Array.isArray(run.runs)) {
    // A run group of several runs (sub-flows) has no one status to wait for.
    if (run.runs.length !== 1) {
      throw new ConfigurationError('run.runs', `has ${run.runs.length} runs; wait for each with waitForRun({ river_cross_id, run_id })`);
    }
    runId = (run.runs[0] as { run_id?: unknown } | undefined)?.run_id;
    return { api: 'v1', riverId: checkId('objectId', 'run.river_cross_id', run.river_cross_id), runId: checkId('v1RunId', 'run.runs[0].run_id', runId) };
  }
  return { api: 'v1', riverId: checkId('objectId', 'run.river_cross_id', run.river_cross_id), runId: checkId('v1RunId', 'run.run_id', runId) };
}
