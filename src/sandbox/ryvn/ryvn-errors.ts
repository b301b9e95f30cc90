import { json, newId } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';

/** The error code Ryvn's modeled error body carries for a status (see openapi/ryvn.yaml). */
export function ryvnCodeFor(status: number): string {
  if (status === 400) return 'invalid_argument';
  if (status === 401) return 'invalid_token';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status === 409) return 'already_exists';
  if (status === 429) return 'rate_limited';
  if (status === 500) return 'internal';
  return status > 500 ? 'unavailable' : 'invalid_argument';
}

const requestId = () => newId('req');

/** The body Ryvn's API fails with: `{code, message, requestId}`. */
export function ryvnErrorBody(status: number, message = `request failed with status ${status}`, code = ryvnCodeFor(status)) {
  return { code, message, requestId: requestId() };
}

/** A failed API response, with the request id also in `X-Request-Id`. */
export function ryvnError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  const body = ryvnErrorBody(status, message, code);
  return json(body, status, { 'x-request-id': body.requestId, ...headers });
}

/** A 401, counted as a rejected request. */
export function unauthorized(control: SandboxControl, code: 'unauthenticated' | 'invalid_token', message: string): Response {
  control.counts('ryvn').rejected += 1;
  // RFC 6750 §3.1: a request without credentials gets the bare challenge, without an error code.
  const challenge = code === 'unauthenticated' ? 'Bearer realm="ryvn"' : `Bearer realm="ryvn", error="invalid_token", error_description="${message}"`;
  return ryvnError(401, code, message, { 'www-authenticate': challenge });
}
