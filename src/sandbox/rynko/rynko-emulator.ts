import { guard, type Emulator } from '../emulator-kit';
import { documentRoutes } from './rynko-documents';
import { rynkoRoutes } from './rynko-route';
import { rynkoStorageHandlers } from './rynko-storage';
import { templateRoutes } from './rynko-templates';

const codeFor: Record<number, [code: string, message: string]> = {
  400: ['ERR_VALID_001', 'Validation failed'],
  401: ['ERR_AUTH_004', 'Invalid, expired or revoked API key'],
  403: ['ERR_AUTH_005', 'API key lacks the required permission'],
  404: ['ERR_DOC_001', 'Document job not found'],
  422: ['ERR_VALID_001', 'Validation failed'],
  429: ['ERR_QUOTA_002', 'Rate limit exceeded'],
};

/**
 * The Rynko API as PROVIDERS.md describes it: `fm_` keys with permissions and expiry, rate-limit
 * headers on every response, jobs that move from queued to completed or failed on the sandbox
 * clock, templates, batches, and signed download URLs on a second origin that refuses credentials.
 * Its own state (templates, jobs, limits) is in `rynkoSandbox(control)`.
 */
export const rynkoEmulator: Emulator = ({ urls, control }) => {
  const api = urls.rynko;
  const routes = rynkoRoutes(api, control);
  const errorBody = (status: number) => {
    const [code, message] = codeFor[status] ?? [undefined, status >= 500 ? 'Internal server error' : 'Request failed'];
    return {
      statusCode: status,
      ...(code === undefined ? {} : { code }),
      message,
      timestamp: new Date(control.now()).toISOString(),
      ...(status === 429 ? { retryAfter: 1 } : {}),
    };
  };
  return [
    guard({ api: 'rynko', base: api, control, errorBody }),
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
