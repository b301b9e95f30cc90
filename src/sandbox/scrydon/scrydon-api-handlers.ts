import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../msw-peer';
import { isJsonObject as isRecord, newId, readJson, route, type EmulatorContext, type RouteCall } from '../emulator-kit';
import type { TokenRecord } from '../sandbox-control';
import { authenticate, authorizeWorkspace } from './scrydon-access';
import { knowledgeBases, olderLogs, storageFiles } from './scrydon-fixtures';
import { page } from './scrydon-page';
import { reply, scrydonError } from './scrydon-responses';
import { runLogs, runView } from './scrydon-runs';
import { scrydonState, type ScrydonRole } from './scrydon-state';

interface WorkspaceCall extends RouteCall {
  caller: TokenRecord;
  environmentId: string;
}

/** The API host: whoami, and the workspace endpoints behind token, scope and workspace-role checks. */
export function scrydonApiHandlers(context: EmulatorContext): HttpHandler[] {
  const { control } = context;
  const api = context.urls.scrydon;
  const state = () => scrydonState(control);

  /** A workspace endpoint: the token, then the environment, scope and role it needs (see `authorizeWorkspace`). */
  const workspace = (
    method: 'get' | 'post' | 'delete',
    path: string,
    scope: string,
    role: ScrydonRole,
    answer: (call: WorkspaceCall) => Response | Promise<Response>,
  ) =>
    route({
      method,
      path: `${api}${path}`,
      authenticate: ({ request }) => authenticate(control, request),
      authorize: ({ url, caller }) => authorizeWorkspace(control, url, caller, scope, role),
      handle: ({ grant: environmentId, ...call }) => answer({ ...call, environmentId }),
    });

  const workflowIn = (environmentId: string, id: unknown) => {
    const workflow = state().workflows.get(String(id));
    return workflow?.environmentId === environmentId ? workflow : undefined;
  };
  const noWorkflow = (id: unknown) => scrydonError(404, 'NOT_FOUND', `Workflow ${String(id)} not found`);

  return [
    route({
      method: 'get',
      path: `${api}/api/v1/service-account/whoami`,
      authenticate: ({ request }) => authenticate(control, request),
      handle: ({ caller }) => reply({ organizationId: state().organizationOf(caller.clientId), clientId: caller.clientId, scopes: caller.scopes }),
    }),

    workspace('get', '/api/v1/workflows', 'workflows:read', 'member', ({ url, environmentId }) =>
      page(url, [...state().workflows.values()].filter((workflow) => workflow.environmentId === environmentId)),
    ),

    workspace('get', '/api/v1/workflows/:workflowId', 'workflows:read', 'member', ({ params, environmentId }) => {
      const workflow = workflowIn(environmentId, params.workflowId);
      return workflow === undefined ? noWorkflow(params.workflowId) : reply(workflow);
    }),

    workspace('delete', '/api/v1/workflows/:workflowId', 'workflows:write', 'admin', ({ params, environmentId }) => {
      const workflow = workflowIn(environmentId, params.workflowId);
      if (workflow === undefined) return noWorkflow(params.workflowId);
      state().workflows.delete(workflow.id);
      return new HttpResponse(null, { status: 204, headers: { 'x-request-id': newId('req') } });
    }),

    workspace('post', '/api/v1/workflows/:workflowId/runs', 'workflows:write', 'member', async ({ request, params, caller, environmentId }) => {
      const workflow = workflowIn(environmentId, params.workflowId);
      if (workflow === undefined) return noWorkflow(params.workflowId);
      const body = await readJson(request, { emptyAs: {} });
      if (body === undefined) return scrydonError(400, 'VALIDATION_ERROR', 'The body is not JSON');
      const input = isRecord(body.value) ? (body.value.input ?? {}) : undefined;
      if (!isRecord(input)) return scrydonError(400, 'VALIDATION_ERROR', 'input must be an object', { field: 'input' });
      const key = request.headers.get('idempotency-key');
      const known = key === null ? undefined : state().runs.get(state().idempotency.get(`${caller.clientId} ${key}`) ?? '');
      if (known !== undefined) return reply(runView(known, control.now()), 202);
      const run = { id: newId('run'), workflowId: workflow.id, environmentId, input, createdAt: control.now() };
      state().runs.set(run.id, run);
      if (key !== null) state().idempotency.set(`${caller.clientId} ${key}`, run.id);
      return reply(runView(run, control.now()), 202);
    }),

    workspace('get', '/api/v1/workflows/:workflowId/runs/:runId', 'workflows:read', 'member', ({ params, environmentId }) => {
      const run = state().runs.get(String(params.runId));
      if (run === undefined || run.environmentId !== environmentId || run.workflowId !== params.workflowId) {
        return scrydonError(404, 'NOT_FOUND', `Run ${String(params.runId)} not found`);
      }
      return reply(runView(run, control.now()));
    }),

    workspace('get', '/api/v1/storage/files', 'storage:read', 'member', ({ url, environmentId }) => page(url, storageFiles.filter((file) => file.environmentId === environmentId))),

    workspace('get', '/api/v1/knowledge-bases', 'knowledge:read', 'member', ({ url, environmentId }) => page(url, knowledgeBases.filter((base) => base.environmentId === environmentId))),

    workspace('get', '/api/v1/logs', 'logs:read', 'member', ({ url, environmentId }) => {
      const level = url.searchParams.get('level');
      if (level !== null && !['debug', 'info', 'warn', 'error'].includes(level)) {
        return scrydonError(400, 'VALIDATION_ERROR', 'level must be one of debug, info, warn, error', { field: 'level' });
      }
      const now = control.now();
      const filters = { workflowId: url.searchParams.get('workflowId'), runId: url.searchParams.get('runId'), level };
      const lines = [...olderLogs, ...[...state().runs.values()].flatMap((run) => runLogs(run, now))]
        .filter((line) => line.environmentId === environmentId)
        .filter((line) => Object.entries(filters).every(([name, value]) => value === null || line[name as keyof typeof filters] === value))
        .sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.id.localeCompare(a.id));
      return page(url, lines);
    }),

    http.all(`${api}/*`, ({ request }) => scrydonError(404, 'NOT_FOUND', `No route for ${request.method} ${new URL(request.url).pathname}`)),
  ];
}
