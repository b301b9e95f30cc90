import { ConfigurationError } from '../errors/configuration-error';
import { KeycardError } from '../errors/keycard-error';
import { describe } from '../util/validate';
import type { CredentialSource } from './auth';

/** Visible ASCII: what a header can carry unchanged, and so what a key or token may be. */
export const headerSafe = /^[\x21-\x7e]+$/;

/** What a credential may contain, and what to say of a value that does not match. */
export interface CredentialCharset {
  readonly pattern: RegExp;
  readonly problem: string;
}

/**
 * Sent as-is in a header (API keys, tokens): visible ASCII only, as anything else would corrupt or
 * inject into the header. The default.
 */
const headerCharset: CredentialCharset = {
  pattern: headerSafe,
  problem: 'contains whitespace or characters that cannot be sent in a header',
};

/**
 * Form-encoded (client id and secret, RFC 6749 Appendix A: VSCHAR): inner spaces too, but not at
 * either end, where they are a copy-paste slip. A constant of its own, so that bundles without
 * client credentials leave it out.
 */
export const formCharset: CredentialCharset = {
  pattern: /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/,
  problem: 'starts or ends with whitespace, or contains characters other than visible ASCII and spaces',
};

/**
 * The value if its charset allows it, else a `ConfigurationError` that never repeats the value. A
 * function's result (`returned`) is described as such; an option's own value says what is required.
 */
function checked(option: string, value: unknown, charset: CredentialCharset, returned: boolean): string {
  const { pattern, problem } = charset;
  if (typeof value === 'string' && pattern.test(value)) return value;
  const unsendable = typeof value === 'string' && value !== '';
  if (returned) throw new ConfigurationError(option, `function returned ${unsendable ? `a string that ${problem}` : describe(value)}`);
  throw new ConfigurationError(option, unsendable ? problem : `is required (a string or a function returning one), got ${describe(value)}`);
}

/** Checks a credential given as a value or a function; the message never repeats the value. */
export function credentialSource(option: string, value: unknown, charset: CredentialCharset = headerCharset): CredentialSource {
  return typeof value === 'function' ? (value as CredentialSource) : checked(option, value, charset, false);
}

/** Reads a credential now, checking what a function returned. */
export async function readCredential(option: string, source: CredentialSource, charset: CredentialCharset = headerCharset): Promise<string> {
  if (typeof source === 'string') return source;
  let value: unknown;
  try {
    value = await source();
  } catch (error) {
    throw new KeycardError(`Reading \`${option}\` failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return checked(option, value, charset, true);
}
