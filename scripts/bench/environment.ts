// The BenchEnv of a route on the running sandbox, checked with one plain call.
import { fetchToken } from './hand-written.ts';
import type { ServerProcess } from './server-process.ts';
import { routes, type Route } from './target.ts';
import type { BenchEnv } from './variants.ts';

export async function benchEnv(server: ServerProcess, route: Route = routes.scrydon): Promise<BenchEnv> {
  const { scrydon, ryvion } = server.credentials;
  const auth = {
    tokenUrl: `${server.urls.scrydonAuth}${routes.scrydon.tokenPath}`,
    clientId: scrydon.clientId,
    clientSecret: scrydon.clientSecret,
    scopes: [...scrydon.scopes],
    ...(route.auth === 'key' ? { apiKey: ryvion.apiKey } : {}),
  };
  const authorization = route.auth === 'key' ? `Bearer ${ryvion.apiKey}` : `Bearer ${(await fetchToken(auth)).access_token}`;
  const baseUrl = server.urls[route.api];
  const probe = await fetch(`${baseUrl}${route.path}`, { headers: { authorization } });
  await probe.arrayBuffer();
  if (!probe.ok) throw new Error(`The sandbox answers GET ${route.path} with HTTP ${probe.status}; the bench needs that route`);
  return { baseUrl, path: route.path, auth, authorization };
}
