import { clientCredentials } from '../../core/auth/client-credentials';
import type { ClientOptions, ClientOverrides } from '../../core/client/client-options';
import { ConfigurationError } from '../../core/errors/configuration-error';
import { env } from '../../core/util/env';
import { baseUrlOf, describe, knownKeys } from '../../core/util/validate';
import { scrydonErrorCodes } from './error-codes';
import { parseScopes } from './parse-scopes';
import type { components } from './schema.gen';
import type { ScrydonClientOptions } from './scrydon-client-options';

/** `ScrydonClient`'s options, checked and completed from the environment. */
export interface ResolvedScrydonOptions {
  /** What `createNamedClient` gets. */
  client: ClientOptions;
  /** Options that also apply to the unauthenticated client of the auth host. */
  overrides: ClientOverrides;
  authUrl: string;
  scopes: readonly components['schemas']['Scope'][];
  environmentId: string | undefined;
}

const options = [
  'baseUrl', 'authUrl', 'clientId', 'clientSecret', 'scopes', 'environmentId', 'tokenStore', 'tokenMaxRetries',
  'tokenTimeoutMs', 'dangerouslyAllowBrowser', 'timeoutMs', 'totalTimeoutMs', 'maxRetries', 'maxRetryAfterMs',
  'errorCodes', 'headers', 'fetch',
] as const;

function hostUrl(option: string, value: string): string {
  return baseUrlOf(option, value).href.replace(/\/+$/, '');
}

function required<T>(value: T | undefined, option: string, variable: string, what: string): T {
  if (value === undefined) throw new ConfigurationError(option, `is required: pass \`${option}\` (${what}) or set ${variable}`);
  return value;
}

/** Visible ASCII: the id travels in a query string and must not need guessing about encoding. */
function environmentIdOf(value: unknown, fromEnv: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    throw new ConfigurationError(
      'environmentId',
      `must be a non-empty string without spaces${fromEnv ? ' (from SCRYDON_ENVIRONMENT_ID)' : ''}, got ${describe(value)}`,
    );
  }
  return value;
}

/** Checks the options, fills them in from SCRYDON_* variables, and builds the client-credentials auth. */
export function resolveScrydonOptions(input: ScrydonClientOptions): ResolvedScrydonOptions {
  if (typeof input !== 'object' || input === null) {
    throw new ConfigurationError('options', `ScrydonClient expects an options object, got ${describe(input)}`);
  }
  knownKeys('ScrydonClient', input, options);
  const {
    baseUrl, authUrl, clientId, clientSecret, scopes, environmentId, tokenStore,
    tokenMaxRetries, tokenTimeoutMs, dangerouslyAllowBrowser, errorCodes, ...overrides
  } = input;

  const apiHost = hostUrl(
    'baseUrl',
    required(baseUrl ?? env('SCRYDON_URL'), 'baseUrl', 'SCRYDON_URL', "your tenant's host; Scrydon has no shared host"),
  );
  const authHost = hostUrl('authUrl', authUrl ?? env('SCRYDON_AUTH_URL') ?? apiHost);
  const scopeList = parseScopes(scopes ?? env('SCRYDON_SCOPES')?.split(/\s+/).filter(Boolean), scopes === undefined);
  const codes =
    errorCodes === undefined ? scrydonErrorCodes : typeof errorCodes === 'object' && errorCodes !== null ? { ...scrydonErrorCodes, ...errorCodes } : errorCodes;

  const auth = clientCredentials({
    tokenUrl: `${authHost}/api/auth/oauth2/token`,
    clientId: required(clientId ?? env('SCRYDON_CLIENT_ID'), 'clientId', 'SCRYDON_CLIENT_ID', "the service account's `sa_…` id"),
    clientSecret: required(clientSecret ?? env('SCRYDON_CLIENT_SECRET'), 'clientSecret', 'SCRYDON_CLIENT_SECRET', "the service account's secret"),
    scopes: scopeList,
    // Scrydon refuses a `resource` parameter, so no token parameters beyond grant_type and scope are sent.
    tokenParams: {},
    tokenMaxRetries,
    tokenTimeoutMs,
    dangerouslyAllowBrowser,
  });

  return {
    client: { ...overrides, baseUrl: apiHost, auth, errorCodes: codes, ...(tokenStore === undefined ? {} : { tokenStore }) },
    overrides: { ...overrides, errorCodes: codes },
    authUrl: authHost,
    scopes: scopeList,
    environmentId: environmentIdOf(environmentId ?? env('SCRYDON_ENVIRONMENT_ID'), environmentId === undefined),
  };
}
