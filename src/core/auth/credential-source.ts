import { ConfigurationError } from '../errors/configuration-error';
import { KeycardError } from '../errors/keycard-error';
import { describe } from '../util/validate';
import type { CredentialSource } from './auth';

// Visible ASCII only: anything else would corrupt or inject into an HTTP header.
const headerSafe = /^[\x21-\x7e]+$/;

/** Checks a credential given as a value or a function; the message never repeats the value. */
export function credentialSource(option: string, value: unknown): CredentialSource {
  if (typeof value === 'function') return value as CredentialSource;
  if (typeof value !== 'string' || value === '') {
    throw new ConfigurationError(option, `is required (a string or a function returning one), got ${describe(value)}`);
  }
  if (!headerSafe.test(value)) {
    throw new ConfigurationError(option, 'contains whitespace or characters that cannot be sent in a header');
  }
  return value;
}

/** Reads a credential now, checking what a function returned. */
export async function readCredential(option: string, source: CredentialSource): Promise<string> {
  if (typeof source === 'string') return source;
  let value: unknown;
  try {
    value = await source();
  } catch (error) {
    throw new KeycardError(`Reading \`${option}\` failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (typeof value !== 'string' || value === '' || !headerSafe.test(value)) {
    throw new ConfigurationError(option, `function returned ${typeof value === 'string' ? 'an unusable string (empty or with whitespace)' : describe(value)}`);
  }
  return value;
}
