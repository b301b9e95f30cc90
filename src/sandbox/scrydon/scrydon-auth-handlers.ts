import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../msw-peer';
import { clientCredentialsOf, json, route, tokenEndpoint, type EmulatorContext } from '../emulator-kit';
import { covers, peekToken } from './scrydon-access';
import { scrydonState } from './scrydon-state';

const scopes = ['chat', 'workflows', 'storage', 'knowledge', 'templates', 'tools', 'logs'].flatMap((resource) => [`${resource}:read`, `${resource}:write`]);

const invalidClient = () => json({ error: 'invalid_client', error_description: 'client authentication failed' }, 401);

/**
 * The client a request to the introspection or revocation endpoint authenticates as (Basic, or
 * form fields), with the form it sent; a wrong or missing secret is RFC 6749's `invalid_client`.
 */
async function authenticateClient(context: EmulatorContext, request: Request): Promise<{ clientId: string; form: URLSearchParams } | Response> {
  const form = new URLSearchParams(await request.text());
  const presented = clientCredentialsOf(request, form);
  if (presented === undefined || context.control.oauthClient('scrydon', presented.clientId)?.secret !== presented.secret) return invalidClient();
  return { clientId: presented.clientId, form };
}

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

    route({
      method: 'get',
      path: `${auth}/.well-known/openid-configuration`,
      handle: () =>
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
    }),

    route({
      method: 'post',
      path: endpoint('introspect'),
      authenticate: ({ request }) => authenticateClient(context, request),
      handle: ({ caller: { form } }) => {
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
      },
    }),

    route({
      method: 'post',
      path: endpoint('revoke'),
      authenticate: ({ request }) => authenticateClient(context, request),
      handle: ({ caller: { clientId, form } }) => {
        const token = form.get('token') ?? '';
        // Only the owner may revoke a token; anything else is answered alike, as RFC 7009 §2.2 asks.
        if (peekToken(control, token)?.clientId === clientId) scrydonState(control).revoked.add(token);
        return new HttpResponse(null, { status: 200 });
      },
    }),

    noEndpoint(`${auth}/*`),
  ];
}
