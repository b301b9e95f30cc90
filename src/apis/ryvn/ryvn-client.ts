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

/** Options of `listInstallationTasks`. */
export interface ListInstallationTasksOptions extends RyvnEnvironmentCallOptions {
  /** Only tasks in this state, e.g. `pending_approval`. @default every state */
  status?: components['schemas']['TaskStatus'];
}

/** Options of `approveTask`, `cancelTask` and `retryTask`. */
export interface TaskActionOptions extends RyvnCallOptions {
  /** Why, for the audit trail (≤ 1000 characters); Ryvn's CLI recommends one. @default none */
  reason?: string;
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
 * Ryvn publishes secrets (`updateSecret`) and the resource schema (`resourceSchema`); every other
 * method calls a modelled endpoint, installations and tasks on what Ryvn's CLI works with.
 *
 * @example
 * ```ts
 * import { RyvnClient } from 'keycard/ryvn';
 *
 * // Reads RYVN_CLIENT_ID, RYVN_CLIENT_SECRET and RYVN_ORG_ID when not given.
 * const ryvn = new RyvnClient({ orgId: 'org_2b7c9d' });
 * const services = await ryvn.listServices();
 * const waiting = await ryvn.listInstallationTasks('api', { environment: 'production', status: 'pending_approval' });
 * if (waiting[0]) await ryvn.approveTask(waiting[0].id, { reason: 'plan reviewed' });
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

  /** The service installations of an environment. Modelled on Ryvn's CLI (`ryvn get installation`); Ryvn publishes no endpoint. */
  listInstallations({ orgId, environment, ...call }: RyvnEnvironmentCallOptions = {}): ApiPromise<Schemas['Installation'][]> {
    return apiCall(() =>
      items(
        this.GET('/v1/orgs/{orgId}/environments/{environmentName}/installations', {
          ...call,
          params: { path: { orgId: this.#org('listInstallations', orgId), environmentName: this.#environment('listInstallations', environment) } },
        }),
      ),
    );
  }

  /** One service installation. Modelled on Ryvn's CLI (`ryvn describe installation <name> -e <env>`). */
  getInstallation(name: string, { orgId, environment, ...call }: RyvnEnvironmentCallOptions = {}): ApiPromise<Schemas['Installation']> {
    return apiCall(() =>
      this.GET('/v1/orgs/{orgId}/environments/{environmentName}/installations/{installationName}', {
        ...call,
        params: { path: this.#installationPath('getInstallation', name, orgId, environment) },
      }),
    );
  }

  /**
   * An installation's tasks, newest first: the runs its deploys, updates and deletes started, some
   * waiting for approval. Modelled on Ryvn's CLI (`ryvn get installation-task <name> -e <env>`).
   */
  listInstallationTasks(name: string, { orgId, environment, status, ...call }: ListInstallationTasksOptions = {}): ApiPromise<Schemas['Task'][]> {
    return apiCall(() =>
      items(
        this.GET('/v1/orgs/{orgId}/environments/{environmentName}/installations/{installationName}/tasks', {
          ...call,
          params: { path: this.#installationPath('listInstallationTasks', name, orgId, environment), query: status === undefined ? {} : { status } },
        }),
      ),
    );
  }

  /** A task as it is now. Modelled on Ryvn's CLI (`ryvn get installation-task`). */
  getTask(taskId: string, { orgId, ...call }: RyvnCallOptions = {}): ApiPromise<Schemas['Task']> {
    return apiCall(() =>
      this.GET('/v1/orgs/{orgId}/tasks/{taskId}', {
        ...call,
        params: { path: { orgId: this.#org('getTask', orgId), taskId: present('taskId', taskId, 'getTask()') } },
      }),
    );
  }

  /** Approves a task that waits `pending_approval` (a reviewed plan); else a ConflictError. Modelled on `ryvn task approve <uuid> --reason`. */
  approveTask(taskId: string, options: TaskActionOptions = {}): ApiPromise<Schemas['Task']> {
    return this.#taskAction('approve', taskId, options);
  }

  /** Cancels a `pending`, `pending_approval` or `running` task; else a ConflictError. Modelled on `ryvn task cancel <uuid> --reason`. */
  cancelTask(taskId: string, options: TaskActionOptions = {}): ApiPromise<Schemas['Task']> {
    return this.#taskAction('cancel', taskId, options);
  }

  /** Runs a `failed` task again; else a ConflictError. Modelled on `ryvn task retry <uuid> --reason`. */
  retryTask(taskId: string, options: TaskActionOptions = {}): ApiPromise<Schemas['Task']> {
    return this.#taskAction('retry', taskId, options);
  }

  #installationPath(method: string, name: string, orgId: string | undefined, environment: string | undefined) {
    return {
      orgId: this.#org(method, orgId),
      environmentName: this.#environment(method, environment),
      installationName: present('name', name, `${method}()`),
    };
  }

  #taskAction(action: 'approve' | 'cancel' | 'retry', taskId: string, { orgId, reason, ...call }: TaskActionOptions): ApiPromise<Schemas['Task']> {
    const method = `${action}Task`;
    return apiCall(() => {
      if (reason !== undefined && (typeof reason !== 'string' || reason.length > 1000)) {
        throw new ConfigurationError('reason', `must be a string of at most 1000 characters, got ${typeof reason === 'string' ? `${reason.length} characters` : typeof reason}`);
      }
      const path = { orgId: this.#org(method, orgId), taskId: present('taskId', taskId, `${method}()`) };
      const init = { ...call, params: { path }, body: reason === undefined ? {} : { reason } };
      // Three literal paths, so that each call stays typed by the spec.
      if (action === 'approve') return this.POST('/v1/orgs/{orgId}/tasks/{taskId}/approve', init);
      if (action === 'cancel') return this.POST('/v1/orgs/{orgId}/tasks/{taskId}/cancel', init);
      return this.POST('/v1/orgs/{orgId}/tasks/{taskId}/retry', init);
    });
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
