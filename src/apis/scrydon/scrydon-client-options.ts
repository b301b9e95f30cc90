import type { CredentialSource } from '../../core/auth/auth';
import type { ProviderOptions } from '../../core/client/client-options';
import type { RequestOptions } from '../../core/client/request-options';
import type { components } from './schema.gen';

/** Options of `ScrydonClient`. Every one falls back to its environment variable, where it has one. */
export interface ScrydonClientOptions extends ProviderOptions {
  /** Your tenant's API host, e.g. `https://acme.scrydon.example`; required, there is no shared host. @default env SCRYDON_URL */
  baseUrl?: string;
  /** Your tenant's auth host, which serves `/api/auth/oauth2/token`. @default env SCRYDON_AUTH_URL, else `baseUrl` */
  authUrl?: string;
  /** The service account's client id (`sa_…`), or a function returning it. @default env SCRYDON_CLIENT_ID */
  clientId?: CredentialSource;
  /** The service account's secret, or a function returning it, read at each exchange so a rotation is picked up. @default env SCRYDON_CLIENT_SECRET */
  clientSecret?: CredentialSource;
  /** Scopes to request, each granted to the account (`write` implies `read`). @default env SCRYDON_SCOPES, space-separated */
  scopes?: readonly components['schemas']['Scope'][];
  /** Environment (workspace) of the workspace calls, unless a call names another. @default env SCRYDON_ENVIRONMENT_ID */
  environmentId?: string;
  /** Retries of a transient token-endpoint failure (network, 5xx, 429). @default 3 */
  tokenMaxRetries?: number;
  /** Timeout of one token request, in ms. @default 10_000 */
  tokenTimeoutMs?: number;
  /** Allow the client secret in a browser page, where any script can read it. @default false */
  dangerouslyAllowBrowser?: boolean;
}

/** Per-call options of the workspace methods. */
export interface ScrydonCallOptions extends RequestOptions {
  /** Environment to act in. @default the client's `environmentId` */
  environmentId?: string;
}

/** Per-call options of the list methods, which return one page. */
export interface ScrydonPageOptions extends ScrydonCallOptions {
  /** Page size, 1–100. @default 20 */
  limit?: number;
  /** `nextCursor` of the previous page. @default the first page */
  cursor?: string;
}

/** Per-call options of `triggerWorkflow`. */
export interface ScrydonTriggerOptions extends ScrydonCallOptions {
  /** Answer `running` at once (`?async=true`) instead of waiting up to 30 s for the outputs. @default false */
  async?: boolean;
}

/** Per-call options of `triggerWebhook`. */
export interface ScrydonWebhookOptions extends RequestOptions {
  /** The Webhook block's secret, sent as `X-Scrydon-Secret`, when the block has one. @default none */
  secret?: string;
}
