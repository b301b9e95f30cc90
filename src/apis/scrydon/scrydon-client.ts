import { apiCall, requireText } from '../../core/client/api-call';
import type { ApiPromise } from '../../core/client/api-promise';
import { paginate, type PagePromise } from '../../core/client/page-promise';
import type { SettingsOf } from '../../core/client/api-provider';
import { ProviderClient } from '../../core/client/provider-client';
import { ConfigurationError } from '../../core/errors/configuration-error';
import type { RequestOptions } from '../../core/client/request-options';
import { describe } from '../../core/util/validate';
import { scopePattern } from './parse-scopes';
import { scrydonProvider } from './provider';
import type { components, paths } from './schema.gen';
import { scopeCovers } from './scope-covers';
import type { ScrydonCallOptions, ScrydonClientOptions, ScrydonPageOptions, ScrydonTriggerOptions, ScrydonWebhookOptions } from './scrydon-client-options';
import { waitForExecution, type WaitForExecutionOptions } from './wait-for-execution';

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
 * const started = await scrydon.triggerWorkflow(workflows[0]!.id, { customerId: 'c_42' });
 * const { outputs } = started.status === 'completed' ? started : await scrydon.waitForExecution(started);
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
   * Runs a workflow through its Start block (documented: `POST /api/v1/workflows/{id}/trigger`).
   * Scrydon waits up to 30 s and answers `completed` with the outputs, or `running` with an
   * execution id to follow with `waitForExecution`; with `async: true` it answers `running` at once.
   * Each attempt may take 35 s by default, longer than Scrydon's wait: a trigger cut at the 30 s
   * mark cannot be told from one that never started, so a failed trigger is not resent. The
   * environment is sent when the call or the client names one (the documented example sends none).
   */
  triggerWorkflow(
    workflowId: string,
    inputs: Record<string, unknown> = {},
    options: ScrydonTriggerOptions = {},
  ): ApiPromise<Schemas['TriggeredExecution']> {
    const { environmentId = this.environmentId, async: answerAtOnce, ...call } = options;
    return apiCall(() => {
      requireText('workflowId', workflowId);
      if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
        throw new ConfigurationError('inputs', `must be an object of the Start block's input fields, got ${describe(inputs)}`);
      }
      if (answerAtOnce !== undefined && typeof answerAtOnce !== 'boolean') {
        throw new ConfigurationError('async', `must be true or false, got ${describe(answerAtOnce)}`);
      }
      const query = { ...(environmentId === undefined ? {} : { environmentId }), ...(answerAtOnce ? { async: true } : {}) };
      return this.POST('/api/v1/workflows/{workflowId}/trigger', { params: { path: { workflowId }, query }, body: { inputs }, ...call });
    });
  }

  /**
   * An execution as it is now: `running`, `completed` (with `outputs`), `failed` (with `error`) or
   * `cancelled`. Modelled: Scrydon says an execution id can be polled but publishes no endpoint;
   * this reads `GET /api/v1/executions/{executionId}`.
   */
  getExecution(executionId: string, options: RequestOptions = {}): ApiPromise<Schemas['Execution']> {
    return apiCall(() =>
      this.GET('/api/v1/executions/{executionId}', { params: { path: { executionId: requireText('executionId', executionId) } }, ...options }),
    );
  }

  /**
   * Waits for an execution a trigger answered with (its id, or the answer itself) on the shared
   * poller: resolves with it `completed`, rejects with `ExecutionFailedError` when it ends `failed`
   * or `cancelled`, and with `TimeoutError` at the deadline. Modelled: it reads `getExecution`.
   */
  waitForExecution(execution: string | Schemas['TriggeredExecution'], options: WaitForExecutionOptions = {}): ApiPromise<Schemas['Execution']> {
    return apiCall(() => {
      const id = requireText('executionId', typeof execution === 'object' && execution !== null ? execution.executionId : execution);
      return waitForExecution((signal) => this.getExecution(id, { signal }), id, options);
    });
  }

  /**
   * Runs a workflow through its Webhook block (documented: `POST /api/webhooks/trigger/{path}`),
   * sent without the bearer token: the block is open, or checks the `secret` it was given, sent as
   * `X-Scrydon-Secret` (redacted from errors, never sent to another origin). Resolves to the
   * block's configured response body, if any.
   */
  triggerWebhook(path: string, payload?: unknown, options: ScrydonWebhookOptions = {}): ApiPromise<unknown> {
    const { secret, ...call } = options;
    return apiCall(() => {
      requireText('path', path);
      if (secret !== undefined && (typeof secret !== 'string' || secret === '')) {
        // Named, never quoted: it is a secret.
        throw new ConfigurationError('secret', 'must be a non-empty string');
      }
      return this.POST('/api/webhooks/trigger/{path}', {
        params: { path: { path }, ...(secret === undefined ? {} : { header: { 'X-Scrydon-Secret': secret } }) },
        ...(payload === undefined ? {} : { body: payload }),
        ...call,
      });
    });
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

  /** The environment's log lines, newest first, optionally for one workflow, execution (`runId`) or level: awaited, one page; iterated, every line. */
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
