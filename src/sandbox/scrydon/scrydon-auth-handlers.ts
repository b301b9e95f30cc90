import { http, HttpResponse, type HttpHandler } from 'msw';
import { json, tokenEndpoint, type EmulatorContext } from '../emulator-kit';
import { covers, peekToken } from './scrydon-access';
import { scrydonState } from './scrydon-state';

const scopes = ['chat', 'workflows', 'storage', 'knowledge', 'templates', 'tools', 'logs'].flatMap((resource) => [`${resource}:read`, `${resource}:write`]);

/** The client a request to an auth endpoint authenticates as (Basic, or form fields), if its secret is right. */
function authenticatedClient(context: EmulatorContext, request: Request, form: URLSearchParams): string | undefined {
  const basic = /^basic\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  let id = form.get('client_id');
  let secret = form.get('client_secret');
  if (basic !== undefined) {
    try {
      const decoded = atob(basic);
      const colon = decoded.indexOf(':');
      const decode = (part: string) => decodeURIComponent(part.replaceAll('+', ' '));
      [id, secret] = colon < 0 ? [null, null] : [decode(decoded.slice(0, colon)), decode(decoded.slice(colon + 1))];
    } catch {
      return undefined;
    }
  }
  if (id === null || secret === null) return undefined;
  return context.control.oauthClient('scrydon', id)?.secret === secret ? id : undefined;
}

const invalidClient = () => json({ error: 'invalid_client', error_description: 'client authentication failed' }, 401);

/** An OAuth-style 404 for every request matching `pattern`. */
const noEndpoint = (pattern: string) =>
  http.all(pattern, ({ request }) =>
    json({ error: 'invalid_request', error_description: `no such endpoint: ${request.method} ${new URL(request.url).pathname}` }, 404),
  );

/**
 * Where the auth endpoints live on the auth host. Only this part of the host is the auth server's,
 * so that a tenant may serve its API on the same host.
 */
export const scrydonAuthBase = (context: EmulatorContext) => `${context.urls.scrydonAuth}/api/auth`;

/** The rest of the auth host, when it is not the API host too: 404. To be placed after the API's handlers. */
export const scrydonAuthHostFallback = (context: EmulatorContext) => noEndpoint(`${context.urls.scrydonAuth}/*`);

/**
 * The auth endpoints, under `/api/auth/` of the auth host: token endpoint, discovery document,
 * introspection (RFC 7662) and revocation (RFC 7009); any other path there is a 404.
 */
export function scrydonAuthHandlers(context: EmulatorContext): HttpHandler[] {
  const { control } = context;
  const auth = scrydonAuthBase(context);
  const endpoint = (name: string) => `${auth}/oauth2/${name}`;

  return [
    tokenEndpoint({ api: 'scrydon', url: endpoint('token'), control, covers, forbiddenParams: ['resource'] }),

    http.get(`${auth}/.well-known/openid-configuration`, () =>
      json({
        issuer: auth,
        token_endpoint: endpoint('token'),
        introspection_endpoint: endpoint('introspect'),
        revocation_endpoint: endpoint('revoke'),
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: scopes,
        response_types_supported: [],
      }),
    ),

    http.post(endpoint('introspect'), async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      if (authenticatedClient(context, request, form) === undefined) return invalidClient();
      const record = peekToken(control, form.get('token') ?? '');
      if (record === undefined) return json({ active: false });
      return json({
        active: true,
        scope: record.scopes.join(' '),
        client_id: record.clientId,
        sub: record.clientId,
        token_type: 'Bearer',
        exp: Math.floor(record.expiresAt / 1000),
        iat: Math.floor(record.issuedAt / 1000),
        organization_id: scrydonState(control).organizationOf(record.clientId),
      });
    }),

    http.post(endpoint('revoke'), async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const clientId = authenticatedClient(context, request, form);
      if (clientId === undefined) return invalidClient();
      const token = form.get('token') ?? '';
      // Only the owner may revoke a token; anything else is answered alike, as RFC 7009 §2.2 asks.
      if (peekToken(control, token)?.clientId === clientId) scrydonState(control).revoked.add(token);
      return new HttpResponse(null, { status: 200 });
    }),

    noEndpoint(`${auth}/*`),
  ];
}
