import type { CredentialSource } from '../../core/auth/auth';
import { clientCredentials } from '../../core/auth/client-credentials';
import type { TokenStore } from '../../core/auth/token-store';
import type { ClientOptions, ClientOverrides } from '../../core/client/client-options';
import { ConfigurationError } from '../../core/errors/configuration-error';
import { env } from '../../core/util/env';
import { baseUrlOf, describe, knownKeys } from '../../core/util/validate';
import { ryvnErrorCodes } from './error-codes';

/** The scope string Ryvn's own tools ask Zitadel for; the last one puts the Ryvn API in the token's audience. */
export const ryvnDefaultScopes = [
  'openid',
  'email',
  'profile',
  'offline_access',
  'urn:zitadel:iam:org:project:id:298766811497774120:aud',
] as const;

/** Options of `new RyvnClient()`. Every credential and URL falls back to the variables Ryvn's CLI reads. */
export interface RyvnClientOptions extends ClientOverrides {
  /** Client id of the Ryvn service user. @default process.env.RYVN_CLIENT_ID */
  clientId?: CredentialSource;
  /** Client secret of the service user, or a function read at each exchange so a rotated secret is picked up. @default process.env.RYVN_CLIENT_SECRET */
  clientSecret?: CredentialSource;
  /** Organization for org-scoped calls that name none. @default process.env.RYVN_ORG_ID */
  orgId?: string;
  /** Environment for environment-scoped calls that name none. @default process.env.RYVN_ENVIRONMENT */
  environment?: string;
  /** Base URL of the Ryvn API. @default process.env.RYVN_API_URL ?? 'https://api.ryvn.app' */
  apiUrl?: string;
  /** Base URL of Ryvn's Zitadel; tokens come from `${authUrl}/oauth/v2/token`. @default process.env.RYVN_AUTH_URL ?? 'https://auth.ryvn.app' */
  authUrl?: string;
  /** Scopes asked of Zitadel. @default ['openid', 'email', 'profile', 'offline_access', 'urn:zitadel:iam:org:project:id:298766811497774120:aud'] */
  scopes?: readonly string[];
  /** Where tokens are kept; share one between clients to share their tokens. @default new MemoryTokenStore() */
  tokenStore?: TokenStore;
  /** Retries of a transient token-endpoint failure (network, 5xx, 429). @default 3 */
  tokenMaxRetries?: number;
  /** Timeout of one token request, in ms. @default 10_000 */
  tokenTimeoutMs?: number;
  /** Allow the client secret in a browser page, where any script can read it. @default false */
  dangerouslyAllowBrowser?: boolean;
}

const ryvnKeys = [
  'clientId', 'clientSecret', 'orgId', 'environment', 'apiUrl', 'authUrl', 'scopes', 'tokenStore', 'tokenMaxRetries',
  'tokenTimeoutMs', 'dangerouslyAllowBrowser',
] as const;
const overrideKeys = ['timeoutMs', 'totalTimeoutMs', 'maxRetries', 'maxRetryAfterMs', 'errorCodes', 'headers', 'fetch'] as const;
// Fails to compile when ClientOverrides gains an option this list does not pass on.
const coversOverrides: Exclude<keyof ClientOverrides, (typeof overrideKeys)[number]> extends never ? true : never = true;
void coversOverrides;

/** Where each option falls back to when it is not given. */
const variables: Readonly<Record<string, string>> = {
  clientId: 'RYVN_CLIENT_ID',
  clientSecret: 'RYVN_CLIENT_SECRET',
  orgId: 'RYVN_ORG_ID',
  environment: 'RYVN_ENVIRONMENT',
  apiUrl: 'RYVN_API_URL',
  authUrl: 'RYVN_AUTH_URL',
};

/** Runs checks on values that may have come from the environment; an error then also names the variable. */
function naming<T>(options: RyvnClientOptions, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const variable = variables[error.option];
    if (variable === undefined || options[error.option as keyof RyvnClientOptions] !== undefined || env(variable) === undefined) {
      throw error;
    }
    const problem = error.message.slice(error.message.indexOf(': ') + 2);
    throw new ConfigurationError(error.option, `${problem} (read from ${variable})`);
  }
}

function required(option: 'clientId' | 'clientSecret', given: CredentialSource | undefined): CredentialSource {
  const value = given ?? env(variables[option]!);
  if (value === undefined) throw new ConfigurationError(option, `is required: pass \`${option}\` or set ${variables[option]}`);
  return value;
}

function name(option: 'orgId' | 'environment', given: unknown): string | undefined {
  const value = given ?? env(variables[option]!);
  if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
    throw new ConfigurationError(option, `must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

function url(option: 'apiUrl' | 'authUrl', given: unknown, fallback: string): string {
  return baseUrlOf(option, given ?? env(variables[option]!) ?? fallback).href.replace(/\/+$/, '');
}

const isRecord = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the RyvnClient constructor needs: the core client's options and the default scope of calls. */
export interface ResolvedRyvnOptions {
  client: ClientOptions;
  orgId: string | undefined;
  environment: string | undefined;
}

/** Validates the options, fills them from the environment, and builds the client-credentials auth. */
export function resolveRyvnOptions(options: RyvnClientOptions): ResolvedRyvnOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ConfigurationError('options', `RyvnClient expects an options object, got ${describe(options)}`);
  if ('baseUrl' in options) throw new ConfigurationError('baseUrl', 'is not an option of RyvnClient; did you mean `apiUrl`?');
  if ('auth' in options) throw new ConfigurationError('auth', 'is not an option of RyvnClient; pass `clientId` and `clientSecret`');
  knownKeys('RyvnClient', options, [...ryvnKeys, ...overrideKeys]);
  const { clientId, clientSecret, orgId, environment, apiUrl, authUrl, scopes, errorCodes, tokenMaxRetries, tokenTimeoutMs, dangerouslyAllowBrowser, ...rest } =
    options;

  return naming(options, () => ({
    client: {
      ...rest,
      baseUrl: url('apiUrl', apiUrl, 'https://api.ryvn.app'),
      auth: clientCredentials({
        tokenUrl: `${url('authUrl', authUrl, 'https://auth.ryvn.app')}/oauth/v2/token`,
        clientId: required('clientId', clientId),
        clientSecret: required('clientSecret', clientSecret),
        scopes: scopes ?? ryvnDefaultScopes,
        tokenMaxRetries,
        tokenTimeoutMs,
        dangerouslyAllowBrowser,
      }),
      // The caller's codes refine Ryvn's; anything that is not a map is left for the core to reject.
      errorCodes: errorCodes === undefined ? ryvnErrorCodes : isRecord(errorCodes) ? { ...ryvnErrorCodes, ...errorCodes } : errorCodes,
    },
    orgId: name('orgId', orgId),
    environment: name('environment', environment),
  }));
}
