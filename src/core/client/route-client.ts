import type { ApiPromise } from './api-promise';
import type { ClientOverrides } from './client-options';
import { clientMethods, type ClientMethodName, type ClientStats, type KeycardClient } from './client-types';

type Untyped = (path: string, init?: object) => ApiPromise<unknown>;

/** A client and the path prefix it serves; `undefined` serves every other path. */
export type Route<Paths extends {}> = readonly [prefix: string | undefined, client: KeycardClient<Paths>];

/**
 * One typed client over an API served by several hosts: each call goes to the first client whose
 * prefix its path starts with, else to the one without a prefix. Stats add up over the hosts.
 */
export function routeClient<Paths extends {}>(routes: readonly Route<Paths>[]): KeycardClient<Paths> {
  if (routes.length === 1) return routes[0]![1];
  const fallback = (routes.find(([prefix]) => prefix === undefined) ?? routes[0]!)[1];
  const clientOf = (path: string) => routes.find(([prefix]) => prefix !== undefined && path.startsWith(prefix))?.[1] ?? fallback;
  const clients = routes.map(([, client]) => client);
  return {
    ...(Object.fromEntries(clientMethods.map((name) => [name, ((path, init) => (clientOf(path)[name] as unknown as Untyped)(path, init)) satisfies Untyped])) as Pick<
      KeycardClient<Paths>,
      ClientMethodName
    >),
    baseUrl: clients[0]!.baseUrl,
    withOptions: (overrides: ClientOverrides) => routeClient(routes.map(([prefix, client]) => [prefix, client.withOptions(overrides)] as const)),
    get stats(): ClientStats {
      const total: Record<string, number> = {};
      for (const client of clients) {
        for (const [key, value] of Object.entries(client.stats)) total[key] = (total[key] ?? 0) + value;
      }
      return total as unknown as ClientStats;
    },
  };
}
