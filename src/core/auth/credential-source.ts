import { ConfigurationError } from '../errors/configuration-error';
import { KeycardError } from '../errors/keycard-error';
import { describe } from '../util/validate';
import type { CredentialSource } from './auth';

/** Visible ASCII: what a header can carry unchanged, and so what a key or token may be. */
export const headerSafe = /^[\x21-\x7e]+$/;

/**
 * What a credential may contain. Sent as-is in a header (API keys, tokens): visible ASCII only, as
 * anything else would corrupt or inject into the header. Form-encoded (client id and secret, RFC 6749
 * Appendix A: VSCHAR): inner spaces too, but not at either end, where they are a copy-paste slip.
 */
const charsets = {
  header: { pattern: headerSafe, problem: 'contains whitespace or characters that cannot be sent in a header' },
  form: {
    pattern: /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/,
    problem: 'starts or ends with whitespace, or contains characters other than visible ASCII and spaces',
  },
};
export type CredentialCharset = keyof typeof charsets;

/**
 * The value if its charset allows it, else a `ConfigurationError` that never repeats the value. A
 * function's result (`returned`) is described as such; an option's own value says what is required.
 */
function checked(option: string, value: unknown, charset: CredentialCharset, returned: boolean): string {
  const { pattern, problem } = charsets[charset];
  if (typeof value === 'string' && pattern.test(value)) return value;
  const unsendable = typeof value === 'string' && value !== '';
  if (returned) throw new ConfigurationError(option, `function returned ${unsendable ? `a string that ${problem}` : describe(value)}`);
  throw new ConfigurationError(option, unsendable ? problem : `is required (a string or a function returning one), got ${describe(value)}`);
}

/** Checks a credential given as a value or a function; the message never repeats the value. */
export function credentialSource(option: string, value: unknown, charset: CredentialCharset = 'header'): CredentialSource {
  return typeof value === 'function' ? (value as CredentialSource) : checked(option, value, charset, false);
}

/** Reads a credential now, checking what a function returned. */
export async function readCredential(option: string, source: CredentialSource, charset: CredentialCharset = 'header'): Promise<string> {
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
