import { ConnectionError } from '../errors/connection-errors';
import { stripCredentials } from './origin-guard';

/**
 * The request for the next hop of a redirect, following fetch's rules (303, and 301/302 after a
 * POST, become a GET without body), with every credential header removed when the hop leaves the
 * API's origin. `request` is ky's unsent copy, so a 307/308 resends the body intact. `shown` names
 * the request in errors (method and redacted URL).
 */
export function redirectRequest(request: Request, status: number, location: string, apiOrigin: string, shown: string): Request {
  let target: URL;
  try {
    target = new URL(location, request.url);
  } catch {
    throw new ConnectionError(`${shown} redirected to an invalid location`);
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new ConnectionError(`${shown} redirected to a ${target.protocol} URL`);
  }
  const headers = new Headers(request.headers);
  if (target.origin !== apiOrigin) stripCredentials(headers);
  const toGet = status === 303 ? request.method !== 'HEAD' : (status === 301 || status === 302) && request.method === 'POST';
  if (toGet) {
    for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) {
      headers.delete(name);
    }
  }
  const init: RequestInit & { duplex?: 'half' } = { method: toGet ? 'GET' : request.method, headers, signal: request.signal, redirect: 'manual' };
  if (!toGet && request.body !== null) {
    // A stream body needs `duplex` to be sent again.
    init.body = request.body;
    init.duplex = 'half';
  }
  return new Request(target, init);
}
