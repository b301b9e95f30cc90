import { apiKey } from '../../core/auth/api-key';
import type { CredentialSource } from '../../core/auth/auth';
import { credentialSource } from '../../core/auth/credential-source';
import { MemoryTokenStore } from '../../core/auth/token-store';
import type { ClientOverrides } from '../../core/client/client-options';
import type { KeycardClient } from '../../core/client/client-types';
import { createNamedClient } from '../../core/client/create-client';
import { ConfigurationError } from '../../core/errors/configuration-error';
import { env } from '../../core/util/env';
import { baseUrlOf, describe } from '../../core/util/validate';
import { checkId } from './check-id';
import { riveryErrorCodes } from './error-codes';
import { riveryRegions, type RiveryRegion } from './rivery-regions';
import { routeClient } from './route-client';
import type { paths } from './schema.gen';

/** Options of `RiveryClient`. */
export interface RiveryClientOptions extends ClientOverrides {
  /** API token (Settings → API Tokens), or a function returning it. @default process.env.RIVERY_API_TOKEN */
  apiToken?: CredentialSource;
  /** The account's region: picks the v1 host and the console host. @default process.env.RIVERY_REGION, else 'us' */
  region?: RiveryRegion;
  /** Account of the v1 calls (24 hex). @default process.env.RIVERY_ACCOUNT_ID, else the token's account, read once from `me()` */
  accountId?: string;
  /** Environment of the v1 calls (24 hex). @default process.env.RIVERY_ENVIRONMENT_ID, else the token's environment, read once from `me()` */
  environmentId?: string;
  /** Base URL of the v1 API. @default the region's, e.g. 'https://api.rivery.io' */
  baseUrl?: string;
  /** Base URL of the legacy console API. @default the region's, e.g. 'https://console.rivery.io/api' */
  legacyUrl?: string;
}

/** What the client is built from. */
export interface ResolvedRiveryOptions {
  client: KeycardClient<paths>;
  legacyUrl: string;
  accountId: string | undefined;
  environmentId: string | undefined;
}

const regionList = 'us, eu (eu-west-1), il (il-central-1), au (ap-southeast-2)';

function hostsOf(value: unknown, fromEnv: boolean) {
  const name = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (Object.hasOwn(riveryRegions, name)) return riveryRegions[name as RiveryRegion];
  const got = typeof value === 'string' ? JSON.stringify(value) : describe(value);
  throw new ConfigurationError('region', `must be one of ${regionList}, got ${got}${fromEnv ? ' (from RIVERY_REGION)' : ''}`);
}

function scopeId(name: 'accountId' | 'environmentId', value: unknown, variable: string): string | undefined {
  if (value !== undefined) return checkId('objectId', name, value);
  const fromEnv = env(variable)?.trim();
  return fromEnv === undefined ? undefined : checkId('objectId', name, fromEnv, variable);
}

/** Validates the options, fills them from the environment and the region, and builds the two host clients. */
export function resolveRiveryOptions(options: RiveryClientOptions): ResolvedRiveryOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('options', `RiveryClient expects an options object, got ${describe(options)}`);
  }
  const { apiToken, region, accountId, environmentId, baseUrl, legacyUrl, errorCodes, ...overrides } = options;
  const token = apiToken ?? env('RIVERY_API_TOKEN')?.trim();
  if (token === undefined) {
    throw new ConfigurationError('apiToken', 'is required: pass it, or set RIVERY_API_TOKEN (Rivery: Settings → API Tokens)');
  }
  const auth = apiKey(credentialSource('apiToken', token));
  const regionEnv = region === undefined ? env('RIVERY_REGION') : undefined;
  const hosts = hostsOf(region ?? regionEnv ?? 'us', regionEnv !== undefined);
  const legacyBase = legacyUrl === undefined ? hosts.legacy : baseUrlOf('legacyUrl', legacyUrl).href;
  const scope = {
    accountId: scopeId('accountId', accountId, 'RIVERY_ACCOUNT_ID'),
    environmentId: scopeId('environmentId', environmentId, 'RIVERY_ENVIRONMENT_ID'),
  };

  const common = {
    ...overrides,
    auth,
    // One store for both hosts: a token given as a function is read once.
    tokenStore: new MemoryTokenStore(),
    // A malformed map is passed on as given, for the core to name the problem.
    errorCodes: typeof errorCodes === 'object' && errorCodes !== null ? { ...riveryErrorCodes, ...errorCodes } : (errorCodes ?? riveryErrorCodes),
  };
  const v1 = createNamedClient<paths>({ ...common, baseUrl: baseUrl ?? hosts.v1 }, 'RiveryClient');
  const legacy = createNamedClient<paths>({ ...common, baseUrl: legacyBase }, 'RiveryClient');
  return { client: routeClient(legacy, v1), legacyUrl: legacy.baseUrl, ...scope };
}
