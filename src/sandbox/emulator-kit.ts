import { http, HttpResponse, type HttpHandler } from 'msw';
import type { OAuthApi, SandboxApi, SandboxControl } from './sandbox-control';

/** What every emulator gets: the URLs of all emulated hosts and the shared state. */
export interface EmulatorContext {
  urls: import('./sandbox-urls').SandboxUrls;
  control: SandboxControl;
}

/** An emulated API: msw handlers built for the given URLs. */
export type Emulator = (context: EmulatorContext) => HttpHandler[];

/** A JSON response. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as never, { status, headers });

/** The credential a request carries: a bearer token or an X-API-Key value. */
export function credentialOf(request: Request): string | undefined {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) return /^bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() ?? '';
  return request.headers.get('x-api-key') ?? undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The first handler of every emulated host: counts the request and the credential it carries, and
 * answers with an injected fault (after any injected latency) when one applies, in the API's own
 * shape: its error body and the headers it sends on every response. Otherwise it lets the API's own
 * handlers answer.
 */
export function guard(options: {
  api: SandboxApi;
  base: string;
  control: SandboxControl;
  /** The API's own error body for an injected status. */
  errorBody: (status: number, request: Request) => unknown;
  /** Headers the API sends on every response, for an injected fault's answer (the fault's own `headers` win). */
  faultHeaders?: (status: number, request: Request, body: unknown) => Record<string, string>;
  /** This host is a token endpoint: token faults apply, token requests are not counted as API requests. */
  tokenHost?: boolean;
}): HttpHandler {
  const { api, base, control } = options;
  return http.all(`${base}/*`, async ({ request }) => {
    const tokenHost = options.tokenHost ?? false;
    if (!tokenHost) control.countRequest(api, credentialOf(request));
    const fault = control.takeFault(api, new URL(request.url).pathname, tokenHost);
    if (fault === undefined) return undefined;
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.status === undefined) return undefined;
    if (fault.status === 401) control.counts(api).rejected += 1;
    const body = fault.body ?? options.errorBody(fault.status, request);
    return json(body, fault.status, { ...options.faultHeaders?.(fault.status, request, body), ...fault.headers });
  });
}

/** Reads client credentials from HTTP Basic (form-encoded parts, RFC 6749 §2.3.1) or from the form. */
function clientCredentialsOf(request: Request, form: URLSearchParams): { clientId: string; secret: string } | undefined {
  const basic = /^basic\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (basic !== undefined) {
    let decoded: string;
    try {
      decoded = atob(basic);
    } catch {
      return undefined;
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const decode = (part: string) => decodeURIComponent(part.replaceAll('+', ' '));
    return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  }
  const clientId = form.get('client_id');
  const secret = form.get('client_secret');
  return clientId !== null && secret !== null ? { clientId, secret } : undefined;
}

/** Why a token request failed, for an API to phrase in its own way. */
export type TokenFailure = 'invalid_request' | 'unsupported_grant_type' | 'invalid_client' | 'disabled' | 'invalid_scope';

/**
 * An OAuth 2 client-credentials token endpoint (RFC 6749 §4.4) on the sandbox's accounts: Basic or
 * form client authentication, grant type, requested scopes against the granted ones, disabled
 * accounts, and opaque tokens with the API's current lifetime.
 */
export function tokenEndpoint(options: {
  api: OAuthApi;
  url: string;
  control: SandboxControl;
  /** Whether the granted scopes cover a requested one. @default exact match */
  covers?: (granted: readonly string[], requested: string) => boolean;
  /** Form parameters the endpoint refuses. */
  forbiddenParams?: readonly string[];
  /** The API's answer to a failure. @default RFC 6749 bodies, 401 for client failures */
  failure?: (kind: TokenFailure, description: string) => Response;
}): HttpHandler {
  const { api, control } = options;
  const covers = options.covers ?? ((granted, requested) => granted.includes(requested));
  const fail =
    options.failure ??
    ((kind: TokenFailure, description: string) => {
      const error = kind === 'disabled' ? 'invalid_client' : kind;
      return json({ error, error_description: description }, kind === 'invalid_client' || kind === 'disabled' ? 401 : 400);
    });

  return http.post(options.url, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    for (const name of options.forbiddenParams ?? []) {
      if (form.has(name)) return fail('invalid_request', `the ${name} parameter is not supported`);
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return fail('unsupported_grant_type', `grant type ${JSON.stringify(form.get('grant_type'))} is not supported`);
    }
    const presented = clientCredentialsOf(request, form);
    const client = presented === undefined ? undefined : control.oauthClient(api, presented.clientId);
    if (presented === undefined || client === undefined) return fail('invalid_client', 'client not found');
    if (client.secret !== presented.secret) return fail('invalid_client', 'client authentication failed');
    if (client.disabled) return fail('disabled', 'client is disabled');
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const missing = requested.filter((scope) => !covers(client.scopes, scope));
    if (missing.length > 0) return fail('invalid_scope', `scope not granted: ${missing.join(' ')}`);
    const scopes = requested.length > 0 ? requested : client.scopes;
    const { token, expiresIn } = control.issueToken(api, presented.clientId, scopes);
    return json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn, ...(scopes.length ? { scope: scopes.join(' ') } : {}) }, 200, {
      'cache-control': 'no-store',
    });
  });
}
