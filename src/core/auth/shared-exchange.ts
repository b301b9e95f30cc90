import type { GuardedStoreOptions } from './guarded-store';
import type { AccessToken } from './auth';
import { isAdoptable, ownPoints, sharedPoints } from './token-usability';
import type { TokenStore } from './token-store';

/** One renewal asked of the shared exchange by a client's token cache. */
export interface Renewal {
  /** The credential's cache key. */
  key: string;
  /** The store seen through its budget, when this credential's tokens may be shared through it. */
  store: SharedStore | undefined;
  /** The token in service and still usable (inside its refresh window); undefined when callers wait. */
  current: string | undefined;
  /** A token the API just rejected: never adopted again, and taken out of the store. */
  rejected: string | undefined;
  /** One exchange with the credential, under a deadline of its own. */
  exchange: () => Promise<AccessToken>;
  now: () => number;
  /** How long one exchange may take: with the lease, the bound on waiting for another process. */
  exchangeDeadlineMs: number;
}

/** The shared exchange, as the store's part calls it: `renewAt` chooses the token's renewal point (a fleet's, for a lease holder). */
export type Exchange = (renewAt?: (token: AccessToken) => number) => Promise<AccessToken>;

/** The store's part of a renewal (`GuardedStore`): adoption from the store, and its lease. */
export interface SharedStore {
  renew(state: KeyState, renewal: Renewal, exchange: Exchange): Promise<AccessToken | undefined>;
}

/** Wraps a store for sharing, given its budget, its clock and what to do when it fails. */
export type StoreSharing = (store: TokenStore, options: GuardedStoreOptions) => SharedStore;

/** What one process knows about one credential key of a store. */
export interface KeyState {
  /** The renewal under way, shared by every client of this store in this process. */
  flight: Promise<AccessToken | undefined> | undefined;
  /** The last token obtained or adopted, with `renewAt` set to its renewal point. */
  latest: AccessToken | undefined;
  /** Tokens the API rejected, most recent last (a few are enough: tokens do not come back). */
  rejected: string[];
}

const rejectedKept = 8;

/** The renewal point of a token this process keeps to itself: the refresh window's edge, or its own `renewAt`. */
const windowEdge = (token: AccessToken) => ownPoints(token).refreshAt;
const keysBeforePruning = 256;


/** Exchanges per store, then per key: clients that share a store share one renewal per credential. */
const exchanges = new WeakMap<TokenStore, SharedExchange>();

/** The shared exchange of a store in this process. */
export function sharedExchangeFor(store: TokenStore): SharedExchange {
  let shared = exchanges.get(store);
  if (shared === undefined) exchanges.set(store, (shared = new SharedExchange()));
  return shared;
}

/**
 * Store adoption and the in-flight exchange, shared by the clients of one store. A renewal first
 * looks at what this process already has, then at the store, then takes the store's lease (when it
 * offers leases) and exchanges; without the lease it keeps the current token in service or polls
 * the store until the holder commits. A finished renewal is never joined: later renewals see its
 * token through `latest`, checked like any other candidate, so a rejected or expired token is never
 * handed out again (issue 11 item 2).
 */
export class SharedExchange {
  readonly #keys = new Map<string, KeyState>();

  /** A new token, or undefined when another process is renewing and `current` stays in service. */
  async renew(renewal: Renewal): Promise<AccessToken | undefined> {
    const state = this.#state(renewal.key);
    if (renewal.rejected !== undefined) this.#reject(state, renewal.rejected);
    for (;;) {
      const { latest } = state;
      if (latest !== undefined && adoptable(latest, renewal)) return latest;
      if (state.flight === undefined) {
        const flight: Promise<AccessToken | undefined> = this.#run(state, renewal).finally(() => {
          if (state.flight === flight) state.flight = undefined;
        });
        state.flight = flight;
      }
      const token = await state.flight;
      // The flight's starter could keep its token in service; a caller without one starts its own.
      if (token !== undefined || renewal.current !== undefined) return token;
    }
  }

  #state(key: string): KeyState {
    let state = this.#keys.get(key);
    if (state === undefined) {
      if (this.#keys.size >= keysBeforePruning) this.#prune();
      this.#keys.set(key, (state = { flight: undefined, latest: undefined, rejected: [] }));
    }
    return state;
  }

  /**
   * Forgets the keys with nothing under way: clients built per call on one store with per-instance
   * keys (a tokenFunction without cacheKey) would otherwise pile up here. Only sharing is lost: each
   * client keeps its own token.
   */
  #prune(): void {
    for (const [key, state] of this.#keys) if (state.flight === undefined) this.#keys.delete(key);
  }

  #reject(state: KeyState, token: string): void {
    if (!state.rejected.includes(token)) state.rejected.push(token);
    if (state.rejected.length > rejectedKept) state.rejected.shift();
    if (state.latest?.token === token) state.latest = undefined;
  }

  /** The store's renewal when the credential shares through one, else an exchange of this process's own. */
  #run(state: KeyState, renewal: Renewal): Promise<AccessToken | undefined> {
    const exchange: Exchange = (renewAt) => this.#exchange(state, renewal, renewAt);
    return renewal.store === undefined ? exchange() : renewal.store.renew(state, renewal, exchange);
  }

  /**
   * An exchange, its token carrying the renewal point (jittered for a fleet, the window's edge
   * otherwise) and remembered as the latest; a fresh exchange clears its value of any rejection.
   */
  async #exchange(state: KeyState, renewal: Renewal, renewAt = windowEdge): Promise<AccessToken> {
    const token = await renewal.exchange();
    state.rejected = state.rejected.filter((value) => value !== token.token);
    const renewed = { ...token, renewAt: renewAt(token) };
    state.latest = renewed;
    return renewed;
  }
}

/**
 * Whether a token (the latest, or one read from the store) can be adopted. A rejected token is
 * never the latest (`#reject` clears it, `#exchange` clears a fresh value of its rejection), and the
 * store's is checked as it is read: what reaches here is not rejected.
 */
export function adoptable(token: AccessToken, renewal: Renewal): boolean {
  return isAdoptable(sharedPoints(token), token.token, renewal.current, renewal.now());
}
