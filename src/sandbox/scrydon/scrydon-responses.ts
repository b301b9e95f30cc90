import { json, newId } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';


/** A JSON answer of the API host, with the request id every answer carries. */
export function reply(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return json(body, status, { 'x-request-id': newId('req'), ...headers });
}

/** Scrydon's error body: `{code, message, requestId, details?}`, the request id also in `x-request-id`. */
export function scrydonError(status: number, code: string, message: string, details?: Record<string, string>, headers: Record<string, string> = {}): Response {
  const requestId = newId('req');
  return json({ code, message, requestId, ...(details ? { details } : {}) }, status, { 'x-request-id': requestId, ...headers });
}

/** A 401, counted as rejected, with the bearer challenge of RFC 6750 §3. */
export function unauthorized(control: SandboxControl, code: 'UNAUTHORIZED' | 'INVALID_TOKEN', message: string): Response {
  control.counts('scrydon').rejected += 1;
  const challenge = code === 'UNAUTHORIZED' ? 'Bearer realm="scrydon"' : `Bearer realm="scrydon", error="invalid_token", error_description="${message}"`;
  return scrydonError(401, code, message, undefined, { 'www-authenticate': challenge });
}

const codeForStatus: Record<number, [string, string]> = {
  400: ['VALIDATION_ERROR', 'The request is invalid'],
  401: ['INVALID_TOKEN', 'The access token is invalid or has expired'],
  403: ['INSUFFICIENT_SCOPE', 'The access token lacks the scope this endpoint needs'],
  404: ['NOT_FOUND', 'Not found'],
  429: ['RATE_LIMITED', 'Too many requests'],
};

/** The body of an injected fault on the API host. */
export function scrydonErrorBody(status: number): unknown {
  const [code, message] = codeForStatus[status] ?? (status >= 500 ? ['INTERNAL_ERROR', 'Internal server error'] : ['ERROR', `HTTP ${status}`]);
  return { code, message, requestId: newId('req') };
}

/** The body of an injected fault on the auth host, in RFC 6749 §5.2 form. */
export function oauthErrorBody(status: number): unknown {
  if (status === 401) return { error: 'invalid_client', error_description: 'client authentication failed' };
  if (status === 429 || status === 503) return { error: 'temporarily_unavailable', error_description: 'try again later' };
  if (status >= 500) return { error: 'server_error', error_description: 'internal error' };
  return { error: 'invalid_request', error_description: `HTTP ${status}` };
}
