import { ConfigurationError } from '../errors/configuration-error';
import { knownValues } from '../util/known-values';
import { describe, knownKeys, milliseconds } from '../util/validate';
import type { Auth, CredentialSource } from './auth';
import { uniqueKey } from './credential-key';
import { credentialSource, readCredential } from './credential-source';

/** Options of `apiKey()`. */
export interface ApiKeyOptions {
  /** Where the key goes: `authorization` sends `Bearer <key>`, `x-api-key` sends the bare key. @default 'authorization' */
  header?: 'authorization' | 'x-api-key';
  /** For a key given as a function: how long a value read is used before it is read again. @default 3_600_000 */
  rereadAfterMs?: number;
}

/**
 * An API key, sent on every request. A fixed string cannot be refreshed, so its 401 becomes the typed
 * error at once; a function is read on first use, hourly in the background (the key in hand stays in
 * use if a read fails), and once more after a 401, which picks up a rotated key.
 *
 * @example
 * ```ts
 * const api = createClient<paths>({ baseUrl, auth: apiKey(process.env.API_KEY!, { header: 'x-api-key' }) });
 * ```
 */
export function apiKey(key: CredentialSource, options: ApiKeyOptions = {}): Auth {
  const source = credentialSource('apiKey', key);
  knownKeys('apiKey()', options, ['header', 'rereadAfterMs']);
  const header = options.header ?? 'authorization';
  if (header !== 'authorization' && header !== 'x-api-key') {
    throw new ConfigurationError('header', `must be 'authorization' or 'x-api-key', got ${describe(header)}`);
  }
  const rereadAfterMs = milliseconds('rereadAfterMs', options.rereadAfterMs, 3_600_000, 1_000);
  // A key is read, not exchanged: a shared store would only hold the plaintext key (issue 11 item 5).
  const identity = { header, cacheKey: uniqueKey('key'), shareable: false };
  if (typeof source === 'string') {
    const token = { token: source, issuedAt: 0, expiresAt: Infinity };
    const secrets = [source];
    return { ...identity, refreshable: false, knownSecrets: () => secrets, getToken: () => token };
  }
  const known = knownValues();
  return {
    ...identity,
    refreshable: true,
    knownSecrets: () => known.list,
    async getToken({ now }) {
      const issuedAt = now();
      const key = await readCredential('apiKey', source);
      known.add(key);
      // A key does not expire by the clock: it is read again in the background, and the one in hand
      // stays in service if that read fails (a vault that is down for a while).
      return { token: key, issuedAt, expiresAt: Infinity, renewAt: issuedAt + rereadAfterMs };
    },
  };
}
