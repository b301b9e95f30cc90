import { guard, type Emulator } from '../emulator-kit';
import { documentRoutes } from './rynko-documents';
import { rynkoRoutes } from './rynko-route';
import { rynkoStorageHandlers } from './rynko-storage';
import { templateRoutes } from './rynko-templates';

/**
 * The Rynko API as PROVIDERS.md describes it: `fm_` keys with permissions and expiry, rate-limit
 * headers on every response, jobs that move from queued to completed or failed on the sandbox
 * clock, templates, batches, and signed download URLs on a second origin that refuses credentials.
 * Its own state (templates, jobs, limits) is in `rynkoSandbox(control)`.
 */
export const rynkoEmulator: Emulator = ({ urls, control }) => {
  const api = urls.rynko;
  const routes = rynkoRoutes(api, control);
  return [
    guard({ api: 'rynko', base: api, control, ...routes.faults }),
    routes.route('get', '/api/auth/verify', undefined, ({ request, reply }) => {
      const key = /^Bearer\s+(\S+)/i.exec(request.headers.get('authorization') ?? '')![1]!;
      return reply({
        id: 'usr_sandbox',
        email: 'sandbox@rynko.dev',
        name: 'Sandbox User',
        teamId: 'team_sandbox',
        teamName: 'Sandbox Team',
        workspaceId: 'ws_sandbox',
        workspaceName: 'Sandbox',
        permissions: control.key('rynko', key)?.permissions ?? [],
      });
    }),
    ...documentRoutes(routes, api, urls.rynkoStorage),
    ...templateRoutes(routes),
    routes.notFound,
    guard({
      api: 'rynko',
      base: urls.rynkoStorage,
      control,
      errorBody: (status) => ({ code: status === 503 ? 'SlowDown' : status >= 500 ? 'InternalError' : 'AccessDenied', message: `HTTP ${status}` }),
    }),
    ...rynkoStorageHandlers(urls.rynkoStorage, control),
  ];
};
