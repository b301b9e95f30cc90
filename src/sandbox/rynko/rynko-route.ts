import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../msw-peer';
import { jsonObject, route as pipelineRoute } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';
import { rynkoState, type RynkoSandboxState } from './rynko-state';

/** A bearer value that is JSON Web Token shaped: three base64url parts. */
const jwtShaped = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** A permission a route needs. Writing implies reading: `templates:write` grants `templates:read`, `documents:generate` grants `documents:read`. */
export type RynkoPermission = 'documents:generate' | 'documents:read' | 'templates:read' | 'templates:write' | 'webhooks:read' | 'webhooks:write';

const implied: Record<string, RynkoPermission> = {
  'templates:write': 'templates:read',
  'documents:generate': 'documents:read',
  'webhooks:write': 'webhooks:read',
};

/** The per-endpoint limit a route counts against, besides the key's overall one. */
export type RynkoEndpointLimit = 'generate' | 'batch' | 'jobs' | 'templates';

/** Each endpoint limit's setting in the state, its code past the limit, and what the message calls it. */
const endpointLimits: Record<RynkoEndpointLimit, { setting: keyof RynkoSandboxState; code: string; what: string }> = {
  generate: { setting: 'generationsPerMinute', code: 'ERR_QUOTA_003', what: 'Generation' },
  batch: { setting: 'batchesPerMinute', code: 'ERR_QUOTA_003', what: 'Batch generation' },
  jobs: { setting: 'jobsPerMinute', code: 'ERR_QUOTA_002', what: 'Job' },
  templates: { setting: 'templatesPerMinute', code: 'ERR_QUOTA_002', what: 'Template' },
};

export interface FieldError {
  field: string;
  message: string;
}

/** Optional parts of an error body. */
export interface FailureDetails {
  /** Field-level problems, sent as `relatedInfo.errors`. */
  errors?: FieldError[];
  /** Seconds to wait, sent as `retryAfter` on 429s. */
  retryAfter?: number;
}

/** What a route's handler gets once the key passed and the rate limit allowed the request. */
export interface RouteContext {
  request: Request;
  params: Record<string, string>;
  url: URL;
  /** The API key the request carried. */
  key: string;
  state: RynkoSandboxState;
  /** Sandbox time of the request. */
  now: number;
  /** A response with the rate-limit and request-id headers; `undefined` body for 204. */
  reply: (body: unknown, status?: number) => Response;
  /** An error response in Rynko's shape; `undefined` code where Rynko publishes none. */
  fail: (status: number, code: string | undefined, message: string, details?: FailureDetails) => Response;
  /** Counts one more request against an endpoint limit (a job retry is a generation); a 429 when exceeded. */
  limit: (endpoint: RynkoEndpointLimit) => Response | undefined;
  /** The request's JSON object body, or the 400 `ERR_VALID_001` to answer with. */
  jsonBody: () => Promise<Record<string, unknown> | Response>;
}

type Method = 'get' | 'post' | 'patch' | 'delete';

let sequence = 0;
const requestId = () => `req_${(++sequence).toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;

/** The bucket a request counts against: its bearer value, or one shared by requests without one. */
const presentedKey = (request: Request) => /^Bearer\s+(\S+)/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? 'anonymous';

/** The code and message of an injected fault's body, per status. */
const faultCodes: Record<number, [code: string, message: string]> = {
  400: ['ERR_VALID_001', 'Validation failed'],
  401: ['ERR_AUTH_004', 'Invalid, expired or revoked API key'],
  403: ['ERR_AUTH_005', 'API key lacks the required permission'],
  404: ['ERR_DOC_001', 'Document job not found'],
  422: ['ERR_VALID_001', 'Validation failed'],
  429: ['ERR_QUOTA_002', 'Rate limit exceeded'],
};

/** Fixed one-minute windows on the sandbox clock, per bucket; `cost` 0 reads a window without counting. */
function take(state: RynkoSandboxState, bucket: string, limit: number, now: number, cost = 1) {
  const start = Math.floor(now / 60_000) * 60_000;
  let window = state.windows.get(bucket);
  if (window === undefined || window.start !== start) {
    window = { start, count: 0 };
    state.windows.set(bucket, window);
  }
  window.count += cost;
  const reset = (start + 60_000) / 1000;
  return {
    exceeded: window.count > limit,
    retryAfter: Math.max(1, Math.ceil(reset - now / 1000)),
    headers: {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - window.count)),
      'x-ratelimit-reset': String(reset),
    },
  };
}

/** Builds the routes of the API host at `base`, sharing auth, rate limits and error bodies. */
export function rynkoRoutes(base: string, control: SandboxControl) {
  const basePath = new URL(base).pathname.replace(/\/$/, '');
  const pathOf = (request: Request) => new URL(request.url).pathname.slice(basePath.length) || '/';

  /**
   * Rynko's error body; without a code where Rynko sends none (NestJS's own 404s). The code is in
   * `code` as Rynko's docs show, or in `error` (as its SDKs read it) when the state asks.
   */
  const errorBody = (request: Request, now: number, status: number, code: string | undefined, message: string, details: FailureDetails = {}) => ({
    statusCode: status,
    ...(code === undefined ? {} : { [rynkoState(control).errorCodeField]: code }),
    message,
    timestamp: new Date(now).toISOString(),
    path: pathOf(request),
    ...(details.errors ? { relatedInfo: { errors: details.errors } } : {}),
    ...(details.retryAfter === undefined ? {} : { retryAfter: details.retryAfter }),
  });

  function respondWith(request: Request, now: number, headers: Record<string, string>) {
    const all = { ...headers, 'x-request-id': requestId() };
    const reply = (body: unknown, status = 200): Response =>
      body === undefined ? new HttpResponse(null, { status, headers: all }) : HttpResponse.json(body as never, { status, headers: all });
    const fail = (status: number, code: string | undefined, message: string, details: FailureDetails = {}): Response => {
      if (status === 401) control.counts('rynko').rejected += 1;
      return reply(errorBody(request, now, status, code, message, details), status);
    };
    return { reply, fail };
  }

  /** The key on the request, or the 401 that refuses it. */
  function authenticate(request: Request, fail: RouteContext['fail']): string | Response {
    const header = request.headers.get('authorization');
    if (header === null) return fail(401, 'ERR_AUTH_001', 'Authorization header is missing');
    const key = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (key === undefined) return fail(401, 'ERR_AUTH_001', 'Authorization header must be "Bearer <API key>"');
    if (jwtShaped.test(key)) return rynkoState(control).dashboardSessions.has(key) ? key : fail(401, 'ERR_AUTH_004', 'Invalid, expired or revoked token');
    if (!/^fm_[\w-]{4,}$/.test(key)) return fail(401, 'ERR_AKEY_002', 'Invalid API key format');
    const record = control.key('rynko', key);
    if (record === undefined || record.status === 'revoked') return fail(401, 'ERR_AUTH_004', 'Invalid, expired or revoked API key');
    if (record.status === 'deactivated') return fail(401, 'ERR_AKEY_003', 'API key has been deactivated');
    if (control.keyExpired(record)) return fail(401, 'ERR_AUTH_004', 'API key has expired');
    return key;
  }

  /** Whether the key holds `permission`, itself or through a permission that implies it. */
  const holds = (key: string, permission: RynkoPermission) =>
    rynkoState(control).dashboardSessions.has(key) ||
    control.key('rynko', key)!.permissions.some((held) => held === permission || implied[held] === permission);

  /** Counts a request against an endpoint's own window: its headers replace the overall ones; a 429 past it. */
  function limitEndpoint(endpoint: RynkoEndpointLimit, request: Request, key: string, state: RynkoSandboxState, now: number) {
    const { setting, code, what } = endpointLimits[endpoint];
    const perMinute = state[setting] as number;
    const window = take(state, `${endpoint}:${key}`, perMinute, now);
    const responder = respondWith(request, now, window.headers);
    if (!window.exceeded) return { responder };
    const refusal = responder.fail(429, code, `${what} limit of ${perMinute} requests per minute exceeded`, { retryAfter: window.retryAfter });
    return { responder, refusal };
  }

  /**
   * One route on the sandbox's pipeline: the key's overall window counts every request (its headers
   * go on every answer), then the key (401), its permission (403) and the window (429), then the
   * endpoint's own window (`endpointLimit`, whose headers then go on the answer), then `handle`.
   */
  function route(
    method: Method,
    path: string,
    permission: RynkoPermission | undefined,
    handle: (context: RouteContext) => Response | Promise<Response>,
    endpointLimit?: RynkoEndpointLimit,
  ): HttpHandler {
    return pipelineRoute({
      method,
      path: `${base}${path}`,
      authenticate: ({ request }) => {
        const state = rynkoState(control);
        const now = control.now();
        const limit = take(state, `all:${presentedKey(request)}`, state.requestsPerMinute, now);
        const responder = respondWith(request, now, limit.headers);
        const key = authenticate(request, responder.fail);
        return key instanceof Response ? key : { key, state, now, limit, responder };
      },
      authorize: ({ request, caller: { key, state, now, limit, responder } }) => {
        if (permission !== undefined && !holds(key, permission)) return responder.fail(403, 'ERR_AUTH_005', `API key lacks the ${permission} permission`);
        if (limit.exceeded) {
          return responder.fail(429, 'ERR_QUOTA_002', `Rate limit of ${state.requestsPerMinute} requests per minute exceeded`, { retryAfter: limit.retryAfter });
        }
        if (endpointLimit === undefined) return responder;
        const endpoint = limitEndpoint(endpointLimit, request, key, state, now);
        return endpoint.refusal ?? endpoint.responder;
      },
      handle: ({ request, params, url, caller: { key, state, now }, grant }) => {
        let { reply, fail } = grant;
        const limit = (endpoint: RynkoEndpointLimit) => {
          const counted = limitEndpoint(endpoint, request, key, state, now);
          ({ reply, fail } = counted.responder);
          return counted.refusal;
        };
        const jsonBody = async () => (await jsonObject(request)) ?? fail(400, 'ERR_VALID_001', 'Request body must be a JSON object');
        return handle({
          request,
          params,
          url,
          key,
          state,
          now,
          reply: (body, status) => reply(body, status),
          fail: (status, code, message, details) => fail(status, code, message, details),
          limit,
          jsonBody,
        });
      },
    });
  }

  /** Unknown paths answer as NestJS does: 404 without a code (still counted against the rate limit). */
  const notFound = http.all(`${base}/*`, ({ request }) => {
    const now = control.now();
    const state = rynkoState(control);
    const limit = take(state, `all:${presentedKey(request)}`, state.requestsPerMinute, now);
    const body = errorBody(request, now, 404, undefined, `Cannot ${request.method} ${pathOf(request)}`);
    return respondWith(request, now, limit.headers).reply(body, 404);
  });

  /** How the API host answers an injected fault (see `guard`): Rynko's error body, and the headers of every Rynko response. */
  const faults = {
    errorBody: (status: number, request: Request) => {
      const [code, message] = faultCodes[status] ?? [undefined, status >= 500 ? 'Internal server error' : 'Request failed'];
      return errorBody(request, control.now(), status, code, message, status === 429 ? { retryAfter: 1 } : {});
    },
    /** The key's rate-limit window, not counted against (none left on a 429), and a request id. */
    faultHeaders: (status: number, request: Request): Record<string, string> => {
      const state = rynkoState(control);
      const { headers } = take(state, `all:${presentedKey(request)}`, state.requestsPerMinute, control.now(), 0);
      return { ...headers, ...(status === 429 ? { 'x-ratelimit-remaining': '0' } : {}), 'x-request-id': requestId() };
    },
  };

  return { route, notFound, faults };
}
