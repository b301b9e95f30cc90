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

/** Checks a credential given as a value or a function; the message never repeats the value. */
export function credentialSource(option: string, value: unknown, charset: CredentialCharset = 'header'): CredentialSource {
  if (typeof value === 'function') return value as CredentialSource;
  if (typeof value !== 'string' || value === '') {
    throw new ConfigurationError(option, `is required (a string or a function returning one), got ${describe(value)}`);
  }
  if (!charsets[charset].pattern.test(value)) throw new ConfigurationError(option, charsets[charset].problem);
  return value;
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
  if (typeof value !== 'string' || value === '' || !charsets[charset].pattern.test(value)) {
    const what = typeof value !== 'string' ? describe(value) : value === '' ? 'an empty string' : `a string that ${charsets[charset].problem}`;
    throw new ConfigurationError(option, `function returned ${what}`);
  }
  return value;
}
