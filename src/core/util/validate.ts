import { ConfigurationError } from '../errors/configuration-error';
import { isLoopbackHost } from './is-loopback';
import { nearestOption } from './nearest-option';

/** Parses an http(s) URL that credentials will be sent to: https, or plain http to a loopback host only. */
export function credentialUrl(option: string, value: unknown): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(option, `must be an absolute URL string, got ${describe(value)}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not echoed: an unparsable URL may still carry a password or a key in it.
    throw new ConfigurationError(option, 'is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(option, `must use https, got ${url.protocol.slice(0, -1)}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigurationError(
      option,
      `must use https: credentials are sent over plain http only to loopback hosts, not to ${url.host}`,
    );
  }
  if (url.username || url.password) {
    throw new ConfigurationError(option, 'must not contain user info; pass credentials as options');
  }
  return url;
}

/**
 * A base URL that paths are appended to, without its trailing slashes. A query or fragment, even an
 * empty one (`…/v1?`), would swallow every path appended after it.
 */
export function baseUrlOf(option: string, value: unknown): URL {
  const url = credentialUrl(option, value);
  if (/[?#]/.test(url.href)) throw new ConfigurationError(option, 'must not contain a query or fragment');
  return url;
}

/** Timers hold at most a signed 32-bit count of milliseconds (about 24.8 days). */
const maxTimerMs = 2_147_483_647;

/** A whole number of milliseconds in [min, max]. */
export function milliseconds(option: string, value: unknown, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  // Number.isInteger is false for anything that is not a number.
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > maxTimerMs) notWhole(option, value, `of milliseconds ≥ ${min}`);
  return value as number;
}

/** A whole count in [min, max]. */
export function count(option: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > max) notWhole(option, value, `from 0 to ${max}`);
  return value as number;
}

function notWhole(option: string, value: unknown, range: string): never {
  throw new ConfigurationError(option, `must be a whole number ${range}, got ${describe(value)}`);
}

/** Rejects keys an options object does not know, naming the nearest known one (`timeout` → `timeoutMs`). */
export function knownKeys(what: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError('options', `${what} expects an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = nearestOption(key, known);
    throw new ConfigurationError(key, `is not an option of ${what}${near ? `; did you mean \`${near}\`?` : ''}`);
  }
}

/** A short, secret-free description of a value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return typeof value;
}
