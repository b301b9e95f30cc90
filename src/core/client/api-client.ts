import type { ClientOverrides } from './client-options';
import { clientMethods, type ClientMethod, type ClientMethodName, type ClientStats, type KeycardClient } from './client-types';

/**
 * Base of the built-in API clients: the spec-typed methods of `createClient`, to which each client
 * adds the named methods of its API's flows. A subclass overrides `withOptions` to return an
 * instance of itself, as the built-in clients do, so that derived clients keep the named methods.
 */
// The fields are declared only: the constructor sets each, so a class-field definition of
// `undefined` before it would be dead code.
export class ApiClient<Paths extends {}> implements KeycardClient<Paths> {
  /** Calls a GET operation. */
  declare readonly GET: ClientMethod<Paths, 'get'>;
  /** Calls a POST operation. */
  declare readonly POST: ClientMethod<Paths, 'post'>;
  /** Calls a PUT operation. */
  declare readonly PUT: ClientMethod<Paths, 'put'>;
  /** Calls a PATCH operation. */
  declare readonly PATCH: ClientMethod<Paths, 'patch'>;
  /** Calls a DELETE operation. */
  declare readonly DELETE: ClientMethod<Paths, 'delete'>;
  /** Calls a HEAD operation. */
  declare readonly HEAD: ClientMethod<Paths, 'head'>;
  /** Calls an OPTIONS operation. */
  declare readonly OPTIONS: ClientMethod<Paths, 'options'>;
  /** The base URL calls are made against. */
  declare readonly baseUrl: string;
  /** The underlying typed client. */
  protected declare readonly client: KeycardClient<Paths>;

  constructor(client: KeycardClient<Paths>) {
    this.client = client;
    for (const name of clientMethods) (this as Record<ClientMethodName, unknown>)[name] = client[name];
    this.baseUrl = client.baseUrl;
  }

  /** A typed client with some options changed, sharing this one's credentials, token cache and counters. */
  withOptions(overrides: ClientOverrides): KeycardClient<Paths> {
    return this.client.withOptions(overrides);
  }

  /** What the client has done so far: token exchanges, retries, refreshes, redirects. */
  get stats(): ClientStats {
    return this.client.stats;
  }
}
