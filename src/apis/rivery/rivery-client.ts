import { ApiClient } from '../../core/client/api-client';
import type { ClientOverrides } from '../../core/client/client-options';
import { Derivation, derive } from '../../core/client/derivation';
import type { CallOptions } from '../../core/transport/create-transport';
import { untilAborted } from '../../core/util/abortable';
import { checkId } from './check-id';
import { listRivers } from './list-rivers';
import { resolveRiveryOptions, type ResolvedRiveryOptions, type RiveryClientOptions } from './resolve-rivery-options';
import type { components, paths } from './schema.gen';
import { waitForRun, type WaitForRunOptions } from './wait-for-run';

type Schemas = components['schemas'];
/** Per-call options of the named methods. */
export interface RiveryCallOptions extends CallOptions {
  /** Aborts the call, including its waits for a token and for retries. @default none */
  signal?: AbortSignal;
}
type Scope = { account_id: string; environment_id: string };

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
/** The account lookup, shared by reference between a client and the clients derived from it. */
interface ScopeLookup {
  me?: Promise<Scope> | undefined;
}

type DerivedState = Omit<ResolvedRiveryOptions, 'client'> & { scopeLookup: ScopeLookup };

export class RiveryClient extends ApiClient<paths> {
  /** Base URL of the legacy console API (`/me`, `/run`, `/check_run`, `/run/cancel`). */
  readonly legacyUrl: string;
  readonly #accountId: string | undefined;
  readonly #environmentId: string | undefined;
  /** The one `me()` lookup of this client and the clients derived from it. */
  readonly #scopeLookup: ScopeLookup;

  constructor(options?: RiveryClientOptions);
  constructor(options: RiveryClientOptions | Derivation<paths, DerivedState> = {}) {
    const resolved = options instanceof Derivation ? { ...options.state, client: options.client } : { ...resolveRiveryOptions(options), scopeLookup: {} };
    super(resolved.client);
    this.legacyUrl = resolved.legacyUrl;
    this.#accountId = resolved.accountId;
    this.#environmentId = resolved.environmentId;
    this.#scopeLookup = resolved.scopeLookup;
  }

  /** A client with some options changed, over both hosts, sharing this one's token, account and counters. */
  override withOptions(overrides: ClientOverrides): RiveryClient {
    const state = { legacyUrl: this.legacyUrl, accountId: this.#accountId, environmentId: this.#environmentId, scopeLookup: this.#scopeLookup };
    return derive(RiveryClient, this.client.withOptions(overrides), state);
  }

  /** The account and environment the token is bound to (legacy `GET /me`). */
  async me(options: RiveryCallOptions = {}): Promise<Schemas['Me']> {
    return this.GET('/me', options);
  }

  /** Starts a run of a river (legacy `POST /run`); follow it with `checkRun` or `waitForRun`. */
  async runRiver(riverId: string, options: RiveryCallOptions = {}): Promise<Schemas['Run']> {
    return this.POST('/run', { body: { river_id: checkId('objectId', 'riverId', riverId) }, ...options });
  }

  /** The current state of a run (legacy `GET /check_run`). */
  async checkRun(runId: string, options: RiveryCallOptions = {}): Promise<Schemas['Run']> {
    return this.GET('/check_run', { params: { query: { run_id: checkId('runId', 'runId', runId) } }, ...options });
  }

  /** Cancels a run that has not ended (legacy `POST /run/cancel`); a run that has ended gives `ConflictError`. */
  async cancelRun(runId: string, options: RiveryCallOptions = {}): Promise<Schemas['Run']> {
    return this.POST('/run/cancel', { body: { run_id: checkId('runId', 'runId', runId) }, ...options });
  }

  /**
   * Checks a run until it ends: resolves on `D`, throws `RiveryRunError` on `E` or `F` (with the run
   * and its `error_description`), `TimeoutError` after `timeoutMs`, `AbortError` when `signal` fires.
   */
  async waitForRun(runId: string, options: WaitForRunOptions = {}): Promise<Schemas['Run']> {
    const id = checkId('runId', 'runId', runId);
    return waitForRun((signal) => this.checkRun(id, { signal }), id, options);
  }

  /** Every river of the environment, reading page after page as you iterate (v1). */
  async *listRivers(options: RiveryCallOptions = {}): AsyncGenerator<Schemas['River'], void, undefined> {
    const scope = await this.#scope(options.signal);
    yield* listRivers((page) =>
      this.GET('/v1/accounts/{account_id}/environments/{environment_id}/rivers', { params: { path: scope, query: { page } }, ...options }),
    );
  }

  /** Every river of the environment, all pages read (v1). */
  async listAllRivers(options: RiveryCallOptions = {}): Promise<Schemas['River'][]> {
    const rivers: Schemas['River'][] = [];
    for await (const river of this.listRivers(options)) rivers.push(river);
    return rivers;
  }

  /** One river (v1). */
  async getRiver(riverId: string, options: RiveryCallOptions = {}): Promise<Schemas['River']> {
    const river_id = checkId('objectId', 'riverId', riverId);
    const scope = await this.#scope(options.signal);
    return this.GET('/v1/accounts/{account_id}/environments/{environment_id}/rivers/{river_id}', {
      params: { path: { ...scope, river_id } },
      ...options,
    });
  }

  /** Starts a run of a river (v1): the run ids, which `checkRun` and `waitForRun` follow, and their group. */
  async runRiverV1(riverId: string, options: RiveryCallOptions = {}): Promise<Schemas['RiverRunResult']> {
    const river_id = checkId('objectId', 'riverId', riverId);
    const scope = await this.#scope(options.signal);
    return this.POST('/v1/accounts/{account_id}/environments/{environment_id}/rivers/{river_id}/run', {
      params: { path: { ...scope, river_id } },
      ...options,
    });
  }

  /** The state of an asynchronous operation (v1): `W`, `R`, `D` or `E` with `error_message`. */
  async getOperation(operationId: string, options: RiveryCallOptions = {}): Promise<Schemas['Operation']> {
    const operation_id = checkId('operationId', 'operationId', operationId);
    const scope = await this.#scope(options.signal);
    return this.GET('/v1/accounts/{account_id}/environments/{environment_id}/operations/{operation_id}', {
      params: { path: { ...scope, operation_id } },
      ...options,
    });
  }

  /** The account and environment of v1 calls; what the options lack is read once from `me()`. */
  #scope(signal: AbortSignal | undefined): Promise<Scope> {
    if (this.#accountId !== undefined && this.#environmentId !== undefined) {
      return Promise.resolve({ account_id: this.#accountId, environment_id: this.#environmentId });
    }
    const shared = this.#scopeLookup;
    if (shared.me === undefined) {
      const lookup = this.me().then(
        (me) => ({ account_id: this.#accountId ?? me.account_id, environment_id: this.#environmentId ?? me.environment_id }),
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
