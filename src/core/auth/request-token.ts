import pRetry from 'p-retry';
import { ConnectionError, TimeoutError } from '../errors/connection-errors';
import { errorFromAbort } from '../errors/error-from-abort';
import { redactSecrets, redactUrl } from '../errors/redact';
import { type TokenExchangeError } from '../errors/token-exchange-errors';
import { sleep, timeoutSignal } from '../util/abortable';
import { backoffMs, type BackoffSettings } from '../util/backoff';
import { describeCause } from '../util/describe-cause';
import type { AccessToken, TokenContext } from './auth';
import { readTokenResponse, transientFailures } from './read-token-response';

/** How one client-credentials exchange is made. */
export interface TokenRequestSettings {
  tokenUrl: URL;
  scopes: readonly string[];
  authMethod: 'client_secret_basic' | 'client_secret_post';
  tokenParams: Readonly<Record<string, string>>;
  defaultTokenLifetimeMs: number;
  maxRetries: number;
  timeoutMs: number;
  maxRetryAfterMs: number;
}

/**
 * A failure to keep as an error's `cause`: the original, unless a message in its chain repeats a
 * credential (a `fetch` of yours may name the request's headers), then a scrubbed copy of its top.
 */
function shownCause(error: unknown, secrets: readonly string[]): unknown {
  for (let current: unknown = error, depth = 0; depth < 5 && current instanceof Error; depth++, current = current.cause) {
    if (redactSecrets(current.message, secrets) !== current.message) {
      const top = error as Error & { code?: unknown };
      return Object.assign(new Error(redactSecrets(top.message, secrets)), { name: top.name, code: top.code });
    }
  }
  return error;
}

/** 250 ms × 2ⁿ up to 5 s, the upper half of each step random. */
const tokenBackoff: BackoffSettings = { baseMs: 500, maxMs: 5_000, jitter: 'equal' };

/** `application/x-www-form-urlencoded`, which RFC 6749 §2.3.1 requires before Basic encoding. */
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

/**
 * One client-credentials exchange (RFC 6749 §4.4): a form POST, never following redirects, with
 * transient failures (network, 5xx, 429, `temporarily_unavailable`) retried by p-retry within the
 * context's deadline, and permanent OAuth errors thrown at once.
 */
export async function requestToken(
  settings: TokenRequestSettings,
  credentials: { clientId: string; clientSecret: string },
  context: TokenContext,
): Promise<AccessToken> {
  const url = settings.tokenUrl.href;
  // What errors name: a secret in the token URL's query never reaches a message.
  const shownUrl = redactUrl(url);
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (settings.scopes.length > 0) form.set('scope', settings.scopes.join(' '));
  for (const [name, value] of Object.entries(settings.tokenParams)) form.set(name, value);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  // Whatever form the endpoint might echo the secret in: as given, form- or URL-encoded, escaped in
  // JSON, or inside the Basic value of the id-secret pair (as sent, or as other clients encode it).
  const { clientId, clientSecret } = credentials;
  const secrets = [
    clientSecret,
    formEncode(clientSecret),
    encodeURIComponent(clientSecret),
    JSON.stringify(clientSecret).slice(1, -1),
    btoa(`${clientId}:${clientSecret}`),
  ];
  if (settings.authMethod === 'client_secret_basic') {
    const basic = btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`);
    headers.authorization = `Basic ${basic}`;
    secrets.push(basic);
  } else {
    form.set('client_id', credentials.clientId);
    form.set('client_secret', credentials.clientSecret);
  }
  const body = form.toString();

  const attempt = async (): Promise<AccessToken> => {
    const issuedAt = context.now();
    const timeout = timeoutSignal(settings.timeoutMs, () => new TimeoutError(`Token request to ${shownUrl} timed out after ${settings.timeoutMs} ms`));
    let response: Response;
    let text: string;
    try {
      response = await context.fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.any([context.signal, timeout.signal]),
      });
      text = await response.text();
    } catch (error) {
      if (context.signal.aborted) throw errorFromAbort(context.signal.reason);
      const failure = timeout.signal.aborted
        ? (timeout.signal.reason as TimeoutError)
        : new ConnectionError(`Token request to ${shownUrl} failed: ${redactSecrets(describeCause(error), secrets)}`, {
            cause: shownCause(error, secrets),
          });
      transientFailures.add(failure);
      throw failure;
    } finally {
      timeout.clear();
    }
    return readTokenResponse(response, text, shownUrl, issuedAt, settings.defaultTokenLifetimeMs, secrets);
  };

  return pRetry(attempt, {
    retries: settings.maxRetries,
    // p-retry counts and stops; the wait is the package's one backoff formula, below.
    minTimeout: 0,
    maxTimeout: 0,
    signal: context.signal,
    shouldRetry: ({ error }) => transientFailures.has(error),
    onFailedAttempt: async ({ error, retriesLeft, attemptNumber }) => {
      if (!transientFailures.has(error) || retriesLeft === 0) return;
      const wait = (error as TokenExchangeError).retryAfterMs;
      // A wait beyond the limit fails now, with the wait on the error, instead of hanging.
      if (wait !== undefined && wait > settings.maxRetryAfterMs) throw error;
      await sleep(Math.max(wait ?? 0, backoffMs(attemptNumber, tokenBackoff)), context.signal);
    },
  });
}
