import { KeycardError } from '../errors/keycard-error';
import type { Observer } from '../observe/observer';
import { failureView } from '../observe/views';
import { sleep, timeoutSignal, untilAborted } from '../util/abortable';
import { backoffMs, shortPauseMs, type BackoffSettings } from '../util/backoff';
import type { AccessToken } from './auth';
import { headerSafe } from './credential-source';
import { adoptable, type Exchange, type KeyState, type Renewal, type StoreSharing } from './shared-exchange';
import { fleetRenewAt } from './token-usability';
import type { StoredToken, TokenLease, TokenStore } from './token-store';

/** Settings of a `GuardedStore`. */
export interface GuardedStoreOptions {
  /** Budget of one store operation, in ms. */
  timeoutMs: number;
  /** Clock (epoch ms). */
  now: () => number;
  /** Where an operation that failed or ran past its budget is counted. */
  stats: { storeFailures: number };
  /** Told of each failure, the first at warn. */
  observer: Observer | undefined;
  /** Secret values the credential has read, scrubbed from what the observer is told. */
  secrets: () => readonly string[];
}

/** What asking for a lease gave: the lease, another holder's turn, or no answer from the store. */
export type LeaseAnswer = { lease: TokenLease } | 'held' | 'failed';

/** Whether a store's entry is one keycard could have written: a sendable token, finite times. */
export function isWellFormed(stored: unknown): stored is StoredToken {
  const entry = stored as StoredToken;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.token === 'string' &&
    headerSafe.test(entry.token) &&
    Number.isFinite(entry.issuedAt) &&
    Number.isFinite(entry.expiresAt) &&
    entry.expiresAt > entry.issuedAt &&
    (entry.renewAt === undefined || Number.isFinite(entry.renewAt))
  );
}

/** After a failure the store rests, so a store that is down costs one budget, not one per renewal: 0.5 s doubling to 5 s, jittered. */
const storeRest: BackoffSettings = { baseMs: 500, maxMs: 5_000, jitter: 'equal' };

const overBudget = Symbol('over budget');

/** What the observer is told of a store that failed or ran past its budget. */
const storeFailure = new KeycardError('The token store failed or did not answer within tokenStoreTimeoutMs');

/**
 * Sharing through a store, for the credentials that may be shared: named by the `Auth` makers that
 * can share (`clientCredentials`, `tokenFunction`) and by `createClient` for any `Auth`, so that a
 * bundle whose only credential is an API key (never shared) carries none of it.
 */
export const shareThroughStore: StoreSharing = (store, options) => new GuardedStore(store, options);

/**
 * A `TokenStore` seen through a budget: every operation answers within `timeoutMs`, never throws,
 * and a failure (error, rejection, timeout) is counted and rests the store for a few seconds, during
 * which the process renews on its own. Malformed entries read back as nothing. It also carries out
 * the store's part of a shared renewal: adoption, and the lease that gives a fleet one exchange.
 */
export class GuardedStore {
  readonly #store: TokenStore;
  readonly #options: GuardedStoreOptions;
  #failures = 0;
  #restUntil = 0;

  constructor(store: TokenStore, options: GuardedStoreOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** Whether the store is to be asked now (not resting after a failure). */
  get available(): boolean {
    return this.#options.now() >= this.#restUntil;
  }

  /** The lease length when the store offers leases, else undefined. */
  get leaseMs(): number | undefined {
    const store = this.#store;
    const { leaseMs } = store;
    const complete = typeof store.acquireLease === 'function' && typeof store.commitLease === 'function';
    return complete && typeof leaseMs === 'number' && leaseMs > 0 ? leaseMs : undefined;
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const answer = await this.call((store) => store.get(key));
    return answer !== overBudget && isWellFormed(answer) ? answer : undefined;
  }

  async acquireLease(key: string): Promise<LeaseAnswer> {
    const answer = await this.call((store) => store.acquireLease!(key));
    if (answer === overBudget) return 'failed';
    return answer === undefined ? 'held' : { lease: answer };
  }

  /**
   * One operation within the budget. Writes, deletes and a lease's commit or release are run
   * through it directly: nothing reads their answers, and a failure is counted like any other.
   */
  async call<T>(operation: (store: TokenStore) => T | Promise<T>): Promise<T | typeof overBudget> {
    if (!this.available) return overBudget;
    const budget = timeoutSignal(this.#options.timeoutMs, () => overBudget);
    try {
      // Past the budget the wait ends; the operation may still finish, unheard.
      const answer = await untilAborted(Promise.resolve(this.#store).then(operation), budget.signal);
      this.#failures = 0;
      return answer;
    } catch {
      // The store's own error is not repeated anywhere: it may quote the command, token included.
    } finally {
      budget.clear();
    }
    this.#failures += 1;
    this.#restUntil = this.#options.now() + backoffMs(this.#failures, storeRest);
    const { stats, observer, secrets } = this.#options;
    stats.storeFailures += 1;
    // The store's own error is never passed on: it may quote the command, token included.
    observer?.storeFailed(failureView('token-store', { method: 'store', attempts: 0 }, storeFailure, secrets()));
    return overBudget;
  }
  /**
   * A renewal through the store: a token from it, else the lease (when the store offers leases)
   * and an exchange; without the lease the current token stays in service or the store is polled
   * until the holder commits. A resting store gets no lease race: the token is written if the store
   * is back by then. `exchange` is the shared exchange's, remembering its token as the latest.
   */
  async renew(state: KeyState, renewal: Renewal, exchange: Exchange): Promise<AccessToken | undefined> {
    const adopted = await this.#adopt(state, renewal);
    if (adopted !== undefined) return adopted;
    const { leaseMs } = this;
    if (leaseMs !== undefined && this.available) return this.#renewWithLease(state, renewal, leaseMs, exchange);
    const token = await exchange();
    void this.call((store) => store.set(renewal.key, stored(token)));
    return token;
  }

  /** A usable token from the store; one the API rejected is deleted there (only if it is still that one). */
  async #adopt(state: KeyState, renewal: Renewal): Promise<AccessToken | undefined> {
    const found = await this.get(renewal.key);
    if (found === undefined) return undefined;
    if (state.rejected.includes(found.token)) {
      await this.call((store) => store.delete(renewal.key, found.token));
      return undefined;
    }
    if (!adoptable(found, renewal)) return undefined;
    state.latest = found;
    return found;
  }

  /**
   * One exchange for the fleet: the lease holder exchanges and commits; the others keep their token
   * in service, or poll the store until the holder commits, for at most the lease plus one
   * exchange, then exchange themselves.
   */
  async #renewWithLease(state: KeyState, renewal: Renewal, leaseMs: number, exchange: Exchange): Promise<AccessToken | undefined> {
    const waitUntil = renewal.now() + leaseMs + renewal.exchangeDeadlineMs;
    for (;;) {
      const answer = await this.acquireLease(renewal.key);
      if (answer === 'failed') break;
      if (answer !== 'held') return this.#holdLease(state, renewal, answer.lease, exchange);
      if (renewal.current !== undefined) return undefined;
      if (renewal.now() >= waitUntil) break;
      // Between polls of the store while another process holds the lease: a tenth of the lease.
      await sleep(shortPauseMs(leaseMs / 10));
      const adopted = await this.#adopt(state, renewal);
      if (adopted !== undefined) return adopted;
    }
    // The store is down, or the holder never committed: this process takes over on its own.
    return exchange();
  }

  async #holdLease(state: KeyState, renewal: Renewal, lease: TokenLease, exchange: Exchange): Promise<AccessToken> {
    const release = () => void this.call((store) => store.releaseLease?.(renewal.key, lease));
    // The previous holder may have committed between our read and our lease.
    const adopted = await this.#adopt(state, renewal);
    if (adopted !== undefined) {
      release();
      return adopted;
    }
    let token: AccessToken;
    try {
      token = await exchange(fleetRenewAt);
    } catch (error) {
      release();
      throw error;
    }
    // Not awaited: the fresh token is in service here whether or not the store keeps it.
    void this.call((store) => store.commitLease!(renewal.key, lease, stored(token)));
    return token;
  }
}

/** What goes into a store: the access token and its times (`renewAt` is set by the exchange), nothing else. */
function stored({ token, issuedAt, expiresAt, renewAt }: AccessToken): StoredToken {
  return { token, issuedAt, expiresAt, renewAt };
}
