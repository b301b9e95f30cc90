import type { ApiPromise } from '../../core/client/api-promise';
import type { ClientOverrides } from '../../core/client/client-options';
import type { ClientStats, HttpMethod, KeycardClient } from '../../core/client/client-types';
import type { paths } from './schema.gen';

type Method = Uppercase<Exclude<HttpMethod, 'trace'>>;
type Untyped = (path: string, init?: object) => ApiPromise<unknown>;
const methods: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * One typed client over Rivery's two hosts: `/v1/…` paths go to the v1 host, the others
 * (`/me`, `/run`, `/check_run`, `/run/cancel`) to the legacy console API.
 */
export function routeClient(legacy: KeycardClient<paths>, v1: KeycardClient<paths>): KeycardClient<paths> {
  const route = (name: Method): Untyped => {
    const toLegacy = legacy[name] as unknown as Untyped;
    const toV1 = v1[name] as unknown as Untyped;
    return (path, init) => (path.startsWith('/v1/') ? toV1 : toLegacy)(path, init);
  };
  return {
    ...(Object.fromEntries(methods.map((name) => [name, route(name)])) as Pick<KeycardClient<paths>, Method>),
    baseUrl: v1.baseUrl,
    withOptions: (overrides: ClientOverrides) => routeClient(legacy.withOptions(overrides), v1.withOptions(overrides)),
    get stats(): ClientStats {
      const a = legacy.stats as unknown as Record<string, number>;
      const b = v1.stats as unknown as Record<string, number>;
      return Object.fromEntries(Object.keys(a).map((key) => [key, a[key]! + (b[key] ?? 0)])) as unknown as ClientStats;
    },
  };
}
