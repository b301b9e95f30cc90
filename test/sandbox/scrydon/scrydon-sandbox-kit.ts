import { useSandbox } from '../../helpers/use-sandbox';

/** The in-process sandbox, reset before each test, with raw-HTTP helpers for Scrydon's two hosts. */
export function useScrydonHosts() {
  const { server, sandbox, control } = useSandbox();
  const { scrydon } = sandbox.credentials;
  const { urls } = sandbox;
  const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;

  /** A form POST to an auth endpoint (`token`, `introspect`, `revoke`). */
  const authPost = (endpoint: string, form: Record<string, string>, authorization: string | null = basic(scrydon.clientId, scrydon.clientSecret)) =>
    fetch(`${urls.scrydonAuth}/api/auth/oauth2/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization === null ? {} : { authorization }) },
      body: new URLSearchParams(form),
    });

  /** A token for the default account, or the failed response. */
  const token = async (scope: string = scrydon.scopes.join(' '), secret: string = scrydon.clientSecret): Promise<string> => {
    const response = await authPost('token', { grant_type: 'client_credentials', scope }, basic(scrydon.clientId, secret));
    const body = (await response.json()) as { access_token?: string };
    if (body.access_token === undefined) throw new Error(`no token: ${JSON.stringify(body)}`);
    return body.access_token;
  };

  /** A request to the API host with a bearer token. */
  const api = (path: string, bearer: string | undefined, init: RequestInit = {}) =>
    fetch(`${urls.scrydon}${path}`, {
      ...init,
      headers: { ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }), ...(init.headers as Record<string, string>) },
    });

  return { server, sandbox, urls, control, scrydon, basic, authPost, token, api };
}
