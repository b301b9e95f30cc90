import {
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  TokenExchangeError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
} from '../errors/token-exchange-errors';
import { redactSecrets, redactUrl } from '../errors/redact';
import { retryAfterMs } from '../util/retry-after';
import type { AccessToken } from './auth';

/** Errors a retry may cure: the token request is sent again after a backoff. */
export const transientFailures = new WeakSet<object>();

// A Map: an `error` such as `constructor` must not find Object.prototype's members.
const permanentCodes = new Map<string, typeof TokenExchangeError>([
  ['invalid_client', InvalidClientError],
  ['invalid_scope', InvalidScopeError],
  ['unauthorized_client', UnauthorizedClientError],
  ['invalid_grant', InvalidGrantError],
  ['invalid_request', InvalidRequestError],
  ['unsupported_grant_type', UnsupportedGrantTypeError],
]);

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const stringField = (body: Record<string, unknown> | undefined, name: string) => {
  const value = body?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Longest access token accepted. Identity-provider JWTs run to 1–4 kB, and more with many claims;
 * past 64 kB the answer is broken (no server takes such a header), not a token.
 */
export const maxAccessTokenLength = 64 * 1024;

/**
 * Caps on what an error shows of the endpoint's words: enough to act on, short enough for a log
 * line. The access token has no cap but `maxAccessTokenLength`: cutting it would send a token the
 * API rejects.
 */
const shownLength = { error: 100, errorDescription: 500, errorUri: 500, text: 200 } as const;

/** A field of a token error as it may be shown: the sent credentials scrubbed first, then cut short. */
const shown = (value: string, secrets: readonly string[], length: number) => redactSecrets(value, secrets).slice(0, length);

/**
 * The class for a failed token response, decided by status and `error` together: a 401 is always a
 * client-authentication failure (RFC 6749 §5.2), and servers that answer `invalid_request` for an
 * unknown client or a bad scope (some do) are read by their description.
 */
function classify(status: number, code: string | undefined, description: string | undefined) {
  if (status === 401) return InvalidClientError;
  if (code === 'invalid_request' && description !== undefined) {
    // A client that is unknown, has another secret, or is no longer active failed to authenticate.
    if (/client|secret|credential|not ?active|inactive|disabled|locked/i.test(description)) return InvalidClientError;
    if (/scope/i.test(description)) return InvalidScopeError;
  }
  return (code === undefined ? undefined : permanentCodes.get(code)) ?? TokenExchangeError;
}

/** Turns a token endpoint's answer into a token, or throws the typed error it amounts to. */
export function readTokenResponse(
  response: { status: number; headers: Headers },
  text: string,
  tokenUrl: string,
  issuedAt: number,
  defaultLifetimeMs: number,
  /** Credential values that were sent, scrubbed from whatever the endpoint echoed. */
  secrets: readonly string[] = [],
): AccessToken {
  const { status, headers } = response;
  const body = parseJson(text);
  // What the endpoint sent back may echo the credentials anywhere, so every word of it is scrubbed.
  const fail = (error: string, errorDescription: string) =>
    new TokenExchangeError({ error, errorDescription: shown(errorDescription, secrets, shownLength.errorDescription), status, tokenUrl });

  if (status >= 200 && status < 300) {
    const token = stringField(body, 'access_token');
    if (body === undefined) throw fail('invalid_response', 'the token endpoint did not answer with a JSON object');
    if (token === undefined) throw fail('invalid_response', 'the token response has no access_token');
    if (token.length > maxAccessTokenLength) {
      throw fail('invalid_response', `the access_token is ${token.length} characters long, over the ${maxAccessTokenLength} keycard accepts`);
    }
    const type = body.token_type;
    if (type !== undefined && (typeof type !== 'string' || type.toLowerCase() !== 'bearer')) {
      throw fail('unsupported_token_type', `token_type ${JSON.stringify(type)} is not Bearer`);
    }
    const expiresIn = body.expires_in;
    if (expiresIn === undefined || expiresIn === null) {
      return { token, issuedAt, expiresAt: issuedAt + defaultLifetimeMs };
    }
    const seconds = typeof expiresIn === 'string' && expiresIn.trim() !== '' ? Number(expiresIn) : expiresIn;
    // A lifetime too large to count in milliseconds would make the token last forever.
    if (typeof seconds !== 'number' || !Number.isFinite(seconds * 1000) || seconds < 1) {
      throw fail('invalid_response', `expires_in ${JSON.stringify(expiresIn)} is not a positive number of seconds`);
    }
    return { token, issuedAt, expiresAt: issuedAt + seconds * 1000 };
  }

  if (status === 0 || (status >= 300 && status < 400)) {
    throw fail('invalid_response', `the token endpoint redirected (${status || 'opaque redirect'}); token requests do not follow redirects`);
  }

  const code = stringField(body, 'error');
  const described = body?.error_description;
  const said = typeof described === 'string' ? described : body === undefined ? text.trim() : '';
  // Scrubbed before they are cut short, so that no prefix of a secret is left behind.
  const description = shown(said, secrets, body === undefined ? shownLength.text : shownLength.errorDescription) || undefined;
  const uri = stringField(body, 'error_uri');
  const fields = {
    // The code decides the class as sent; what is shown of it is scrubbed like the rest.
    error: code === undefined ? undefined : shown(code, secrets, shownLength.error),
    errorDescription: description,
    errorUri: uri === undefined ? undefined : shown(redactUrl(uri), secrets, shownLength.errorUri),
    status,
    tokenUrl,
  };
  if (status === 429 || status >= 500 || code === 'temporarily_unavailable' || code === 'server_error') {
    const error = new TokenExchangeError({
      ...fields,
      error: fields.error ?? (status === 429 ? 'too_many_requests' : 'server_error'),
      retryAfterMs: retryAfterMs(headers, status),
    });
    transientFailures.add(error);
    throw error;
  }
  const ErrorClass = classify(status, code, description);
  throw new ErrorClass({ ...fields, error: fields.error ?? 'invalid_response' });
}
