import type { HttpHandler } from 'msw';
import { isJsonObject, json, readJson, route, type EmulatorContext, type RouteCall } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';
import { resourceSchema } from './resource-schema';
import { ryvnError, unauthorized } from './ryvn-errors';
import { installationView, ryvnState, secretView, taskStatus, taskView, withIsoDates, type RyvnState, type StoredTask } from './ryvn-state';

const taskStatuses = ['pending', 'pending_approval', 'running', 'succeeded', 'failed', 'cancelled'];
import { ryvnAudienceScope } from './ryvn-token-endpoint';

/**
 * Marks a service user as read-only: grant it with `control.addOAuthClient('ryvn', id, secret,
 * [ryvnViewerRole])`. Such a user may read everything and change nothing.
 */
export const ryvnViewerRole = 'role:viewer';

interface Caller {
  clientId: string;
  readOnly: boolean;
}

type Params = RouteCall['params'];
type Handle = (input: { request: Request; params: Params; caller: Caller; state: RyvnState; now: number }) => Response | Promise<Response>;

/** The caller behind a bearer token, or the 401 Ryvn answers. Checked on every API request. */
function authenticate(control: SandboxControl, request: Request): Caller | Response {
  const header = request.headers.get('authorization');
  const token = header === null ? undefined : /^bearer\s+(\S+)$/i.exec(header)?.[1];
  if (token === undefined) return unauthorized(control, 'unauthenticated', 'missing bearer token');
  const verified = control.verifyToken('ryvn', token);
  if ('reason' in verified) return unauthorized(control, 'invalid_token', verified.reason === 'expired' ? 'token expired' : 'token is not active');
  if (!verified.record.scopes.includes(ryvnAudienceScope)) {
    return unauthorized(control, 'invalid_token', `token audience does not include the Ryvn API; request the scope ${ryvnAudienceScope}`);
  }
  const client = control.oauthClient('ryvn', verified.record.clientId);
  return { clientId: verified.record.clientId, readOnly: client?.scopes.includes(ryvnViewerRole) ?? false };
}

const param = (params: Params, name: string) => params[name] ?? '';

/** Checks the body of a secret update as Ryvn does: both fields, strings only, no key in both. */
function secretUpdate(body: unknown): { add: Record<string, string>; remove: string[] } | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body must be a JSON object';
  const { add, remove } = body as { add?: unknown; remove?: unknown };
  if (typeof add !== 'object' || add === null || Array.isArray(add)) return 'add is required and must be an object of strings';
  if (!Array.isArray(remove)) return 'remove is required and must be an array of strings';
  if (Object.entries(add).some(([key, value]) => key === '' || typeof value !== 'string')) return 'add must map non-empty keys to strings';
  if (remove.some((key) => typeof key !== 'string' || key === '')) return 'remove must list non-empty keys';
  const both = (remove as string[]).find((key) => Object.hasOwn(add, key));
  if (both !== undefined) return `key ${both} cannot be both added and removed`;
  return { add: add as Record<string, string>, remove: remove as string[] };
}

/**
 * The Ryvn API host: secrets and the resource schema (documented), organizations, environments,
 * services, installations and their tasks (modelled on Ryvn's CLI).
 */
export function ryvnApiHandlers({ urls, control }: EmulatorContext): HttpHandler[] {
  const api = urls.ryvnApi;

  /** An API route: authenticated, then scoped to the caller's organization when the path names one. */
  const ryvnRoute = (method: 'get' | 'patch' | 'post', path: string, handle: Handle) =>
    route({
      method,
      path: `${api}${path}`,
      authenticate: ({ request }) => authenticate(control, request),
      authorize: ({ params }) => {
        const state = ryvnState(control);
        if (params.orgId !== undefined && param(params, 'orgId') !== state.org.id) {
          return ryvnError(404, 'not_found', `organization ${param(params, 'orgId')} not found`);
        }
        return state;
      },
      handle: ({ request, params, caller, grant: state }) => handle({ request, params, caller, state, now: control.now() }),
    });

  const environment = (state: RyvnState, params: Params) => state.environments.find((env) => env.name === param(params, 'environmentName'));
  const noEnvironment = (params: Params) => ryvnError(404, 'not_found', `environment ${param(params, 'environmentName')} not found`);
  const base = '/v1/orgs/:orgId';
  const installationOf = (state: RyvnState, params: Params) => {
    const found = environment(state, params);
    if (found === undefined) return noEnvironment(params);
    const name = param(params, 'installationName');
    const installation = state.installations.find((candidate) => candidate.name === name && candidate.environmentName === found.name);
    return installation ?? ryvnError(404, 'not_found', `installation ${name} not found in ${found.name}`);
  };

  /** `POST …/tasks/{id}/{action}`: allowed from `from` only (409 otherwise), never to a read-only user; an optional `{reason}`. */
  const taskAction = (action: string, from: readonly string[], apply: (task: StoredTask, now: number) => void) =>
    ryvnRoute('post', `${base}/tasks/:taskId/${action}`, async ({ request, params, caller, state, now }) => {
      if (caller.readOnly) return ryvnError(403, 'permission_denied', `the service user may not ${action} tasks`);
      const task = state.tasks.find((candidate) => candidate.id === param(params, 'taskId'));
      if (task === undefined) return ryvnError(404, 'not_found', `task ${param(params, 'taskId')} not found`);
      const body = await readJson(request, { emptyAs: {} });
      const reason = body !== undefined && isJsonObject(body.value) ? body.value.reason : undefined;
      if (body === undefined || (reason !== undefined && (typeof reason !== 'string' || reason.length > 1000))) {
        return ryvnError(400, 'invalid_argument', 'the body must be {reason?: string of at most 1000 characters}');
      }
      const status = taskStatus(task, now);
      if (!from.includes(status)) return ryvnError(409, 'failed_precondition', `task ${task.id} is ${status}; ${action} needs ${from.join(' or ')}`);
      apply(task, now);
      task.updatedAt = now;
      if (reason !== undefined) task.reason = reason;
      return json(taskView(task, now));
    });

  return [
    ryvnRoute('get', '/v1/orgs', ({ state }) => json({ items: [withIsoDates(state.org)] })),
    ryvnRoute('get', base, ({ state }) => json(withIsoDates(state.org))),
    ryvnRoute('get', `${base}/environments`, ({ state }) => json({ items: state.environments.map(withIsoDates) })),
    ryvnRoute('get', `${base}/environments/:environmentName`, ({ state, params }) => {
      const found = environment(state, params);
      return found === undefined ? noEnvironment(params) : json(withIsoDates(found));
    }),
    ryvnRoute('get', `${base}/services`, ({ state }) => json({ items: state.services.map(withIsoDates) })),
    ryvnRoute('get', `${base}/services/:serviceName`, ({ state, params }) => {
      const found = state.services.find((service) => service.name === param(params, 'serviceName'));
      return found === undefined ? ryvnError(404, 'not_found', `service ${param(params, 'serviceName')} not found`) : json(withIsoDates(found));
    }),
    ryvnRoute('get', `${base}/environments/:environmentName/installations`, ({ state, params }) => {
      const found = environment(state, params);
      if (found === undefined) return noEnvironment(params);
      return json({ items: state.installations.filter((installation) => installation.environmentName === found.name).map(installationView) });
    }),
    ryvnRoute('get', `${base}/environments/:environmentName/installations/:installationName`, ({ state, params }) => {
      const found = installationOf(state, params);
      return found instanceof Response ? found : json(installationView(found));
    }),
    ryvnRoute('get', `${base}/environments/:environmentName/installations/:installationName/tasks`, ({ state, params, request, now }) => {
      const found = installationOf(state, params);
      if (found instanceof Response) return found;
      const status = new URL(request.url).searchParams.get('status');
      if (status !== null && !taskStatuses.includes(status)) return ryvnError(400, 'invalid_argument', `status must be one of ${taskStatuses.join(', ')}`);
      const items = state.tasks
        .filter((task) => task.installationName === found.name && task.environmentName === found.environmentName)
        .filter((task) => status === null || taskStatus(task, now) === status)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((task) => taskView(task, now));
      return json({ items });
    }),
    ryvnRoute('get', `${base}/tasks/:taskId`, ({ state, params, now }) => {
      const task = state.tasks.find((candidate) => candidate.id === param(params, 'taskId'));
      return task === undefined ? ryvnError(404, 'not_found', `task ${param(params, 'taskId')} not found`) : json(taskView(task, now));
    }),
    taskAction('approve', ['pending_approval'], (task, now) => {
      task.startedAt = now;
    }),
    taskAction('cancel', ['pending', 'pending_approval', 'running'], (task, now) => {
      task.cancelledAt = now;
    }),
    // A retried task runs again from the start; in the sandbox it then succeeds.
    taskAction('retry', ['failed'], (task, now) => {
      task.startedAt = now;
      task.outcome = 'succeeded';
      delete task.message;
    }),
    ryvnRoute('patch', `${base}/secrets/:secretName`, async ({ request, params, caller, state, now }) => {
      if (caller.readOnly) return ryvnError(403, 'permission_denied', 'the service user may not change secrets');
      const name = param(params, 'secretName');
      if (name.length > 63) return ryvnError(400, 'invalid_argument', 'secret name must be at most 63 characters');
      const body = await readJson(request);
      if (body === undefined) return ryvnError(400, 'invalid_argument', 'request body is not valid JSON');
      const update = secretUpdate(body.value);
      if (typeof update === 'string') return ryvnError(400, 'invalid_argument', update);
      const secret = state.secrets.get(name);
      if (secret === undefined) return ryvnError(404, 'not_found', `secret ${name} not found`);
      for (const [key, value] of Object.entries(update.add)) secret.values.set(key, value);
      for (const key of update.remove) secret.values.delete(key);
      secret.version += 1;
      secret.updatedAt = now;
      return json(secretView(secret));
    }),
    ryvnRoute('get', '/v1/schemas/resources.json', () => json(resourceSchema(api))),
  ];
}
