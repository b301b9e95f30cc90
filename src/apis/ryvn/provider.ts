import { clientCredentialsAuth } from '../../core/client/client-credentials-auth';
import type { ApiProvider } from '../../core/client/api-provider';
import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import { ryvnErrorCodes } from './error-codes';

/** The scope string Ryvn's own tools ask Zitadel for; the last one puts the Ryvn API in the token's audience. */
export const ryvnDefaultScopes = [
  'openid',
  'email',
  'profile',
  'offline_access',
  'urn:zitadel:iam:org:project:id:298766811497774120:aud',
] as const;

/** A name the client keeps as the default of its calls: absent, or a non-empty string. */
function optionalName(option: string) {
  return (value: unknown): string | undefined => {
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      throw new ConfigurationError(option, `must be a non-empty string, got ${describe(value)}`);
    }
    return value;
  };
}

/**
 * Ryvn, the deployment platform: a service user's client credentials exchanged at Ryvn's Zitadel.
 * Every option falls back to the variable Ryvn's own CLI reads.
 */
export const ryvnProvider = {
  name: 'ryvn',
  clientName: 'RyvnClient',
  hosts: {
    apiUrl: { env: 'RYVN_API_URL', default: 'https://api.ryvn.app' },
    authUrl: { env: 'RYVN_AUTH_URL', default: 'https://auth.ryvn.app', role: 'token' },
  },
  auth: {
    kind: 'clientCredentials',
    resolve: clientCredentialsAuth,
    host: 'authUrl',
    tokenPath: '/oauth/v2/token',
    clientId: { env: 'RYVN_CLIENT_ID' },
    clientSecret: { env: 'RYVN_CLIENT_SECRET' },
    scopes: { default: ryvnDefaultScopes },
  },
  errorCodes: ryvnErrorCodes,
  settings: {
    orgId: { env: 'RYVN_ORG_ID', parse: optionalName('orgId') },
    environment: { env: 'RYVN_ENVIRONMENT', parse: optionalName('environment') },
  },
  misnamed: { baseUrl: '`apiUrl`', auth: '`clientId` and `clientSecret`' },
  exampleOptions: { clientId: 'id', clientSecret: 'secret' },
  cli: { sandboxHosts: { apiUrl: 'ryvnApi', authUrl: 'ryvnAuth' } },
} as const satisfies ApiProvider;
