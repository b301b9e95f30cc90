import { ConfigurationError } from '../errors/configuration-error';
import { InvalidClientError } from '../errors/token-exchange-errors';
import { isBrowser } from '../util/is-loopback';
import { knownValues } from '../util/known-values';
import { count, credentialUrl, describe, knownKeys, milliseconds } from '../util/validate';
import type { Auth, CredentialSource } from './auth';
import { credentialKey, sharedCacheKey, uniqueKey } from './credential-key';
import { credentialSource, formCharset, readCredential } from './credential-source';
import { requestToken, type TokenRequestSettings } from './request-token';
import { shareThroughStore } from './guarded-store';
import { storeSharing, type SharingAuth } from './store-sharing';

/** Options of `clientCredentials()`. */
export interface ClientCredentialsOptions {
  /** Token endpoint: https, or http to a loopback host. */
  tokenUrl: string;
  /** OAuth client id, or a function returning it (read at each exchange). */
  clientId: CredentialSource;
  /** OAuth client secret, or a function returning it, read at each exchange so a rotated secret is picked up. */
  clientSecret: CredentialSource;
  /** Scopes to ask for, sent space-separated. @default [] */
  scopes?: readonly string[];
  /** How the client authenticates to the token endpoint. @default 'client_secret_basic' */
  authMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Extra form parameters for the token request, such as `audience`. @default {} */
  tokenParams?: Readonly<Record<string, string>>;
  /** Lifetime assumed when a response carries no `expires_in`. @default 3_600_000 (1 h) */
  defaultTokenLifetimeMs?: number;
  /** Retries of a transient token-endpoint failure (network, 5xx, 429, `temporarily_unavailable`). @default 3 */
  tokenMaxRetries?: number;
  /** Timeout of one token request. @default 10_000 */
  tokenTimeoutMs?: number;
  /** Longest `Retry-After` from the token endpoint that is waited out; longer fails at once. @default 60_000 */
  maxRetryAfterMs?: number;
  /** Allow a client secret in a browser page, where any script can read it. @default false */
  dangerouslyAllowBrowser?: boolean;
  /**
   * For a client id given as a function: a name for the credential, the same in every process that
   * should share its tokens; only with one are they written to a shared `tokenStore`. @default none
   */
  cacheKey?: string;
}

const options = [
  'tokenUrl', 'clientId', 'clientSecret', 'scopes', 'authMethod', 'tokenParams', 'defaultTokenLifetimeMs',
  'tokenMaxRetries', 'tokenTimeoutMs', 'maxRetryAfterMs', 'dangerouslyAllowBrowser', 'cacheKey',
] as const;
const reservedParams = new Set(['grant_type', 'scope', 'client_id', 'client_secret', 'client_assertion']);

function scopeList(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigurationError('scopes', `must be an array of strings, got ${describe(value)}`);
  for (const scope of value) {
    if (typeof scope !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)) {
      throw new ConfigurationError('scopes', `contains ${JSON.stringify(scope)}, which is not a valid scope token (RFC 6749 §3.3)`);
    }
  }
  return [...new Set(value as string[])];
}

function paramsRecord(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError('tokenParams', `must be an object of strings, got ${describe(value)}`);
  }
  for (const [name, param] of Object.entries(value)) {
    if (reservedParams.has(name)) throw new ConfigurationError('tokenParams', `must not set \`${name}\`; keycard sets it`);
    if (typeof param !== 'string') throw new ConfigurationError('tokenParams', `\`${name}\` must be a string, got ${describe(param)}`);
  }
  return { ...(value as Record<string, string>) };
}

/**
 * OAuth 2.0/2.1 client credentials (RFC 6749 §4.4): exchanges a client id and secret for a token at
 * the token endpoint, with HTTP Basic by default.
 *
 * @example
 * ```ts
 * const api = createClient<paths>({
 *   baseUrl: 'https://api.example.com',
 *   auth: clientCredentials({
 *     tokenUrl: 'https://auth.example.com/oauth/token',
 *     clientId: process.env.CLIENT_ID!,
 *     clientSecret: () => secrets.read('client-secret'),
 *     scopes: ['things:read'],
 *   }),
 * });
 * ```
 */
export function clientCredentials(input: ClientCredentialsOptions): Auth {
  if (typeof input !== 'object' || input === null) {
    throw new ConfigurationError('clientCredentials', `expects an options object, got ${describe(input)}`);
  }
  knownKeys('clientCredentials()', input, options);
  const tokenUrl = credentialUrl('tokenUrl', input.tokenUrl);
  const clientId = credentialSource('clientId', input.clientId, formCharset);
  const clientSecret = credentialSource('clientSecret', input.clientSecret, formCharset);
  const authMethod = input.authMethod ?? 'client_secret_basic';
  if (authMethod !== 'client_secret_basic' && authMethod !== 'client_secret_post') {
    throw new ConfigurationError('authMethod', `must be 'client_secret_basic' or 'client_secret_post', got ${JSON.stringify(authMethod)}`);
  }
  if (isBrowser() && input.dangerouslyAllowBrowser !== true) {
    throw new ConfigurationError(
      'clientSecret',
      'must not be used in a browser, where every script on the page can read it; use tokenFunction() to get tokens from your backend, or a scoped API key (or set dangerouslyAllowBrowser: true for a trusted, non-public page)',
    );
  }
  const settings: TokenRequestSettings = {
    tokenUrl,
    scopes: scopeList(input.scopes),
    authMethod,
    tokenParams: paramsRecord(input.tokenParams),
    defaultTokenLifetimeMs: milliseconds('defaultTokenLifetimeMs', input.defaultTokenLifetimeMs, 3_600_000, 1_000),
    maxRetries: count('tokenMaxRetries', input.tokenMaxRetries, 3, 10),
    timeoutMs: milliseconds('tokenTimeoutMs', input.tokenTimeoutMs, 10_000, 1),
    maxRetryAfterMs: milliseconds('maxRetryAfterMs', input.maxRetryAfterMs, 60_000),
  };
  const fixed = typeof clientId === 'string' && typeof clientSecret === 'string';
  const sharedKey = sharedCacheKey(input.cacheKey);
  const identity = typeof clientId === 'string' ? clientId : sharedKey;
  const known = knownValues();
  const read = async () => {
    const credentials = {
      clientId: await readCredential('clientId', clientId, formCharset),
      clientSecret: await readCredential('clientSecret', clientSecret, formCharset),
    };
    known.add(credentials.clientSecret);
    return credentials;
  };

  const auth: SharingAuth = {
    header: 'authorization',
    // Token URL + client id + sorted scopes, and the token parameters (an `audience` or `resource`
    // makes another token); a client id known only at exchange time gets a key of its own, kept out
    // of shared stores, unless the caller names it.
    cacheKey:
      identity !== undefined
        ? credentialKey('oauth', [
            tokenUrl.href,
            identity,
            ...[...settings.scopes].sort(),
            '\u0001',
            ...Object.entries(settings.tokenParams).map(([name, value]) => `${name}=${value}`).sort(),
          ])
        : uniqueKey('oauth'),
    refreshable: true,
    knownSecrets: () => known.list,
    shareable: identity !== undefined,
    [storeSharing]: shareThroughStore,
    async getToken(context) {
      const credentials = await read();
      try {
        const token = await requestToken(settings, credentials, context);
        known.add(token.token);
        return token;
      } catch (error) {
        if (fixed || !(error instanceof InvalidClientError)) throw error;
        // The secret may have been rotated since it was read: read once more before failing.
        const fresh = await read();
        if (fresh.clientId === credentials.clientId && fresh.clientSecret === credentials.clientSecret) throw error;
        const token = await requestToken(settings, fresh, context);
        known.add(token.token);
        return token;
      }
    },
  };
  return auth;
}
