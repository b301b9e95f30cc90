import type { HttpHandler } from 'msw';
import { HttpResponse } from '../msw-peer';
import { json, jsonObject, randomHex, type EmulatorContext } from '../emulator-kit';
import { riveryCredentials } from './rivery-credentials';
import { fail, isObjectId, riveryRoute } from './rivery-route';
import { isActive, logsReadyAfterMs, riveryState, type RunRecord } from './rivery-state';
import { logsCsv, runBody } from './rivery-views';

/** Starts a run of a river in the sandbox's state. */
export function startRun(context: EmulatorContext, riverId: string, groupId?: string): RunRecord {
  const state = riveryState(context.control);
  const record: RunRecord = { run_id: randomHex(16), river: state.rivers.get(riverId)!, startedAt: context.control.now(), ...(groupId ? { groupId } : {}) };
  state.runs.set(record.run_id, record);
  return record;
}

/** The legacy console API: `/me`, `/run`, `/check_run`, `/run/cancel` and the run logs, which are prepared asynchronously. */
export function riveryLegacyHandlers(context: EmulatorContext): HttpHandler[] {
  const { urls, control } = context;
  const now = () => control.now();
  const state = () => riveryState(control);
  const endpoint = (method: 'get' | 'post', path: string, scope: string, handle: Parameters<typeof riveryRoute>[1]['handle']) =>
    riveryRoute(control, { style: 'legacy', method, path: `${urls.riveryLegacy}${path}`, scope, handle });

  return [
    endpoint('get', '/me', 'me:list', () => json({ account_id: riveryCredentials.accountId, environment_id: riveryCredentials.environmentId })),

    endpoint('post', '/run', 'river:execute', async ({ request }) => {
      const riverId = (await jsonObject(request))?.river_id;
      if (riverId === undefined) return fail('legacy', 400, 'river_id is required');
      if (!isObjectId(riverId)) return fail('legacy', 400, `river_id ${JSON.stringify(riverId)} is not a valid id`);
      if (!state().rivers.has(riverId)) return fail('legacy', 404, `River ${riverId} was not found in this environment`);
      return json(runBody(startRun(context, riverId), now(), state()));
    }),

    endpoint('get', '/check_run', 'activity:list', ({ url }) => {
      const runId = url.searchParams.get('run_id');
      if (!runId) return fail('legacy', 400, 'run_id is required');
      const record = state().runs.get(runId);
      return record ? json(runBody(record, now(), state())) : fail('legacy', 404, `Run ${runId} was not found`);
    }),

    endpoint('post', '/run/cancel', 'river:execute', async ({ request }) => {
      const runId = (await jsonObject(request))?.run_id;
      if (typeof runId !== 'string' || runId === '') return fail('legacy', 400, 'run_id is required');
      const record = state().runs.get(runId);
      if (record === undefined) return fail('legacy', 404, `Run ${runId} was not found`);
      if (!isActive(record, now())) return fail('legacy', 409, `Run ${runId} already ended with status ${runBody(record, now(), state()).river_run_status}`);
      record.canceledAt = now();
      return json(runBody(record, now(), state()));
    }),

    // The first request starts a logs query and names it in `queryid`; the same request with
    // `queryId` answers 202 until the query is ready, then the logs as CSV (Rivery CLI, activities.py).
    endpoint('get', '/activities/runs/logs', 'activity:list', ({ url }) => {
      const runId = url.searchParams.get('id');
      if (!runId) return fail('legacy', 400, 'id is required');
      const record = state().runs.get(runId);
      if (record === undefined) return fail('legacy', 404, `Run ${runId} was not found`);
      const asked = url.searchParams.get('queryId');
      if (asked === null) {
        const queryId = randomHex(12);
        state().logsQueries.set(queryId, { runId, readyAt: now() + logsReadyAfterMs });
        return new HttpResponse(null, { status: 202, headers: { queryid: queryId } });
      }
      const query = state().logsQueries.get(asked);
      if (query === undefined || query.runId !== runId) return fail('legacy', 404, `Logs query ${asked} was not found`);
      if (now() < query.readyAt) return new HttpResponse(null, { status: 202, headers: { queryid: asked } });
      return new HttpResponse(logsCsv(record, now()), { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', queryid: asked } });
    }),
  ];
}
