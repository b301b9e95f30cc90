import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { jwtShapedToken } from '../../src/sandbox/jwt-shaped-token';

export const tokenUrl = 'https://auth.example.com/oauth/token';
export const apiUrl = 'https://api.example.com';
export const clientId = 'client-id';
export const clientSecret = 'client-secret-9f8e7d';

export interface TokenRequest {
  authorization: string | null;
  form: URLSearchParams;
  /** When it arrived (Date.now). */
  at: number;
}

export interface FakeOAuthOptions {
  lifetimeSeconds?: number | undefined;
  /** Answers a token request instead of issuing a token (to inject failures); undefined issues one. */
  respond?: (request: TokenRequest, attempt: number) => Response | undefined | Promise<Response | undefined>;
  secrets?: () => string;
  /** Issue JWT-shaped tokens of this many characters, as identity providers do; default `tok-1`, `tok-2`, … */
  tokenLength?: number | undefined;
}

/**
 * An OAuth token endpoint and a protected API on msw, sharing a clock (`Date.now`, fakeable).
 * The API answers 401 to unknown or expired tokens and records every token it was sent.
 */
export function fakeOAuth(options: FakeOAuthOptions = {}) {
  const state = {
    lifetimeSeconds: options.lifetimeSeconds ?? 3600,
    exchanges: 0,
    /** Every token issued, in order. */
    issued: [] as string[],
    tokenRequests: [] as TokenRequest[],
    tokens: new Map<string, number>(),
    /** Every authorization header the API saw, in order. */
    sent: [] as string[],
    /** API requests that carried a token already past its expiry. */
    expiredUses: 0,
    bodies: [] as string[],
  };

  const issue = () => {
    state.exchanges += 1;
    const expiresAt = Date.now() + state.lifetimeSeconds * 1000;
    const token =
      options.tokenLength === undefined
        ? `tok-${state.exchanges}`
        : jwtShapedToken({ issuer: new URL(tokenUrl).origin, subject: clientId, scopes: [], issuedAt: Date.now(), expiresAt }, options.tokenLength);
    state.issued.push(token);
    state.tokens.set(token, expiresAt);
    return HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: state.lifetimeSeconds });
  };

  const answerToken = async (request: Request) => {
    const form = new URLSearchParams(await request.text());
    const tokenRequest = { authorization: request.headers.get('authorization'), form, at: Date.now() };
    state.tokenRequests.push(tokenRequest);
    const injected = await options.respond?.(tokenRequest, state.tokenRequests.length);
    if (injected !== undefined) return injected;
    const expected = `Basic ${btoa(`${clientId}:${options.secrets?.() ?? clientSecret}`)}`;
    if (tokenRequest.authorization !== expected) {
      return HttpResponse.json({ error: 'invalid_client', error_description: 'client authentication failed' }, { status: 401 });
    }
    return issue();
  };
  const tokenHandler = http.post(tokenUrl, ({ request }) => answerToken(request));

  /** 401 for a missing, unknown or expired token; undefined when the request may proceed. */
  const check = (request: Request): Response | undefined => {
    const authorization = request.headers.get('authorization') ?? '';
    state.sent.push(authorization);
    const token = authorization.replace(/^Bearer /, '');
    const expiresAt = state.tokens.get(token);
    if (expiresAt === undefined) return HttpResponse.json({ code: 'invalid_token', message: 'unknown token' }, { status: 401 });
    if (Date.now() >= expiresAt) {
      state.expiredUses += 1;
      return HttpResponse.json({ code: 'invalid_token', message: 'token expired' }, { status: 401 });
    }
    return undefined;
  };

  const listThings = (request: Request) => check(request) ?? HttpResponse.json({ items: [{ id: '1', name: 'one' }] });
  const apiHandlers: HttpHandler[] = [
    http.get(`${apiUrl}/things`, ({ request }) => listThings(request)),
    http.get(`${apiUrl}/things/:id`, ({ request, params }) => check(request) ?? HttpResponse.json({ id: String(params.id), name: 'thing' })),
    http.post(`${apiUrl}/things`, async ({ request }) => {
      const denied = check(request);
      const body = await request.text();
      state.bodies.push(body);
      return denied ?? HttpResponse.json({ id: '2', ...JSON.parse(body) }, { status: 201 });
    }),
  ];

  const handlers = [tokenHandler, ...apiHandlers];
  return {
    state,
    handlers,
    /**
     * The same endpoints as a `fetch` function, answered without msw intercepting the request: for
     * tests that send thousands of requests, where interception costs milliseconds each.
     */
    fetch: async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      // The two endpoints traffic goes to are answered directly: msw's matching costs as much as the call.
      if (request.method === 'GET' && request.url === `${apiUrl}/things`) return listThings(request);
      if (request.method === 'POST' && request.url === tokenUrl) return answerToken(request);
      return (await getResponse(handlers, request)) ?? HttpResponse.json({ message: 'no such endpoint' }, { status: 404 });
    },
    tokenHandler,
    check,
    /** Makes the API reject a token as if it had been revoked. */
    revoke: (token: string) => state.tokens.delete(token),
  };
}

/**
 * Serves `GET /things` on `server` to any credential, answering `{ items: [] }`; returns the
 * Authorization header of every request, in order.
 */
export function recordingThingsApi(server: { use: (...handlers: HttpHandler[]) => void }) {
  const sent: (string | null)[] = [];
  server.use(
    http.get(`${apiUrl}/things`, ({ request }) => {
      sent.push(request.headers.get('authorization'));
      return HttpResponse.json({ items: [] });
    }),
  );
  return sent;
}
