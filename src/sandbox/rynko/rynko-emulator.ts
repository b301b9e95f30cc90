import type { HttpHandler } from 'msw';
import { defineEmulator, type EmulatedHost } from '../define-emulator';
import { guard } from '../emulator-kit';
import { rynkoCredentials } from './rynko-credentials';
import { documentRoutes } from './rynko-documents';
import { jobRoutes } from './rynko-jobs';
import { rynkoRoutes } from './rynko-route';
import { rynkoState } from './rynko-state';
import { rynkoStorageHandlers } from './rynko-storage';
import { templateRoutes } from './rynko-templates';
import { webhookSubscriptionRoutes } from './rynko-webhook-subscriptions';

/** Where Rynko's hosts live, under their names in `sandbox.urls`. */
export type RynkoHosts = {
  /** Rynko API. */
  rynko: EmulatedHost;
  /** Where Rynko's signed download URLs point: another origin than the API. */
  rynkoStorage: EmulatedHost;
};

const hosts: RynkoHosts = {
  rynko: { publicUrl: 'https://api.rynko.dev', servedPath: '/rynko' },
  rynkoStorage: { publicUrl: 'https://storage.rynko.dev', servedPath: '/files', secondOrigin: true },
};

/**
 * The Rynko API as PROVIDERS.md describes it: `fm_` keys with permissions and expiry, rate-limit
 * headers and Rynko's published per-endpoint limits, jobs that move from queued to completed or
 * failed on the sandbox clock (and can be cancelled, retried, deleted), batches that end completed,
 * partial or failed, templates, webhook subscriptions, dashboard (JWT) sessions, and signed download
 * URLs on a second origin that refuses credentials.
 * Its own state (templates, jobs, limits) is in `rynkoState(control)`.
 */
export const rynkoEmulator = defineEmulator({
  name: 'rynko',
  auth: 'keys',
  hosts,
  credentials: rynkoCredentials,
  defaultKey: rynkoCredentials.apiKey,
  seed(control) {
    control.addKey('rynko', rynkoCredentials.apiKey, ['documents:generate', 'documents:read', 'templates:read', 'templates:write', 'webhooks:read', 'webhooks:write']);
  },
  state: rynkoState,
  handlers: ({ urls, control }): HttpHandler[] => {
    const routes = rynkoRoutes(urls.rynko, control);
    return [
      guard({ api: 'rynko', base: urls.rynko, control, ...routes.faults }),
      routes.route('get', '/api/auth/verify', undefined, ({ key, reply }) =>
        reply({
          id: 'usr_sandbox',
          email: 'sandbox@rynko.dev',
          name: 'Sandbox User',
          teamId: 'team_sandbox',
          teamName: 'Sandbox Team',
          workspaceId: 'ws_sandbox',
          workspaceName: 'Sandbox',
          permissions: control.key('rynko', key)?.permissions ?? [],
        }),
      ),
      ...documentRoutes(routes, urls.rynko),
      ...jobRoutes(routes, urls.rynko, urls.rynkoStorage),
      ...templateRoutes(routes),
      ...webhookSubscriptionRoutes(routes),
      routes.notFound,
      guard({
        api: 'rynko',
        base: urls.rynkoStorage,
        control,
        errorBody: (status) => ({ code: status === 503 ? 'SlowDown' : status >= 500 ? 'InternalError' : 'AccessDenied', message: `HTTP ${status}` }),
      }),
      ...rynkoStorageHandlers(urls.rynkoStorage, control),
    ];
  },
});
