import type { Auth, CredentialSource } from '../auth/auth';
import { ApiClient } from './api-client';
import type { ApiProvider } from './api-provider';
import { applyOverrides, clientDefaults, type ClientOverrides } from './client-options';
import type { KeycardClient } from './client-types';
import type { Observer } from '../observe/observer';
import { clientFromResolved, globalFetch } from './create-client';
import { Derivation, derive } from './derivation';
import { resolveProviderOptions } from './resolve-provider-options';
import { routeClient, type Route } from './route-client';

/** What a provider client keeps besides its typed client; derived clients get it too. */
interface ProviderState {
  /** Where the wait helpers report how their waits ended. */
  observer: Observer | undefined;
  hosts: Readonly<Record<string, string>>;
  settings: Readonly<Record<string, unknown>>;
  credential: CredentialSource | undefined;
  scopes: readonly string[] | undefined;
  fetch: typeof globalThis.fetch;
  /** Clients of the provider's public hosts, built on first use. */
  publicHosts: Readonly<Record<string, () => KeycardClient<{}>>>;
  /** Shared by reference between a client and the clients derived from it (e.g. one lookup of the account). */
  shared: Record<string, unknown>;
}


function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function build<Paths extends {}>(provider: ApiProvider, options: unknown): { client: KeycardClient<Paths>; state: ProviderState } {
  const resolved = resolveProviderOptions(provider, options ?? {});
  const { hosts, auth, observer, tokenStore, tokenStoreTimeoutMs } = resolved;
  // The keys were checked with the provider's; the core checks the values.
  const given = (options ?? {}) as ClientOverrides;
  // The caller's options go over the provider's defaults and error codes, which go over the core's.
  const hostClient = <P extends {}>(baseUrl: string, credential: Auth | undefined) => {
    const core = clientDefaults(new URL(baseUrl), { auth: credential, tokenStore, tokenStoreTimeoutMs, observer, operations: credential && provider.operations });
    return clientFromResolved<P>(applyOverrides(applyOverrides(core, { ...provider.defaults, errorCodes: provider.errorCodes }), given));
  };
  const routes: Route<Paths>[] = [];
  const publicHosts: Record<string, () => KeycardClient<{}>> = {};
  for (const [option, host] of Object.entries(provider.hosts)) {
    const baseUrl = hosts[option]!;
    if (host.role === 'public') publicHosts[option] = once(() => hostClient<{}>(baseUrl, undefined));
    else if (host.role !== 'token') routes.push([host.paths, hostClient<Paths>(baseUrl, auth)]);
  }
  // The resolved hosts, settings, credential, scopes and observer, and what the client adds to them.
  const state: ProviderState = { ...resolved, fetch: given.fetch ?? globalFetch, publicHosts, shared: {} };
  return { client: routeClient(routes), state };
}

/**
 * The client builder: a client for an API described by an `ApiProvider`, with every option
 * resolved once (values, then environment, then defaults), unknown options refused with the
 * nearest known name, and `withOptions()` returning the same class. The built-in clients extend
 * it with their named methods.
 */
export class ProviderClient<Paths extends {}, Settings extends object = Readonly<Record<string, unknown>>> extends ApiClient<Paths> {
  readonly #state: ProviderState;

  constructor(provider: ApiProvider, options: unknown) {
    const { client, state } = options instanceof Derivation ? (options as Derivation<Paths, ProviderState>) : build<Paths>(provider, options);
    super(client);
    this.#state = state;
  }

  /** A client with some options changed, of the same class, sharing this one's credentials, token cache, settings and counters. */
  override withOptions(overrides: ClientOverrides): this {
    const state = this.#state;
    const derived = this.client.withOptions(overrides);
    const publicHosts = Object.fromEntries(
      Object.entries(state.publicHosts).map(([option, host]) => [option, once(() => host().withOptions(overrides))]),
    );
    const next: ProviderState = { ...state, fetch: overrides.fetch ?? state.fetch, publicHosts };
    return derive(this.constructor as new () => this, derived, next);
  }

  /** What the client resolved from its options and the environment, by option name. */
  protected get settings(): Settings {
    return this.#state.settings as Settings;
  }

  /** Every host's URL, by option name. */
  protected get hosts(): Readonly<Record<string, string>> {
    return this.#state.hosts;
  }

  /** The API key as given (a value or a function). */
  protected get credential(): CredentialSource | undefined {
    return this.#state.credential;
  }

  /** The scopes the client's tokens are asked for (client credentials only). */
  protected get tokenScopes(): readonly string[] | undefined {
    return this.#state.scopes;
  }

  /** The `fetch` for requests outside the API (e.g. signed download URLs): the client's, else the global one. */
  protected get fetchFunction(): typeof globalThis.fetch {
    return this.#state.fetch;
  }

  /** The client's observer, for its wait helpers; undefined when nothing observes it. */
  protected get observer(): Observer | undefined {
    return this.#state.observer;
  }

  /** State shared by reference with the clients derived from this one. */
  protected get shared(): Record<string, unknown> {
    return this.#state.shared;
  }

  /** The typed client of a public host (calls sent without a credential). */
  protected publicHost(option: string): KeycardClient<Paths> {
    return this.#state.publicHosts[option]!() as KeycardClient<Paths>;
  }
}
