import { apiCall } from '../../core/client/api-call';
import type { ApiPromise } from '../../core/client/api-promise';
import { paginate, type PagePromise } from '../../core/client/page-promise';
import type { SettingsOf } from '../../core/client/api-provider';
import { ProviderClient } from '../../core/client/provider-client';
import { ConfigurationError } from '../../core/errors/configuration-error';
import { scopePattern } from './parse-scopes';
import { scrydonProvider } from './provider';
import type { components, paths } from './schema.gen';
import { scopeCovers } from './scope-covers';
import type { ScrydonCallOptions, ScrydonClientOptions, ScrydonPageOptions } from './scrydon-client-options';

type Schemas = components['schemas'];

/**
 * A Scrydon tenant, as a service account: OAuth 2.1 client credentials against the auth host,
 * 15-minute tokens renewed ahead of expiry, typed calls, and workspace calls that carry the
 * environment for you. Options fall back to SCRYDON_URL, SCRYDON_AUTH_URL, SCRYDON_CLIENT_ID,
 * SCRYDON_CLIENT_SECRET, SCRYDON_SCOPES and SCRYDON_ENVIRONMENT_ID.
 *
 * @example
 * ```ts
 * import { ScrydonClient, WorkspaceAccessError } from 'keycard/scrydon';
 *
 * const scrydon = new ScrydonClient({
 *   baseUrl: 'https://acme.scrydon.example',
 *   clientId: 'sa_2f9c1e',
 *   clientSecret: () => vault.read('scrydon'),
 *   scopes: ['workflows:write', 'logs:read'],
 *   environmentId: 'env_prod',
 * });
 * const { data: workflows } = await scrydon.listWorkflows();
 * const run = await scrydon.runWorkflow(workflows[0]!.id, { customerId: 'c_42' });
 * ```
 */
export class ScrydonClient extends ProviderClient<paths, SettingsOf<typeof scrydonProvider>> {
  constructor(options?: ScrydonClientOptions) {
    super(scrydonProvider, options);
  }

  /** The scopes this client's tokens carry (the token request fails unless all are granted). */
  get scopes(): readonly Schemas['Scope'][] {
    return this.tokenScopes as readonly Schemas['Scope'][];
  }

  /** The environment of workspace calls that name none, if any. */
  get environmentId(): string | undefined {
    return this.settings.environmentId;
  }

  /** The auth host: token endpoint and discovery document. */
  get authUrl(): string {
    return this.hosts.authUrl!;
  }

  /** The service account behind the token: organization, client id, and the token's scopes. */
  whoami(options: Omit<ScrydonCallOptions, 'environmentId'> = {}): ApiPromise<Schemas['WhoAmI']> {
    return this.GET('/api/v1/service-account/whoami', options);
  }

  /**
   * Whether this client's tokens allow `scope`; `write` implies `read` on the same resource.
   * Answered locally: a token is only ever issued with every requested scope.
   */
  hasScope(scope: Schemas['Scope']): boolean {
    if (typeof scope !== 'string' || !scopePattern.test(scope)) {
      throw new ConfigurationError('scope', `must be a Scrydon scope such as 'workflows:read', got ${JSON.stringify(scope)}`);
    }
    return scopeCovers(this.scopes, scope);
  }

  /** The auth host's discovery document (public: sent without a token). */
  discovery(options: Omit<ScrydonCallOptions, 'environmentId'> = {}): ApiPromise<Schemas['OpenIdConfiguration']> {
    return this.publicHost('authUrl').GET('/api/auth/.well-known/openid-configuration', options);
  }

  /** A page of the environment's workflows: awaited, one page `{data, nextCursor}`; iterated, every item, page after page. */
  listWorkflows(options: ScrydonPageOptions = {}): PagePromise<Schemas['WorkflowPage'], Schemas['Workflow']> {
    return this.#pages(options, (environmentId, cursor, { limit, ...call }) =>
      this.GET('/api/v1/workflows', { params: { query: { environmentId, limit, cursor } }, ...call }),
    );
  }

  /** One workflow. */
  getWorkflow(workflowId: string, options: ScrydonCallOptions = {}): ApiPromise<Schemas['Workflow']> {
    return this.#inWorkspace(options, (environmentId, call) =>
      this.GET('/api/v1/workflows/{workflowId}', { params: { path: { workflowId }, query: { environmentId } }, ...call }),
    );
  }

  /**
   * Starts a run; it comes back `queued` and advances on its own (see `getRun`). Without an
   * `idempotencyKey` a failed start is not retried, since it may have started a run.
   */
  runWorkflow(
    workflowId: string,
    input: Record<string, unknown> = {},
    options: ScrydonCallOptions & { idempotencyKey?: string } = {},
  ): ApiPromise<Schemas['WorkflowRun']> {
    return this.#inWorkspace(options, (environmentId, { idempotencyKey, ...call }) =>
      this.POST('/api/v1/workflows/{workflowId}/runs', {
        params: {
          path: { workflowId },
          query: { environmentId },
          ...(idempotencyKey === undefined ? {} : { header: { 'Idempotency-Key': idempotencyKey } }),
        },
        body: { input },
        ...call,
      }),
    );
  }

  /** A run as it is now: `queued`, `running`, `completed` (with `output`) or `failed` (with `error`). */
  getRun(workflowId: string, runId: string, options: ScrydonCallOptions = {}): ApiPromise<Schemas['WorkflowRun']> {
    return this.#inWorkspace(options, (environmentId, call) =>
      this.GET('/api/v1/workflows/{workflowId}/runs/{runId}', { params: { path: { workflowId, runId }, query: { environmentId } }, ...call }),
    );
  }

  /** Deletes a workflow: an admin action, so it needs the admin role in the environment. */
  deleteWorkflow(workflowId: string, options: ScrydonCallOptions = {}): ApiPromise<undefined> {
    return this.#inWorkspace(options, (environmentId, call) =>
      this.DELETE('/api/v1/workflows/{workflowId}', { params: { path: { workflowId }, query: { environmentId } }, ...call }),
    );
  }

  /** A page of the environment's stored files: awaited, one page `{data, nextCursor}`; iterated, every item, page after page. */
  listStorageFiles(options: ScrydonPageOptions = {}): PagePromise<Schemas['StorageFilePage'], Schemas['StorageFile']> {
    return this.#pages(options, (environmentId, cursor, { limit, ...call }) =>
      this.GET('/api/v1/storage/files', { params: { query: { environmentId, limit, cursor } }, ...call }),
    );
  }

  /** A page of the environment's knowledge bases: awaited, one page `{data, nextCursor}`; iterated, every item, page after page. */
  listKnowledgeBases(options: ScrydonPageOptions = {}): PagePromise<Schemas['KnowledgeBasePage'], Schemas['KnowledgeBase']> {
    return this.#pages(options, (environmentId, cursor, { limit, ...call }) =>
      this.GET('/api/v1/knowledge-bases', { params: { query: { environmentId, limit, cursor } }, ...call }),
    );
  }

  /** The environment's log lines, newest first, optionally for one workflow, run or level: awaited, one page; iterated, every line. */
  listLogs(
    options: ScrydonPageOptions & { workflowId?: string; runId?: string; level?: Schemas['LogEntry']['level'] } = {},
  ): PagePromise<Schemas['LogEntryPage'], Schemas['LogEntry']> {
    return this.#pages(options, (environmentId, cursor, { limit, workflowId, runId, level, ...call }) =>
      this.GET('/api/v1/logs', { params: { query: { environmentId, limit, cursor, workflowId, runId, level } }, ...call }),
    );
  }

  /** A cursor-paged workspace list: the page at `options.cursor`, then each `nextCursor` as iteration reaches it. */
  #pages<Options extends ScrydonPageOptions, Page extends { data: readonly unknown[]; nextCursor: string | null }>(
    options: Options,
    read: (environmentId: string, cursor: string | undefined, rest: Omit<Options, 'environmentId' | 'cursor'>) => ApiPromise<Page>,
  ): PagePromise<Page, Page['data'][number]> {
    const { cursor, ...rest } = options;
    const page = (at: string | undefined) => this.#inWorkspace(rest, (environmentId, call) => read(environmentId, at, call as never));
    return paginate(page(cursor), { items: (current) => current.data, next: (current) => (current.nextCursor ? page(current.nextCursor) : undefined) });
  }

  /** Runs a workspace call in the call's environment or the client's; naming neither is a ConfigurationError. */
  #inWorkspace<Options extends ScrydonCallOptions, T>(
    options: Options,
    call: (environmentId: string, rest: Omit<Options, 'environmentId'>) => ApiPromise<T>,
  ): ApiPromise<T> {
    const { environmentId = this.environmentId, ...rest } = options;
    return apiCall(() => {
      if (typeof environmentId !== 'string' || !/^[\x21-\x7e]+$/.test(environmentId)) {
        const problem =
          environmentId === undefined
            ? 'is required for workspace calls: pass it to this call or to ScrydonClient, or set SCRYDON_ENVIRONMENT_ID'
            : `must be a non-empty string without spaces, got ${JSON.stringify(environmentId)}`;
        throw new ConfigurationError('environmentId', problem);
      }
      return call(environmentId, rest);
    });
  }
}
