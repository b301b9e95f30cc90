import type { ApiProvider, ProviderOptionsOf, SettingsOf } from './api-provider';
import type { ProviderOptions } from './client-options';
import { ProviderClient } from './provider-client';

/** A client class built from a provider alone: typed calls, options from the environment, `withOptions`. */
export interface ApiClientClass<Paths extends {}, P extends ApiProvider> {
  new (options?: ProviderOptions & ProviderOptionsOf<P>): ProviderClient<Paths, SettingsOf<P>>;
  /** The provider the class was built from. */
  readonly provider: P;
}

/**
 * A client class for an API described by its provider: what a sixth API needs besides its spec.
 * The built-in clients extend `ProviderClient` the same way and add their named methods.
 *
 * @example
 * ```ts
 * import type { paths } from './things.gen';
 * const ThingsClient = defineApiClient<paths, typeof thingsProvider>(thingsProvider);
 * const things = await new ThingsClient().GET('/things'); // THINGS_API_KEY from the environment
 * ```
 */
export function defineApiClient<Paths extends {}, P extends ApiProvider>(provider: P): ApiClientClass<Paths, P> {
  return class extends ProviderClient<Paths, SettingsOf<P>> {
    static readonly provider = provider;

    constructor(options?: ProviderOptions & ProviderOptionsOf<P>) {
      super(provider, options);
    }
  };
}
