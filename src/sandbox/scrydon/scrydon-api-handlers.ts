import { http, HttpResponse, type HttpHandler } from 'msw';
import type { EmulatorContext } from '../emulator-kit';
import type { TokenRecord } from '../sandbox-control';
import { authenticate, authorizeWorkspace } from './scrydon-access';
import { knowledgeBases, olderLogs, storageFiles } from './scrydon-fixtures';
import { page } from './scrydon-page';
import { reply, scrydonError } from './scrydon-responses';
import { runLogs, runView } from './scrydon-runs';
import { scrydonState, type ScrydonRole } from './scrydon-state';

interface WorkspaceCall {
  request: Request;
  url: URL;
  params: Record<string, string | readonly string[] | undefined>;
  caller: TokenRecord;
  environmentId: string;
}

const randomHex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The API host: whoami, and the workspace endpoints behind token, scope and workspace-role checks. */
export function scrydonApiHandlers(context: EmulatorContext): HttpHandler[] {
  const { control } = context;
  const api = context.urls.scrydon;
  const state = () => scrydonState(control);

  const workspace =
    (scope: string, role: ScrydonRole, answer: (call: WorkspaceCall) => Response | Promise<Response>) =>
    ({ request, params }: { request: Request; params: WorkspaceCall['params'] }) => {
      const caller = authenticate(control, request);
      if (caller instanceof Response) return caller;
      const url = new URL(request.url);
      const environmentId = authorizeWorkspace(control, url, caller, scope, role);
      if (environmentId instanceof Response) return environmentId;
      return answer({ request, url, params, caller, environmentId });
    };

  const workflowIn = (environmentId: string, id: unknown) => {
    const workflow = state().workflows.get(String(id));
    return workflow?.environmentId === environmentId ? workflow : undefined;
  };
  const noWorkflow = (id: unknown) => scrydonError(404, 'NOT_FOUND', `Workflow ${String(id)} not found`);

  return [
    http.get(`${api}/api/v1/service-account/whoami`, ({ request }) => {
      const caller = authenticate(control, request);
      if (caller instanceof Response) return caller;
      return reply({ organizationId: state().organizationOf(caller.clientId), clientId: caller.clientId, scopes: caller.scopes });
    }),

    http.get(
      `${api}/api/v1/workflows`,
      workspace('workflows:read', 'member', ({ url, environmentId }) =>
        page(url, [...state().workflows.values()].filter((workflow) => workflow.environmentId === environmentId)),
      ),
    ),

    http.get(
      `${api}/api/v1/workflows/:workflowId`,
      workspace('workflows:read', 'member', ({ params, environmentId }) => {
        const workflow = workflowIn(environmentId, params.workflowId);
        return workflow === undefined ? noWorkflow(params.workflowId) : reply(workflow);
      }),
    ),

    http.delete(
      `${api}/api/v1/workflows/:workflowId`,
      workspace('workflows:write', 'admin', ({ params, environmentId }) => {
        const workflow = workflowIn(environmentId, params.workflowId);
        if (workflow === undefined) return noWorkflow(params.workflowId);
        state().workflows.delete(workflow.id);
        return new HttpResponse(null, { status: 204, headers: { 'x-request-id': `req_${randomHex(8)}` } });
      }),
    ),

    http.post(
      `${api}/api/v1/workflows/:workflowId/runs`,
      workspace('workflows:write', 'member', async ({ request, params, caller, environmentId }) => {
        const workflow = workflowIn(environmentId, params.workflowId);
        if (workflow === undefined) return noWorkflow(params.workflowId);
        let body: unknown;
        try {
          body = JSON.parse((await request.text()) || '{}');
        } catch {
          return scrydonError(400, 'VALIDATION_ERROR', 'The body is not JSON');
        }
        const input = isRecord(body) ? (body.input ?? {}) : undefined;
        if (!isRecord(input)) return scrydonError(400, 'VALIDATION_ERROR', 'input must be an object', { field: 'input' });
        const key = request.headers.get('idempotency-key');
        const known = key === null ? undefined : state().runs.get(state().idempotency.get(`${caller.clientId} ${key}`) ?? '');
        if (known !== undefined) return reply(runView(known, control.now()), 202);
        const run = { id: `run_${randomHex(8)}`, workflowId: workflow.id, environmentId, input, createdAt: control.now() };
        state().runs.set(run.id, run);
        if (key !== null) state().idempotency.set(`${caller.clientId} ${key}`, run.id);
        return reply(runView(run, control.now()), 202);
      }),
    ),

    http.get(
      `${api}/api/v1/workflows/:workflowId/runs/:runId`,
      workspace('workflows:read', 'member', ({ params, environmentId }) => {
        const run = state().runs.get(String(params.runId));
        if (run === undefined || run.environmentId !== environmentId || run.workflowId !== params.workflowId) {
          return scrydonError(404, 'NOT_FOUND', `Run ${String(params.runId)} not found`);
        }
        return reply(runView(run, control.now()));
      }),
    ),

    http.get(
      `${api}/api/v1/storage/files`,
      workspace('storage:read', 'member', ({ url, environmentId }) => page(url, storageFiles.filter((file) => file.environmentId === environmentId))),
    ),

    http.get(
      `${api}/api/v1/knowledge-bases`,
      workspace('knowledge:read', 'member', ({ url, environmentId }) => page(url, knowledgeBases.filter((base) => base.environmentId === environmentId))),
    ),

    http.get(
      `${api}/api/v1/logs`,
      workspace('logs:read', 'member', ({ url, environmentId }) => {
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
    ),

    http.all(`${api}/*`, ({ request }) => scrydonError(404, 'NOT_FOUND', `No route for ${request.method} ${new URL(request.url).pathname}`)),
  ];
}
