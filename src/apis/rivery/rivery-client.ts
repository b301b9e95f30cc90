import type { SettingsOf } from '../../core/client/api-provider';
import { apiCall } from '../../core/client/api-call';
import type { ApiPromise } from '../../core/client/api-promise';
import { paginate, type PagePromise } from '../../core/client/page-promise';
import { ProviderClient } from '../../core/client/provider-client';
import type { RequestOptions } from '../../core/client/request-options';
import { KeycardError } from '../../core/errors/keycard-error';
import { untilAborted } from '../../core/util/abortable';
import { checkId } from './check-id';
import { nextPageNumber } from './next-page-number';
import { riveryProvider } from './provider';
import type { RiveryClientOptions } from './rivery-client-options';
import type { components, paths } from './schema.gen';
import { runTarget } from './run-target';
import { logsAnswer, waitForLogs, type WaitForLogsOptions } from './wait-for-logs';
import { legacyRun, v1Run, waitForRunOf, type WaitForRunOptions } from './wait-for-run';

type Schemas = components['schemas'];
/** Per-call options of the named methods. */
export type RiveryCallOptions = RequestOptions;
type Scope = { account_id: string; environment_id: string };
/** A v1 run `waitForRun` can follow: as `runRiverV1` or `getRiverRun` answered it, or its river and id. */
export type V1RunToWait = Schemas['RiverRunResult'] | Schemas['RiverRun'] | { river_cross_id: string; run_id: string };
const riversPath = '/v1/accounts/{account_id}/environments/{environment_id}/rivers';

/**
 * Rivery (Boomi Data Integration): rivers run with an API token, over the legacy console API and
 * the regional v1 API behind one client. `GET`/`POST` take either host's paths; the named methods
 * cover the flows. v1 calls need an account and environment: from the options or the environment
 * variables, else read once from `me()`.
 *
 * @example
 * ```ts
 * import { RiveryClient } from 'keycard/rivery';
 *
 * const rivery = new RiveryClient(); // RIVERY_API_TOKEN, RIVERY_REGION, RIVERY_ACCOUNT_ID, RIVERY_ENVIRONMENT_ID
 * for await (const river of rivery.listRivers()) console.log(river.cross_id, river.river_name);
 * const run = await rivery.runRiverV1('63b724fc690def001131d242'); // 202: the run group
 * const done = await rivery.waitForRun(run, { onProgress: (r) => console.log(r.status) }); // pending → running → succeeded
 * ```
 */
export class RiveryClient extends ProviderClient<paths, SettingsOf<typeof riveryProvider>> {
  constructor(options?: RiveryClientOptions) {
    super(riveryProvider, options);
  }

  /** Base URL of the legacy console API (`/me`, `/run`, `/check_run`, `/run/cancel`, `/activities/runs/logs`). */
  get legacyUrl(): string {
    return this.hosts.legacyUrl!;
  }

  /** The account and environment the token is bound to (legacy `GET /me`; the token needs `me:list`). */
  me(options: RiveryCallOptions = {}): ApiPromise<Schemas['Me']> {
    return this.GET('/me', options);
  }

  /** Starts a run of a river (legacy `POST /run`); follow it with `checkRun` or `waitForRun`. */
  runRiver(riverId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['Run']> {
    return apiCall(() => this.POST('/run', { body: { river_id: checkId('objectId', 'riverId', riverId) }, ...options }));
  }

  /** The current state of a run (legacy `GET /check_run`). */
  checkRun(runId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['Run']> {
    return apiCall(() => this.GET('/check_run', { params: { query: { run_id: checkId('runId', 'runId', runId) } }, ...options }));
  }

  /** Cancels a run that has not ended (legacy `POST /run/cancel`); a run that has ended gives `ConflictError`. */
  cancelRun(runId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['Run']> {
    return apiCall(() => this.POST('/run/cancel', { body: { run_id: checkId('runId', 'runId', runId) }, ...options }));
  }

  /**
   * The logs of a run as CSV text (legacy `GET /activities/runs/logs`). Rivery prepares them
   * asynchronously and answers 202 until they are ready, so this waits: it asks again with the
   * query's id, backing off from `intervalMs`, until the logs come or `timeoutMs` passes.
   */
  getRunLogs(runId: string, options: WaitForLogsOptions = {}): ApiPromise<string> {
    return apiCall(() => {
      const id = checkId('runId', 'runId', runId);
      let queryId: string | undefined;
      const read = (signal: AbortSignal) =>
        apiCall(async () => {
          const query = queryId === undefined ? { id } : { id, queryId };
          const { data, response } = await this.GET('/activities/runs/logs', { params: { query }, parseAs: 'text', signal }).withResponse();
          queryId = response.headers.get('queryid') ?? queryId;
          return { data: logsAnswer(response.status, data), response };
        });
      return waitForLogs(read, id, options);
    });
  }

  /**
   * Checks a run until it ends, following it where it was started: a legacy run (from `runRiver`,
   * or its id) through `check_run`, resolving on `D` and throwing `RiveryRunError` on `E` or `F`; a
   * v1 run (what `runRiverV1` or `getRiverRun` returned, or `{ river_cross_id, run_id }`) through
   * the v1 poll, resolving on `succeeded`, `skipped` or `partially succeeded` (check `status`) and
   * throwing `RiveryRunError` on `failed`, `canceled` or a status Rivery has not published.
   * `TimeoutError` after `timeoutMs`, `AbortError` when `signal` fires.
   */
  waitForRun(run: Schemas['Run'] | string, options?: WaitForRunOptions<Schemas['Run']>): ApiPromise<Schemas['Run']>;
  waitForRun(run: V1RunToWait, options?: WaitForRunOptions<Schemas['RiverRun']>): ApiPromise<Schemas['RiverRun']>;
  waitForRun(run: Schemas['Run'] | string | V1RunToWait, options: WaitForRunOptions<Schemas['Run']> & WaitForRunOptions<Schemas['RiverRun']> = {}): ApiPromise<Schemas['Run'] | Schemas['RiverRun']> {
    return apiCall<Schemas['Run'] | Schemas['RiverRun']>(() => {
      const target = runTarget(run);
      if (target.api === 'legacy') return waitForRunOf(legacyRun, (signal) => this.checkRun(target.runId, { signal }), target.runId, options, this.observer);
      return waitForRunOf(v1Run, (signal) => this.getRiverRun(target.riverId, target.runId, { signal }), target.runId, options, this.observer);
    });
  }

  /**
   * The environment's rivers (v1): awaited, the first page `{items, next_page}`; iterated with
   * `for await`, every river, reading page after page as you go (`.all()` collects them).
   * `next_page` may be a page number, the next page's URL, or null: all three are followed.
   */
  listRivers(options: RiveryCallOptions = {}): PagePromise<Schemas['RiverPage'], Schemas['River']> {
    const read = (page: number) => this.#inScope(options, (scope) => this.GET(riversPath, { params: { path: scope, query: { page } }, ...options }));
    let current = 1;
    return paginate(read(1), {
      items: (page) => page.items,
      next: ({ next_page }) => {
        const next = nextPageNumber(next_page);
        if (!next) return undefined;
        // A next page that does not move forward would loop for ever.
        if (next <= current) throw new KeycardError(`Listing rivers: page ${current} points back to page ${next}`);
        current = next;
        return read(next);
      },
    });
  }

  /** One river (v1). */
  getRiver(riverId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['River']> {
    return this.#inScope(
      options,
      (scope) => this.GET(`${riversPath}/{river_id}`, { params: { path: { ...scope, river_id: riverId } }, ...options }),
      () => checkId('objectId', 'riverId', riverId),
    );
  }

  /**
   * Starts a run of a river (v1, answered 202): the run group and its runs. Pass it to
   * `waitForRun` to wait for the run's end, or read it with `getRiverRun`.
   */
  runRiverV1(riverId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['RiverRunResult']> {
    return this.#inScope(options, (scope) => this.POST(`${riversPath}/{river_id}/run`, { params: { path: { ...scope, river_id: riverId } }, ...options }), () =>
      checkId('objectId', 'riverId', riverId),
    );
  }

  /** One run of a river (v1): `status` `pending` or `running` until it ends. */
  getRiverRun(riverId: string, runId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['RiverRun']> {
    return this.#inScope(
      options,
      (scope) => this.GET(`${riversPath}/{river_id}/runs/{run_id}`, { params: { path: { ...scope, river_id: riverId, run_id: runId } }, ...options }),
      () => (checkId('objectId', 'riverId', riverId), checkId('v1RunId', 'runId', runId)),
    );
  }

  /** The logs of one run of a river (v1), as Rivery sends them (the shape is not published). */
  getRiverRunLogs(riverId: string, runId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['RiverRunLogs']> {
    return this.#inScope(
      options,
      (scope) => this.GET(`${riversPath}/{river_id}/runs/{run_id}/logs`, { params: { path: { ...scope, river_id: riverId, run_id: runId } }, ...options }),
      () => (checkId('objectId', 'riverId', riverId), checkId('v1RunId', 'runId', runId)),
    );
  }

  /**
   * Cancels one run of a river (v1, answered 202): the cancellation's operation. It takes effect
   * shortly after; the run then ends `canceled`, which `waitForRun` reports as `RiveryRunError`.
   */
  cancelRiverRun(riverId: string, runId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['Operation']> {
    return this.#cancel(riverId, { run_id: runId }, () => checkId('v1RunId', 'runId', runId), options);
  }

  /** Cancels every run of a run group (v1, answered 202), as `cancelRiverRun` does one. */
  cancelRunGroup(riverId: string, runGroupId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['Operation']> {
    return this.#cancel(riverId, { run_group_id: runGroupId }, () => checkId('v1RunId', 'runGroupId', runGroupId), options);
  }

  /**
   * An activation, disabling, validation or cancellation operation (v1; the token needs
   * `operations:list`): `W`, `R`, `D`, or `E` with `error_message`. Runs are not operations:
   * follow a run with `getRiverRun` or `waitForRun`.
   */
  getOperation(operationId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['Operation']> {
    return this.#inScope(
      options,
      (scope) =>
        this.GET('/v1/accounts/{account_id}/environments/{environment_id}/operations/{operation_id}', {
          params: { path: { ...scope, operation_id: operationId } },
          ...options,
        }),
      () => checkId('operationId', 'operationId', operationId),
    );
  }

  #cancel(riverId: string, body: { run_id: string } | { run_group_id: string }, check: () => unknown, options: RiveryCallOptions): ApiPromise<Schemas['Operation']> {
    return this.#inScope(
      options,
      (scope) => this.POST(`${riversPath}/{river_id}/cancel_run`, { params: { path: { ...scope, river_id: riverId } }, body, ...options }),
      () => (checkId('objectId', 'riverId', riverId), check()),
    );
  }

  /** A v1 call: its arguments checked first (`check`), then sent with the account and environment in its path. */
  #inScope<T>(options: RiveryCallOptions, call: (scope: Scope) => ApiPromise<T>, check?: () => unknown): ApiPromise<T> {
    return apiCall(async () => {
      check?.();
      return call(await this.#scope(options.signal)).withResponse();
    });
  }

  /** The account and environment of v1 calls; what the options lack is read once from `me()`. */
  #scope(signal: AbortSignal | undefined): Promise<Scope> {
    const { accountId, environmentId } = this.settings;
    if (accountId !== undefined && environmentId !== undefined) {
      return Promise.resolve({ account_id: accountId, environment_id: environmentId });
    }
    // Shared with the clients derived from this one: one lookup for all of them.
    const shared = this.shared as { me?: Promise<Scope> };
    if (shared.me === undefined) {
      const lookup = this.me().then(
        (me) => ({ account_id: accountId ?? me.account_id, environment_id: environmentId ?? me.environment_id }),
        (error: unknown) => {
          // A failed lookup is not remembered: the next call asks again.
          shared.me = undefined;
          throw error;
        },
      );
      shared.me = lookup;
    }
    // The lookup is shared: one caller's signal ends only that caller's wait.
    return untilAborted(shared.me, signal);
  }
}
