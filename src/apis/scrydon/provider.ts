import { clientCredentialsAuth } from '../../core/client/client-credentials-auth';
import type { ApiProvider } from '../../core/client/api-provider';
import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import { scrydonErrorCodes } from './error-codes';
import { parseScopes } from './parse-scopes';

/** Visible ASCII: the id travels in a query string and must not need guessing about encoding. */
function environmentIdOf(value: unknown, fromEnv: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    throw new ConfigurationError('environmentId', `must be a non-empty string without spaces${fromEnv ? ` (from ${fromEnv})` : ''}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Scrydon, the workflow platform: a tenant's own host (no shared one), service-account client
 * credentials at the auth host, which may differ from the API host and serves discovery publicly.
 */
export const scrydonProvider = {
  name: 'scrydon',
  clientName: 'ScrydonClient',
  hosts: {
    baseUrl: { env: 'SCRYDON_URL', hint: "your tenant's host; Scrydon has no shared host" },
    authUrl: { env: 'SCRYDON_AUTH_URL', default: ({ hosts }) => hosts.baseUrl, role: 'public' },
  },
  auth: {
    kind: 'clientCredentials',
    resolve: clientCredentialsAuth,
    host: 'authUrl',
    tokenPath: '/api/auth/oauth2/token',
    clientId: { env: 'SCRYDON_CLIENT_ID', hint: "the service account's `sa_…` id" },
    clientSecret: { env: 'SCRYDON_CLIENT_SECRET', hint: "the service account's secret" },
    scopes: { env: 'SCRYDON_SCOPES', parse: (value, fromEnv) => parseScopes(value, fromEnv !== undefined) },
  },
  errorCodes: scrydonErrorCodes,
  operations: {
    // Scrydon holds a trigger open up to 30 s before it answers 202; an attempt must outlast that.
    'POST /api/v1/workflows/{workflowId}/trigger': { timeoutMs: 35_000 },
    // The Webhook block authenticates by its own secret, if any, never by the bearer token.
    'POST /api/webhooks/trigger/{path}': { credential: false },
  },
  settings: { environmentId: { env: 'SCRYDON_ENVIRONMENT_ID', parse: environmentIdOf } },
  exampleOptions: { baseUrl: 'https://acme.scrydon.example', clientId: 'sa_1', clientSecret: 's', scopes: ['logs:read'] },
  cli: { sandboxHosts: { baseUrl: 'scrydon', authUrl: 'scrydonAuth' } },
} as const satisfies ApiProvider;
