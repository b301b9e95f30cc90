import type { CredentialSource } from '../../core/auth/auth';
import type { ProviderOptions } from '../../core/client/client-options';

/** Options of `new RyvnClient()`. Every credential and URL falls back to the variables Ryvn's CLI reads. */
export interface RyvnClientOptions extends ProviderOptions {
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
  /** Retries of a transient token-endpoint failure (network, 5xx, 429). @default 3 */
  tokenMaxRetries?: number;
  /** Timeout of one token request, in ms. @default 10_000 */
  tokenTimeoutMs?: number;
  /** Allow the client secret in a browser page, where any script can read it. @default false */
  dangerouslyAllowBrowser?: boolean;
}

