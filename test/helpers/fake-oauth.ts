import { http, HttpResponse, type HttpHandler } from 'msw';

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
}

/**
 * An OAuth token endpoint and a protected API on msw, sharing a clock (`Date.now`, fakeable).
 * The API answers 401 to unknown or expired tokens and records every token it was sent.
 */
export function fakeOAuth(options: FakeOAuthOptions = {}) {
  const state = {
    lifetimeSeconds: options.lifetimeSeconds ?? 3600,
    exchanges: 0,
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
    const token = `tok-${state.exchanges}`;
    state.tokens.set(token, Date.now() + state.lifetimeSeconds * 1000);
    return HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: state.lifetimeSeconds });
  };

  const tokenHandler = http.post(tokenUrl, async ({ request }) => {
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
  });

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

  const apiHandlers: HttpHandler[] = [
    http.get(`${apiUrl}/things`, ({ request }) => check(request) ?? HttpResponse.json({ items: [{ id: '1', name: 'one' }] })),
    http.get(`${apiUrl}/things/:id`, ({ request, params }) => check(request) ?? HttpResponse.json({ id: String(params.id), name: 'thing' })),
    http.post(`${apiUrl}/things`, async ({ request }) => {
      const denied = check(request);
      const body = await request.text();
      state.bodies.push(body);
      return denied ?? HttpResponse.json({ id: '2', ...JSON.parse(body) }, { status: 201 });
    }),
  ];

  return {
    state,
    handlers: [tokenHandler, ...apiHandlers],
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
