import { sleep } from '../util/abortable';
import { shortPauseMs } from '../util/backoff';
import type { AccessToken } from './auth';
import type { GuardedStore } from './guarded-store';
import { fleetRenewAt, isAdoptable, ownPoints, sharedPoints } from './token-usability';
import type { StoredToken, TokenLease, TokenStore } from './token-store';

/** One renewal asked of the shared exchange by a client's token cache. */
export interface Renewal {
  /** The credential's cache key. */
  key: string;
  /** The store seen through its budget, when this credential's tokens may be shared through it. */
  store: GuardedStore | undefined;
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

/** What one process knows about one credential key of a store. */
interface KeyState {
  /** The renewal under way, shared by every client of this store in this process. */
  flight: Promise<AccessToken | undefined> | undefined;
  /** The last token obtained or adopted, with `renewAt` set to its renewal point. */
  latest: AccessToken | undefined;
  /** Tokens the API rejected, most recent last (a few are enough: tokens do not come back). */
  rejected: string[];
}

const rejectedKept = 8;
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
      if (latest !== undefined && this.#adoptable(latest, renewal)) return latest;
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

  // A rejected token is never the latest (`#reject` clears it, `#exchange` clears a fresh value of
  // its rejection) and the store's is checked as it is read: what reaches here is not rejected.
  #adoptable(token: AccessToken, renewal: Renewal): boolean {
    return isAdoptable(sharedPoints(token), token.token, renewal.current, renewal.now());
  }

  // A resting store is not asked again here: every `GuardedStore` operation answers at once as a
  // failure while the store rests (`get` finds nothing, `acquireLease` fails, `set` does nothing).
  async #run(state: KeyState, renewal: Renewal): Promise<AccessToken | undefined> {
    const { key, store } = renewal;
    if (store !== undefined) {
      const adopted = await this.#fromStore(state, renewal, store);
      if (adopted !== undefined) return adopted;
      const leaseMs = store.leaseMs;
      // A resting store gets no lease race: the token is written if the store is back by then.
      if (leaseMs !== undefined && store.available) return this.#renewWithLease(state, renewal, store, leaseMs);
    }
    const token = await this.#exchange(state, renewal, false);
    void store?.call((kept) => kept.set(key, stored(token)));
    return token;
  }

  /** A usable token from the store; one the API rejected is deleted there (only if it is still that one). */
  async #fromStore(state: KeyState, renewal: Renewal, store: GuardedStore): Promise<AccessToken | undefined> {
    const found = await store.get(renewal.key);
    if (found === undefined) return undefined;
    if (state.rejected.includes(found.token)) {
      await store.call((kept) => kept.delete(renewal.key, found.token));
      return undefined;
    }
    if (!this.#adoptable(found, renewal)) return undefined;
    state.latest = found;
    return found;
  }

  /**
   * One exchange for the fleet: the lease holder exchanges and commits; the others keep their token
   * in service, or poll the store until the holder commits, for at most the lease plus one
   * exchange, then exchange themselves.
   */
  async #renewWithLease(state: KeyState, renewal: Renewal, store: GuardedStore, leaseMs: number): Promise<AccessToken | undefined> {
    const waitUntil = renewal.now() + leaseMs + renewal.exchangeDeadlineMs;
    for (;;) {
      const answer = await store.acquireLease(renewal.key);
      if (answer === 'failed') break;
      if (answer !== 'held') return this.#holdLease(state, renewal, store, answer.lease);
      if (renewal.current !== undefined) return undefined;
      if (renewal.now() >= waitUntil) break;
      // Between polls of the store while another process holds the lease: a tenth of the lease.
      await sleep(shortPauseMs(leaseMs / 10));
      const adopted = await this.#fromStore(state, renewal, store);
      if (adopted !== undefined) return adopted;
    }
    // The store is down, or the holder never committed: this process takes over on its own.
    return this.#exchange(state, renewal, false);
  }

  async #holdLease(state: KeyState, renewal: Renewal, store: GuardedStore, lease: TokenLease): Promise<AccessToken> {
    // The previous holder may have committed between our read and our lease.
    const adopted = await this.#fromStore(state, renewal, store);
    if (adopted !== undefined) {
      void store.call((kept) => kept.releaseLease?.(renewal.key, lease));
      return adopted;
    }
    let token: AccessToken;
    try {
      token = await this.#exchange(state, renewal, true);
    } catch (error) {
      void store.call((kept) => kept.releaseLease?.(renewal.key, lease));
      throw error;
    }
    // Not awaited: the fresh token is in service here whether or not the store keeps it.
    void store.call((kept) => kept.commitLease!(renewal.key, lease, stored(token)));
    return token;
  }

  /**
   * An exchange, its token carrying the renewal point (jittered for a fleet, the window's edge
   * otherwise) and remembered as the latest; a fresh exchange clears its value of any rejection.
   */
  async #exchange(state: KeyState, renewal: Renewal, fleet: boolean): Promise<AccessToken> {
    const token = await renewal.exchange();
    state.rejected = state.rejected.filter((value) => value !== token.token);
    const renewed = { ...token, renewAt: fleet ? fleetRenewAt(token) : ownPoints(token).refreshAt };
    state.latest = renewed;
    return renewed;
  }
}

/** What goes into a store: the access token and its times (`renewAt` is set by `#exchange`), nothing else. */
function stored({ token, issuedAt, expiresAt, renewAt }: AccessToken): StoredToken {
  return { token, issuedAt, expiresAt, renewAt };
}
