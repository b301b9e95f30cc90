import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../msw-peer';
import { isJsonObject as isRecord, newId, readJson, route, type EmulatorContext, type RouteCall } from '../emulator-kit';
import type { TokenRecord } from '../sandbox-control';
import { authenticate, authorizeWorkspace } from './scrydon-access';
import { knowledgeBases, olderLogs, storageFiles } from './scrydon-fixtures';
import { page } from './scrydon-page';
import { reply, scrydonError } from './scrydon-responses';
import { durationOf, executionLogs, executionView, triggerAnswer } from './scrydon-executions';
import { scrydonState, type ScrydonRole } from './scrydon-state';

interface WorkspaceCall extends RouteCall {
  caller: TokenRecord;
  environmentId: string;
}

/**
 * The API host: whoami, the workspace endpoints behind token, scope and workspace-role checks, the
 * trigger and the (modelled) execution it answers with, and the Webhook blocks' open endpoint.
 */
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

  /**
   * The workspace checks of a call that may leave out `environmentId` (the documented trigger
   * sends none): the workflow's own environment stands in for it.
   */
  const inWorkflowEnvironment = (url: URL, workflowId: unknown, caller: TokenRecord, scope: string) => {
    if (url.searchParams.get('environmentId')) return authorizeWorkspace(control, url, caller, scope, 'member');
    const workflow = state().workflows.get(String(workflowId));
    if (workflow === undefined) return noWorkflow(workflowId);
    const withEnvironment = new URL(url);
    withEnvironment.searchParams.set('environmentId', workflow.environmentId);
    return authorizeWorkspace(control, withEnvironment, caller, scope, 'member');
  };

  const start = (workflowId: string, environmentId: string, inputs: Record<string, unknown>, trigger: 'api' | 'webhook') => {
    const execution = { id: newId('exec'), workflowId, environmentId, inputs, trigger, createdAt: control.now(), durationMs: durationOf(workflowId, inputs) };
    state().executions.set(execution.id, execution);
    return execution;
  };

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

    route({
      method: 'post',
      path: `${api}/api/v1/workflows/:workflowId/trigger`,
      authenticate: ({ request }) => authenticate(control, request),
      authorize: ({ url, params, caller }) => inWorkflowEnvironment(url, params.workflowId, caller, 'workflows:write'),
      handle: async ({ request, url, params, grant: environmentId }) => {
        const workflow = workflowIn(environmentId, params.workflowId);
        if (workflow === undefined) return noWorkflow(params.workflowId);
        const body = await readJson(request, { emptyAs: {} });
        if (body === undefined) return scrydonError(400, 'VALIDATION_ERROR', 'The body is not JSON');
        const inputs = isRecord(body.value) ? (body.value.inputs ?? {}) : undefined;
        if (!isRecord(inputs)) return scrydonError(400, 'VALIDATION_ERROR', 'inputs must be an object', { field: 'inputs' });
        const execution = start(workflow.id, environmentId, inputs, 'api');
        const answer = triggerAnswer(execution, url.searchParams.get('async') === 'true');
        return reply(answer.body, answer.status);
      },
    }),

    route({
      method: 'get',
      path: `${api}/api/v1/executions/:executionId`,
      authenticate: ({ request }) => authenticate(control, request),
      authorize: ({ url, params, caller }) => {
        const execution = state().executions.get(String(params.executionId));
        if (execution === undefined) return scrydonError(404, 'NOT_FOUND', `Execution ${String(params.executionId)} not found`);
        return inWorkflowEnvironment(url, execution.workflowId, caller, 'workflows:read');
      },
      handle: ({ params }) => reply(executionView(state().executions.get(String(params.executionId))!, control.now())),
    }),

    // No bearer token: a Webhook block is open, or checks its own secret.
    route({
      method: 'post',
      path: `${api}/api/webhooks/trigger/:path`,
      handle: async ({ request, url, params }) => {
        const webhook = state().webhooks.get(String(params.path));
        if (webhook === undefined) return scrydonError(404, 'NOT_FOUND', `No webhook at ${String(params.path)}`);
        if (webhook.secret !== undefined && request.headers.get('x-scrydon-secret') !== webhook.secret) {
          return scrydonError(401, 'INVALID_WEBHOOK_SECRET', 'X-Scrydon-Secret is missing or does not match the webhook\'s secret');
        }
        const body = await readJson(request, { emptyAs: null });
        const workflow = state().workflows.get(webhook.workflowId)!;
        const headers = Object.fromEntries([...request.headers].filter(([name]) => name !== 'x-scrydon-secret'));
        const payload = { payload: body?.value ?? null, headers, method: request.method, query: Object.fromEntries(url.searchParams) };
        const execution = start(workflow.id, workflow.environmentId, payload, 'webhook');
        return reply({ executionId: execution.id });
      },
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
      const lines = [...olderLogs, ...[...state().executions.values()].flatMap((execution) => executionLogs(execution, now))]
        .filter((line) => line.environmentId === environmentId)
        .filter((line) => Object.entries(filters).every(([name, value]) => value === null || line[name as keyof typeof filters] === value))
        .sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.id.localeCompare(a.id));
      return page(url, lines);
    }),

    http.all(`${api}/*`, ({ request }) => scrydonError(404, 'NOT_FOUND', `No route for ${request.method} ${new URL(request.url).pathname}`)),
  ];
}
