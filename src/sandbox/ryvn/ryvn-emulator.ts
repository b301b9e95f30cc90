import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../msw-peer';
import { defineEmulator, type EmulatedHost } from '../define-emulator';
import { guard } from '../emulator-kit';
import { ryvnApiHandlers } from './ryvn-api-handlers';
import { ryvnCredentials } from './ryvn-credentials';
import { ryvnError, ryvnErrorBody } from './ryvn-errors';
import { ryvnState } from './ryvn-state';
import { ryvnTokenEndpoint, zitadelErrorBody } from './ryvn-token-endpoint';

export { ryvnViewerRole } from './ryvn-api-handlers';

/** Where Ryvn's hosts live, under their names in `sandbox.urls`. */
export type RyvnHosts = {
  /** Ryvn API (`RYVN_API_URL`). */
  ryvnApi: EmulatedHost;
  /** Ryvn's Zitadel auth host (`RYVN_AUTH_URL`). */
  ryvnAuth: EmulatedHost;
};

const hosts: RyvnHosts = {
  ryvnApi: { publicUrl: 'https://api.ryvn.app', servedPath: '/ryvn' },
  ryvnAuth: { publicUrl: 'https://auth.ryvn.app', servedPath: '/ryvn-auth' },
};

/** The Ryvn API and its Zitadel token endpoint, as PROVIDERS.md describes them. */
export const ryvnEmulator = defineEmulator({
  name: 'ryvn',
  auth: 'oauth',
  hosts,
  credentials: ryvnCredentials,
  defaultClientId: ryvnCredentials.clientId,
  // Zitadel's answer for a service user: about 12 hours.
  tokenLifetimeSec: 43_199,
  seed(control) {
    control.addOAuthClient('ryvn', ryvnCredentials.clientId, ryvnCredentials.clientSecret);
  },
  state: ryvnState,
  handlers: ({ urls, control }): HttpHandler[] => [
    guard({ api: 'ryvn', base: urls.ryvnAuth, control, tokenHost: true, errorBody: zitadelErrorBody }),
    ryvnTokenEndpoint(urls.ryvnAuth, control),
    // Zitadel's Go router answers unknown paths in plain text.
    http.all(`${urls.ryvnAuth}/*`, () => HttpResponse.text('404 page not found', { status: 404 })),
    guard({ api: 'ryvn', base: urls.ryvnApi, control, errorBody: (status) => ryvnErrorBody(status) }),
    ...ryvnApiHandlers({ urls, control }),
    http.all(`${urls.ryvnApi}/*`, ({ request }) => ryvnError(404, 'not_found', `no route for ${request.method} ${new URL(request.url).pathname}`)),
  ],
});
