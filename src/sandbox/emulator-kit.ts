import type { HttpHandler } from 'msw';
import { http, HttpResponse } from './msw-peer';
import type { OAuthApi, SandboxApi, SandboxControl } from './sandbox-control';
import type { SandboxUrls } from './sandbox-urls';

/** What every emulator gets: the URLs of all emulated hosts and the shared state. */
export interface EmulatorContext {
  urls: SandboxUrls;
  control: SandboxControl;
}

/** A JSON response. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as never, { status, headers });

/** The credential a request carries: a bearer token or an X-API-Key value. */
export function credentialOf(request: Request): string | undefined {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) return /^bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() ?? '';
  return request.headers.get('x-api-key') ?? undefined;
}

/** `bytes` random bytes as lower-case hex. */
export const randomHex = (bytes: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A random id with a prefix, in the style most APIs use: `job_1f0c…`, `kb_9a2e…`. */
export const newId = (prefix: string, bytes = 8): string => `${prefix}_${randomHex(bytes)}`;

/**
 * The JSON body of a request: `{ value }`, or `undefined` when it is not JSON. An empty body reads
 * as `emptyAs` when one is given (for APIs whose body is optional), otherwise it is no JSON either.
 */
export async function readJson(request: Request, options: { emptyAs?: unknown } = {}): Promise<{ value: unknown } | undefined> {
  const text = await request.text().catch(() => undefined);
  if (text === undefined) return undefined;
  if (text === '' && 'emptyAs' in options) return { value: options.emptyAs };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Whether a parsed JSON value is an object (not an array, not null). */
export const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON object body of a request, or `undefined` when it is no JSON object. */
export async function jsonObject(request: Request): Promise<Record<string, unknown> | undefined> {
  const body = await readJson(request);
  return body !== undefined && isJsonObject(body.value) ? body.value : undefined;
}

/** What every step of a route reads from the request. */
export interface RouteCall {
  request: Request;
  /** Path parameters: `{ orgId: 'org_1' }` for `/v1/orgs/:orgId`. */
  params: Record<string, string>;
  url: URL;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * One endpoint of an emulated API, checked in the order the real APIs check a request: who calls
 * (`authenticate`: the caller, or the 401 to answer), whether that caller may make this request
 * (`authorize`: what the handler needs, e.g. the environment in scope, or the 403/404 to answer),
 * then the answer (`handle`). An API builds its routes from its own `authenticate` and `authorize`.
 */
export interface RouteSpec<Caller, Grant> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** URL pattern, host included: `${base}/v1/orgs/:orgId`. */
  path: string;
  /** Who calls, or the answer that refuses the request. @default anyone (a public endpoint) */
  authenticate?: (call: RouteCall) => MaybePromise<Caller | Response>;
  /** What the caller may do here, or the answer that refuses the request. @default allowed */
  authorize?: (call: RouteCall & { caller: Passed<Caller> }) => MaybePromise<Grant | Response>;
  handle: (call: RouteCall & { caller: Passed<Caller>; grant: Passed<Grant> }) => MaybePromise<Response>;
}

/** What a step hands on: its result without the answers that end the request (msw's `HttpResponse` too). */
type Passed<T> = Exclude<T, Response>;

/** An msw handler that runs a request through `authenticate`, `authorize` and `handle` (see `RouteSpec`). */
export function route<Caller = undefined, Grant = undefined>(spec: RouteSpec<Caller, Grant>): HttpHandler {
  return http[spec.method](spec.path, async ({ request, params }) => {
    const call: RouteCall = { request, params: params as Record<string, string>, url: new URL(request.url) };
    const caller = spec.authenticate === undefined ? undefined : await spec.authenticate(call);
    if (caller instanceof Response) return caller;
    const grant = spec.authorize === undefined ? undefined : await spec.authorize({ ...call, caller: caller as Passed<Caller> });
    if (grant instanceof Response) return grant;
    return spec.handle({ ...call, caller: caller as Passed<Caller>, grant: grant as Passed<Grant> });
  });
}

/**
 * The state an emulator keeps beside the shared control (records, jobs, limits): made by `create`
 * on first use in a sandbox, and afresh after `control.reset()`. Every emulator exports its state
 * through one of these.
 */
export const emulatorState =
  <State>(name: string, create: (control: SandboxControl) => State) =>
  (control: SandboxControl): State =>
    control.scoped(name, () => create(control));

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
export function clientCredentialsOf(request: Request, form: URLSearchParams): { clientId: string; secret: string } | undefined {
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
