import { apiCall } from '../../core/client/api-call';
import { ApiPromise } from '../../core/client/api-promise';
import type { SettingsOf } from '../../core/client/api-provider';
import { ProviderClient } from '../../core/client/provider-client';
import { ConfigurationError } from '../../core/errors/configuration-error';
import type { RequestOptions } from '../../core/client/request-options';
import { ryvnProvider } from './provider';
import type { RyvnClientOptions } from './ryvn-client-options';
import type { components, paths } from './schema.gen';
import { secretUpdateBody, type SecretChanges } from './secret-update-body';

type Schemas = components['schemas'];

/** Per-call options of RyvnClient's named methods. */
export interface RyvnCallOptions extends RequestOptions {
  /** Organization of the call. @default the client's `orgId` (RYVN_ORG_ID) */
  orgId?: string;
}

/** Per-call options of calls about one environment. */
export interface RyvnEnvironmentCallOptions extends RyvnCallOptions {
  /** Environment of the call. @default the client's `environment` (RYVN_ENVIRONMENT) */
  environment?: string;
}

/** Options of `listDeployments`. */
export interface ListDeploymentsOptions extends RyvnEnvironmentCallOptions {
  /** Only deployments of this service. */
  service?: string;
}

/** A list call resolving to its items, with the Response still reachable. */
const items = <T>(call: ApiPromise<{ items: T[] }>): ApiPromise<T[]> =>
  new ApiPromise(call.withResponse().then(({ data, response }) => ({ data: data.items, response })));

/** A required argument of a named method, or the ConfigurationError naming it. */
function present(option: string, value: unknown, method: string, hint = ''): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (value === undefined) throw new ConfigurationError(option, `is required by ${method}${hint}`);
  throw new ConfigurationError(option, typeof value === 'string' ? 'must not be empty' : `must be a string, got ${typeof value}`);
}

/**
 * Ryvn, the deployment platform, as a service user: client credentials exchanged at Ryvn's Zitadel
 * for a 12-hour token that is cached, shared by concurrent calls and renewed ahead of expiry.
 *
 * @example
 * ```ts
 * import { RyvnClient } from 'keycard/ryvn';
 *
 * // Reads RYVN_CLIENT_ID, RYVN_CLIENT_SECRET and RYVN_ORG_ID when not given.
 * const ryvn = new RyvnClient({ orgId: 'org_2b7c9d' });
 * const services = await ryvn.listServices();
 * const secret = await ryvn.updateSecret('app-secrets', { add: { API_URL: 'https://example.com' }, remove: ['OLD_KEY'] });
 * console.log(services.length, secret.version, secret.keys);
 * ```
 */
export class RyvnClient extends ProviderClient<paths, SettingsOf<typeof ryvnProvider>> {
  constructor(options?: RyvnClientOptions) {
    super(ryvnProvider, options);
  }

  /** Organization of calls that name none. */
  get orgId(): string | undefined {
    return this.settings.orgId;
  }

  /** Environment of calls that name none. */
  get environment(): string | undefined {
    return this.settings.environment;
  }

  #org(method: string, given: string | undefined): string {
    return present('orgId', given ?? this.orgId, `${method}()`, ': pass { orgId }, or give the client `orgId` or RYVN_ORG_ID');
  }

  #environment(method: string, given: string | undefined): string {
    return present('environment', given ?? this.environment, `${method}()`, ': name one, or give the client `environment` or RYVN_ENVIRONMENT');
  }

  /** The organizations the service user belongs to. */
  listOrganizations(options: Omit<RyvnCallOptions, 'orgId'> = {}): ApiPromise<Schemas['Organization'][]> {
    return items(this.GET('/v1/orgs', options));
  }

  /** One organization. @param orgId @default the client's `orgId` */
  getOrganization(orgId?: string, options: Omit<RyvnCallOptions, 'orgId'> = {}): ApiPromise<Schemas['Organization']> {
    return apiCall(() => this.GET('/v1/orgs/{orgId}', { ...options, params: { path: { orgId: this.#org('getOrganization', orgId) } } }));
  }

  /** The organization's environments. */
  listEnvironments({ orgId, ...call }: RyvnCallOptions = {}): ApiPromise<Schemas['Environment'][]> {
    return apiCall(() => items(this.GET('/v1/orgs/{orgId}/environments', { ...call, params: { path: { orgId: this.#org('listEnvironments', orgId) } } })));
  }

  /** One environment. @param name @default the client's `environment` */
  getEnvironment(name?: string, { orgId, ...call }: RyvnCallOptions = {}): ApiPromise<Schemas['Environment']> {
    return apiCall(() =>
      this.GET('/v1/orgs/{orgId}/environments/{environmentName}', {
        ...call,
        params: { path: { orgId: this.#org('getEnvironment', orgId), environmentName: this.#environment('getEnvironment', name) } },
      }),
    );
  }

  /** The organization's services. */
  listServices({ orgId, ...call }: RyvnCallOptions = {}): ApiPromise<Schemas['Service'][]> {
    return apiCall(() => items(this.GET('/v1/orgs/{orgId}/services', { ...call, params: { path: { orgId: this.#org('listServices', orgId) } } })));
  }

  /** One service. */
  getService(name: string, { orgId, ...call }: RyvnCallOptions = {}): ApiPromise<Schemas['Service']> {
    return apiCall(() =>
      this.GET('/v1/orgs/{orgId}/services/{serviceName}', {
        ...call,
        params: { path: { orgId: this.#org('getService', orgId), serviceName: present('name', name, 'getService()') } },
      }),
    );
  }

  /** Deployments to an environment, newest first. */
  listDeployments({ orgId, environment, service, ...call }: ListDeploymentsOptions = {}): ApiPromise<Schemas['Deployment'][]> {
    return apiCall(() =>
      items(
        this.GET('/v1/orgs/{orgId}/environments/{environmentName}/deployments', {
          ...call,
          params: {
            path: { orgId: this.#org('listDeployments', orgId), environmentName: this.#environment('listDeployments', environment) },
            query: service === undefined ? {} : { service },
          },
        }),
      ),
    );
  }

  /** One deployment, with its status as of now. */
  getDeployment(deploymentId: string, { orgId, environment, ...call }: RyvnEnvironmentCallOptions = {}): ApiPromise<Schemas['Deployment']> {
    return apiCall(() =>
      this.GET('/v1/orgs/{orgId}/environments/{environmentName}/deployments/{deploymentId}', {
        ...call,
        params: {
          path: {
            orgId: this.#org('getDeployment', orgId),
            environmentName: this.#environment('getDeployment', environment),
            deploymentId: present('deploymentId', deploymentId, 'getDeployment()'),
          },
        },
      }),
    );
  }

  /**
   * Sets and deletes keys of a secret; resolves to its metadata (values are never returned). The
   * name (≤ 63 characters) and the changes are checked before anything is sent: a key may not be
   * both added and removed.
   */
  updateSecret(name: string, changes: SecretChanges, { orgId, ...call }: RyvnCallOptions = {}): ApiPromise<Schemas['Secret']> {
    return apiCall(() => {
      const body = secretUpdateBody(name, changes);
      return this.PATCH('/v1/orgs/{orgId}/secrets/{secretName}', {
        ...call,
        params: { path: { orgId: this.#org('updateSecret', orgId), secretName: name } },
        body,
      });
    });
  }

  /** The JSON Schema of Ryvn's resource kinds (Service, Environment, Blueprint, …). */
  resourceSchema(options: Omit<RyvnCallOptions, 'orgId'> = {}): ApiPromise<Schemas['ResourceSchema']> {
    return this.GET('/v1/schemas/resources.json', options);
  }
}
