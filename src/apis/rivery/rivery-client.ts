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
import { waitForRun, type WaitForRunOptions } from './wait-for-run';

type Schemas = components['schemas'];
/** Per-call options of the named methods. */
export type RiveryCallOptions = RequestOptions;
type Scope = { account_id: string; environment_id: string };
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
 * const run = await rivery.runRiver('63b724fc690def001131d242');
 * const done = await rivery.waitForRun(run.run_id, { onProgress: (r) => console.log(r.river_run_status) });
 * ```
 */
export class RiveryClient extends ProviderClient<paths, SettingsOf<typeof riveryProvider>> {
  constructor(options?: RiveryClientOptions) {
    super(riveryProvider, options);
  }

  /** Base URL of the legacy console API (`/me`, `/run`, `/check_run`, `/run/cancel`). */
  get legacyUrl(): string {
    return this.hosts.legacyUrl!;
  }

  /** The account and environment the token is bound to (legacy `GET /me`). */
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
   * Checks a run until it ends: resolves on `D`, throws `RiveryRunError` on `E` or `F` (with the run
   * and its `error_description`), `TimeoutError` after `timeoutMs`, `AbortError` when `signal` fires.
   */
  waitForRun(runId: string, options: WaitForRunOptions = {}): ApiPromise<Schemas['Run']> {
    return apiCall(() => {
      const id = checkId('runId', 'runId', runId);
      return waitForRun((signal) => this.checkRun(id, { signal }), id, options, this.observer);
    });
  }

  /**
   * The environment's rivers (v1): awaited, the first page `{items, next_page}`; iterated with
   * `for await`, every river, reading page after page as you go (`.all()` collects them).
   */
  listRivers(options: RiveryCallOptions = {}): PagePromise<Schemas['RiverPage'], Schemas['River']> {
    let scope: Promise<Scope> | undefined;
    const read = (page: number) =>
      apiCall(async () => {
        scope ??= this.#scope(options.signal);
        return this.GET(riversPath, { params: { path: await scope, query: { page } }, ...options }).withResponse();
      });
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
    return apiCall(async () => {
      const river_id = checkId('objectId', 'riverId', riverId);
      const scope = await this.#scope(options.signal);
      return this.GET(`${riversPath}/{river_id}`, { params: { path: { ...scope, river_id } }, ...options }).withResponse();
    });
  }

  /** Starts a run of a river (v1): the run ids, which `checkRun` and `waitForRun` follow, and their group. */
  runRiverV1(riverId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['RiverRunResult']> {
    return apiCall(async () => {
      const river_id = checkId('objectId', 'riverId', riverId);
      const scope = await this.#scope(options.signal);
      return this.POST(`${riversPath}/{river_id}/run`, { params: { path: { ...scope, river_id } }, ...options }).withResponse();
    });
  }

  /** The state of an asynchronous operation (v1): `W`, `R`, `D` or `E` with `error_message`. */
  getOperation(operationId: string, options: RiveryCallOptions = {}): ApiPromise<Schemas['Operation']> {
    return apiCall(async () => {
      const operation_id = checkId('operationId', 'operationId', operationId);
      const scope = await this.#scope(options.signal);
      return this.GET('/v1/accounts/{account_id}/environments/{environment_id}/operations/{operation_id}', {
        params: { path: { ...scope, operation_id } },
        ...options,
      }).withResponse();
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
