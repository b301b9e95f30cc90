import type { HttpHandler } from 'msw';
import { json, jsonObject, randomHex, type EmulatorContext } from '../emulator-kit';
import { startRun } from './rivery-legacy-handlers';
import { fail, invalid, riveryRoute } from './rivery-route';
import { cancelAfterMs, riveryState, type RiveryState } from './rivery-state';
import { operationBody, runLogLines, v1RunBody } from './rivery-views';
import { riverView } from './sandbox-rivers';

const pageSize = 10;

/** The `next_page` of page `page` of `total` items, in the shape the state asks for; null on the last. */
function nextPageOf(state: RiveryState, url: URL, page: number, total: number): number | string | null {
  if (page * pageSize >= total) return null;
  if (state.nextPage === 'number') return page + 1;
  const next = new URL(url.pathname, url.origin);
  next.searchParams.set('page', String(page + 1));
  next.searchParams.set('items_per_page', String(pageSize));
  return next.href;
}

/**
 * The v1 API: rivers paged 10 at a time, runs that answer 202 and advance on the sandbox clock
 * (pending → running → their river's outcome), their logs, cancellation, and operations, which are
 * about activation, validation and cancellation, never the runs themselves.
 */
export function riveryV1Handlers(context: EmulatorContext): HttpHandler[] {
  const { urls, control } = context;
  const now = () => control.now();
  const state = () => riveryState(control);
  const base = `${urls.rivery}/v1/accounts/:account_id/environments/:environment_id`;
  const endpoint = (method: 'get' | 'post', path: string, scope: string, handle: Parameters<typeof riveryRoute>[1]['handle']) =>
    riveryRoute(control, { style: 'v1', method, path: `${base}${path}`, scope, handle });
  const riverOf = (params: Record<string, string>) => state().rivers.get(String(params.river_id));
  const runOf = (params: Record<string, string>) => {
    const run = state().runs.get(String(params.run_id));
    return run?.river.cross_id === params.river_id ? run : undefined;
  };

  return [
    endpoint('get', '/rivers', 'river:list', ({ url }) => {
      const raw = url.searchParams.get('page') ?? '1';
      if (!/^-?\d+$/.test(raw)) return invalid(['query', 'page'], raw, 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer');
      const page = Number(raw);
      if (page < 1) return invalid(['query', 'page'], raw, 'greater_than_equal', 'Input should be greater than or equal to 1', { ge: 1 });
      const rivers = [...state().rivers.values()];
      const items = rivers.slice((page - 1) * pageSize, page * pageSize).map(riverView);
      const next_page = nextPageOf(state(), url, page, rivers.length);
      if (state().nextPage === 'number') return json({ items, next_page });
      const previous_page = page > 1 ? new URL(`?page=${page - 1}&items_per_page=${pageSize}`, `${url.origin}${url.pathname}`).href : null;
      return json({ items, next_page, previous_page, page, items_per_page: pageSize, current_page_size: items.length, total_items: rivers.length });
    }),

    endpoint('get', '/rivers/:river_id', 'river:list', ({ params }) => {
      const river = riverOf(params);
      return river ? json(riverView(river)) : fail('v1', 404, `River ${params.river_id} not found`);
    }),

    endpoint('post', '/rivers/:river_id/run', 'river:execute', ({ params }) => {
      if (!riverOf(params)) return fail('v1', 404, `River ${params.river_id} not found`);
      const groupId = randomHex(16);
      const run = startRun(context, params.river_id!, groupId);
      state().groups.set(groupId, [run.run_id]);
      return json({ run_group_id: groupId, river_cross_id: params.river_id, runs: [{ run_id: run.run_id }] }, 202);
    }),

    endpoint('get', '/rivers/:river_id/runs', 'activity:list', ({ params, url }) => {
      for (const name of ['start_time', 'end_time']) {
        if (!url.searchParams.has(name)) return invalid(['query', name], null, 'missing', 'Field required');
      }
      if (!riverOf(params)) return fail('v1', 404, `River ${params.river_id} not found`);
      const [from, to] = ['start_time', 'end_time'].map((name) => Date.parse(url.searchParams.get(name)!));
      const runs = [...state().runs.values()].filter((run) => run.river.cross_id === params.river_id && run.startedAt >= from! && run.startedAt <= to!);
      return json({ items: runs.map((run) => v1RunBody(run, now())), next_page: null });
    }),

    endpoint('get', '/rivers/:river_id/runs/:run_id', 'activity:list', ({ params }) => {
      const run = runOf(params);
      return run ? json(v1RunBody(run, now())) : fail('v1', 404, `Run ${params.run_id} of river ${params.river_id} not found`);
    }),

    endpoint('get', '/rivers/:river_id/runs/:run_id/logs', 'activity:list', ({ params }) => {
      const run = runOf(params);
      return run ? json({ run_id: run.run_id, logs: runLogLines(run, now()) }) : fail('v1', 404, `Run ${params.run_id} of river ${params.river_id} not found`);
    }),

    endpoint('post', '/rivers/:river_id/cancel_run', 'river:execute', async ({ params, request }) => {
      if (!riverOf(params)) return fail('v1', 404, `River ${params.river_id} not found`);
      const body = (await jsonObject(request)) ?? {};
      const runId = typeof body.run_id === 'string' ? body.run_id : undefined;
      const groupId = runId === undefined && typeof body.run_group_id === 'string' ? body.run_group_id : undefined;
      if (runId === undefined && groupId === undefined) return invalid(['body', 'run_id'], body, 'missing', 'Either run_id or run_group_id is required');
      const ids = runId !== undefined ? [runId] : (state().groups.get(groupId!) ?? []);
      const runs = ids.map((id) => state().runs.get(id)).filter((run) => run?.river.cross_id === params.river_id);
      if (runs.length === 0) return fail('v1', 404, `${runId !== undefined ? `Run ${runId}` : `Run group ${groupId}`} of river ${params.river_id} not found`);
      const at = now() + cancelAfterMs;
      for (const run of runs) run!.canceledAt = Math.min(run!.canceledAt ?? at, at);
      const operation = {
        operation_id: randomHex(12),
        operation_type: 'cancel_run',
        ...(runId !== undefined ? { run_id: runId } : { groupId: groupId! }),
        river_cross_id: params.river_id!,
        startedAt: now(),
        endsAt: at,
        result: null,
      };
      state().operations.set(operation.operation_id, operation);
      return json(operationBody(operation, state(), now()), 202);
    }),

    endpoint('get', '/operations/:operation_id', 'operations:list', ({ params }) => {
      const operation = state().operations.get(String(params.operation_id));
      return operation ? json(operationBody(operation, state(), now())) : fail('v1', 404, `Operation ${params.operation_id} not found`);
    }),
  ];
}
