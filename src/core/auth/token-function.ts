import { ConfigurationError } from '../errors/configuration-error';
import { isKeycardError, KeycardError } from '../errors/keycard-error';
import { knownValues } from '../util/known-values';
import { describe, knownKeys, milliseconds } from '../util/validate';
import type { AccessToken, Auth } from './auth';
import { credentialKey, sharedCacheKey, uniqueKey } from './credential-key';
import { shareThroughStore } from './guarded-store';
import { storeSharing, type SharingAuth } from './store-sharing';

/**
 * What a token function may return: the token alone (the default lifetime applies), the token with
 * its expiry, or an OAuth token response passed through from your backend.
 */
export type TokenFunctionResult =
  | string
  | { token: string; expiresAt?: number | Date; expiresInSeconds?: number }
  | { access_token: string; expires_in?: number | string };

/** Options of `tokenFunction()`. */
export interface TokenFunctionOptions {
  /** Where the token goes: `authorization` sends `Bearer <token>`. @default 'authorization' */
  header?: 'authorization' | 'x-api-key';
  /** Lifetime assumed when the function gives no expiry. @default 3_600_000 (1 h) */
  defaultTokenLifetimeMs?: number;
  /**
   * A name for the token this function returns, the same in every process that should share it
   * (e.g. `'reports-api@prod'`): only with one are its tokens written to a shared `tokenStore`. It is
   * hashed, but give no secret. @default none: tokens stay in this process
   */
  cacheKey?: string;
}

/** Below this an `expiresAt` is in seconds, not milliseconds (it would be a date in 1973). */
const smallestEpochMs = 100_000_000_000;

/** An `expiresAt` as epoch ms, or a ConfigurationError saying what it is instead. */
function epochMs(value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new ConfigurationError('tokenFunction', `returned expiresAt ${describe(value)}, not a Date or a time in epoch milliseconds`);
  }
  if (ms < smallestEpochMs) {
    throw new ConfigurationError('tokenFunction', `returned expiresAt ${ms}, which looks like epoch seconds: give milliseconds or a Date`);
  }
  return ms;
}

function expiry(result: TokenFunctionResult, issuedAt: number, defaultLifetimeMs: number): AccessToken {
  if (typeof result === 'string') return { token: result, issuedAt, expiresAt: issuedAt + defaultLifetimeMs };
  if (typeof result !== 'object' || result === null) {
    throw new ConfigurationError('tokenFunction', `must return a token string or object, returned ${describe(result)}`);
  }
  if ('access_token' in result) {
    const seconds = result.expires_in === undefined ? undefined : Number(result.expires_in);
    if (seconds !== undefined && !(seconds > 0)) {
      throw new ConfigurationError('tokenFunction', `returned expires_in ${JSON.stringify(result.expires_in)}, not a positive number`);
    }
    return { token: result.access_token, issuedAt, expiresAt: issuedAt + (seconds === undefined ? defaultLifetimeMs : seconds * 1000) };
  }
  if ('token' in result) {
    const { expiresAt, expiresInSeconds } = result;
    if (expiresAt !== undefined) return { token: result.token, issuedAt, expiresAt: epochMs(expiresAt) };
    if (expiresInSeconds !== undefined) {
      if (typeof expiresInSeconds !== 'number' || !(expiresInSeconds > 0) || !Number.isFinite(expiresInSeconds * 1000)) {
        throw new ConfigurationError('tokenFunction', `returned expiresInSeconds ${describe(expiresInSeconds)}, not a positive number`);
      }
      return { token: result.token, issuedAt, expiresAt: issuedAt + expiresInSeconds * 1000 };
    }
    return { token: result.token, issuedAt, expiresAt: issuedAt + defaultLifetimeMs };
  }
  throw new ConfigurationError('tokenFunction', 'returned an object with neither `token` nor `access_token`');
}

/**
 * Tokens from a function of yours, typically your backend handing a browser a short-lived token. The
 * function is called on first use, ahead of expiry, and once after a 401; concurrent callers share one call.
 *
 * @example
 * ```ts
 * const api = createClient<paths>({
 *   baseUrl: 'https://api.example.com',
 *   auth: tokenFunction(async ({ signal }) => (await fetch('/my-backend/token', { signal })).json()),
 * });
 * ```
 */
export function tokenFunction(
  fn: (context: { signal: AbortSignal }) => TokenFunctionResult | Promise<TokenFunctionResult>,
  options: TokenFunctionOptions = {},
): Auth {
  if (typeof fn !== 'function') throw new ConfigurationError('tokenFunction', `expects a function, got ${describe(fn)}`);
  knownKeys('tokenFunction()', options, ['header', 'defaultTokenLifetimeMs', 'cacheKey']);
  const header = options.header ?? 'authorization';
  if (header !== 'authorization' && header !== 'x-api-key') {
    throw new ConfigurationError('header', `must be 'authorization' or 'x-api-key', got ${describe(header)}`);
  }
  const defaultLifetimeMs = milliseconds('defaultTokenLifetimeMs', options.defaultTokenLifetimeMs, 3_600_000, 1_000);
  const known = knownValues();
  const sharedKey = sharedCacheKey(options.cacheKey);
  const auth: SharingAuth = {
    header,
    // Without a name given, nothing identifies the function across processes.
    cacheKey: sharedKey === undefined ? uniqueKey('fn') : credentialKey('fn', [sharedKey]),
    refreshable: true,
    knownSecrets: () => known.list,
    shareable: sharedKey !== undefined,
    [storeSharing]: shareThroughStore,
    async getToken({ signal, now }) {
      const issuedAt = now();
      let result: TokenFunctionResult;
      try {
        result = await fn({ signal });
      } catch (error) {
        if (isKeycardError(error)) throw error;
        throw new KeycardError(`tokenFunction failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const token = expiry(result, issuedAt, defaultLifetimeMs);
      if (typeof token.token === 'string') known.add(token.token);
      return token;
    },
  };
  return auth;
}
