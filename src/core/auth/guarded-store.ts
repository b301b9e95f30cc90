import { timeoutSignal, untilAborted } from '../util/abortable';
import { backoffMs, type BackoffSettings } from '../util/backoff';
import { headerSafe } from './credential-source';
import type { StoredToken, TokenLease, TokenStore } from './token-store';

/** Settings of a `GuardedStore`. */
export interface GuardedStoreOptions {
  /** Budget of one store operation, in ms. */
  timeoutMs: number;
  /** Clock (epoch ms). */
  now: () => number;
  /** Called once per operation that failed or ran past its budget. */
  onFailure: () => void;
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

/**
 * A `TokenStore` seen through a budget: every operation answers within `timeoutMs`, never throws,
 * and a failure (error, rejection, timeout) is counted and rests the store for a few seconds, during
 * which the process renews on its own. Malformed entries read back as nothing.
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
    this.#options.onFailure();
    return overBudget;
  }
}
