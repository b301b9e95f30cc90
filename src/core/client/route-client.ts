import type { ApiPromise } from './api-promise';
import type { ClientOverrides } from './client-options';
import type { ClientStats, KeycardClient } from './client-types';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
type Untyped = (path: string, init?: object) => ApiPromise<unknown>;
const methods: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** A client and the path prefix it serves; `undefined` serves every other path. */
export type Route<Paths extends {}> = readonly [prefix: string | undefined, client: KeycardClient<Paths>];

function sumStats(clients: readonly KeycardClient<{}>[]): ClientStats {
  const total = { ...clients[0]!.stats } as unknown as Record<string, number>;
  for (const client of clients.slice(1)) {
    for (const [key, value] of Object.entries(client.stats as unknown as Record<string, number>)) total[key] = (total[key] ?? 0) + value;
  }
  return total as unknown as ClientStats;
}

/**
 * One typed client over an API served by several hosts: each call goes to the first client whose
 * prefix its path starts with, else to the one without a prefix. Stats add up over the hosts.
 */
export function routeClient<Paths extends {}>(routes: readonly Route<Paths>[]): KeycardClient<Paths> {
  if (routes.length === 1) return routes[0]![1];
  const fallback = routes.find(([prefix]) => prefix === undefined)?.[1] ?? routes[0]![1];
  const prefixed = routes.filter(([prefix]) => prefix !== undefined) as [string, KeycardClient<Paths>][];
  const route = (name: Method): Untyped => {
    const targets = prefixed.map(([prefix, client]) => [prefix, client[name] as unknown as Untyped] as const);
    const other = fallback[name] as unknown as Untyped;
    return (path, init) => (targets.find(([prefix]) => path.startsWith(prefix))?.[1] ?? other)(path, init);
  };
  const clients = routes.map(([, client]) => client);
  return {
    ...(Object.fromEntries(methods.map((name) => [name, route(name)])) as Pick<KeycardClient<Paths>, Method>),
    baseUrl: routes[0]![1].baseUrl,
    withOptions: (overrides: ClientOverrides) => routeClient(routes.map(([prefix, client]) => [prefix, client.withOptions(overrides)] as const)),
    get stats(): ClientStats {
      return sumStats(clients);
    },
  };
}
