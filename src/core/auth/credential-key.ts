import { ConfigurationError } from '../errors/configuration-error';
import { describe } from '../util/validate';

// cyrb53: a fast 53-bit string hash. The key only needs to be stable and collision-resistant across
// the handful of credentials one process holds; it never contains a secret, so no cryptography is due.
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A stable key for a credential from its public parts (never pass a secret). */
export function credentialKey(kind: string, parts: readonly string[]): string {
  const text = parts.join('\u0000');
  return `${kind}:${cyrb53(text, 1).toString(36)}${cyrb53(text, 2).toString(36)}`;
}

let instances = 0;

/** A key unique to this process and call, for credentials whose identity is only known at exchange time. */
export function uniqueKey(kind: string): string {
  instances += 1;
  return `${kind}:instance-${instances}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Checks the `cacheKey` option: a non-empty name, shared by the processes that share the token. */
export function sharedCacheKey(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 256) {
    throw new ConfigurationError('cacheKey', `must be a non-empty string of at most 256 characters, got ${describe(value)}`);
  }
  return value;
}
