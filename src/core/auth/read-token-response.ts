import {
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  TokenExchangeError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
} from '../errors/token-exchange-errors';
import { redactSecrets } from '../errors/redact';
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
  return typeof value === 'string' && value !== '' ? value.slice(0, 500) : undefined;
};

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
  const fail = (error: string, errorDescription: string) =>
    new TokenExchangeError({ error, errorDescription, status, tokenUrl });

  if (status >= 200 && status < 300) {
    const token = stringField(body, 'access_token');
    if (body === undefined) throw fail('invalid_response', 'the token endpoint did not answer with a JSON object');
    if (token === undefined) throw fail('invalid_response', 'the token response has no access_token');
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
  // Scrubbed before it is cut short, so that no prefix of a secret is left behind.
  const description = redactSecrets(said, secrets).slice(0, body === undefined ? 200 : 500) || undefined;
  if (status === 429 || status >= 500 || code === 'temporarily_unavailable' || code === 'server_error') {
    const error = new TokenExchangeError({
      error: code ?? (status === 429 ? 'too_many_requests' : 'server_error'),
      errorDescription: description,
      status,
      tokenUrl,
      retryAfterMs: retryAfterMs(headers, status),
    });
    transientFailures.add(error);
    throw error;
  }
  const ErrorClass = classify(status, code, description);
  throw new ErrorClass({ error: code ?? 'invalid_response', errorDescription: description, status, tokenUrl });
}
