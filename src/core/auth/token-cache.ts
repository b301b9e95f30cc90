import { TimeoutError } from '../errors/connection-errors';
import { isKeycardError, KeycardError } from '../errors/keycard-error';
import { errorFromAbort } from '../errors/error-from-abort';
import { timeoutSignal, untilAborted } from '../util/abortable';
import type { AccessToken, Auth } from './auth';
import { headerSafe } from './credential-source';
import { backoffMs, type BackoffSettings } from '../util/backoff';
import { describeCause } from '../util/describe-cause';
import type { Observer } from '../observe/observer';
import { failureView, tokenExchangeView, type TokenExchangeView } from '../observe/views';
import { credentialKey } from './credential-key';
import type { StoredToken, TokenStore } from './token-store';
import { tokenTiming } from './token-timing';

/** A token ready to be sent, with its precomputed header value and timing. */
export interface TokenEntry {
  /** The header value: `Bearer <token>` or the bare API key. */
  readonly value: string;
  readonly refreshAt: number;
  readonly usableUntil: number;
}

/** Settings of a `TokenCache`. */
export interface TokenCacheOptions {
  store: TokenStore;
  fetch: typeof globalThis.fetch;
  /** Clock (epoch ms). @default Date.now */
  now?: () => number;
  /** Bound on one exchange, whatever the `Auth` does with its signal. @default 60_000 */
  exchangeDeadlineMs?: number;
  /** Told of exchanges and store failures. @default none */
  observer?: Observer | undefined;
}

/** Counters a cache keeps about itself. */
export interface TokenCacheStats {
  /** Exchanges started (token endpoint requests, or calls of a token or key function); fixed keys count none. */
  exchanges: number;
  /** Background renewals that failed while the current token was still in service. */
  backgroundFailures: number;
  /** Fresh tokens the store failed to keep (its `set()` threw or rejected); they were used all the same. */
  storeFailures: number;
}

/**
 * Exchanges under way, per store and credential key: clients that share a store share one exchange
 * per credential, not only one per client.
 */
const inFlight = new WeakMap<TokenStore, Map<string, Promise<AccessToken>>>();

/** Whether a store's entry is one keycard could have written: a sendable token, finite times. */
function isWellFormed(stored: StoredToken): boolean {
  return (
    typeof stored === 'object' &&
    stored !== null &&
    typeof stored.token === 'string' &&
    headerSafe.test(stored.token) &&
    Number.isFinite(stored.issuedAt) &&
    // Infinity: a key read from a function, which does not expire by the clock but is read again at renewAt.
    (Number.isFinite(stored.expiresAt) || (stored.expiresAt === Infinity && Number.isFinite(stored.renewAt))) &&
    stored.expiresAt > stored.issuedAt &&
    (stored.renewAt === undefined || Number.isFinite(stored.renewAt))
  );
}

/** Backoff between failed background renewals: half fixed, half random, ≤ 30 s. */
const backgroundBackoff: BackoffSettings = { baseMs: 1_000, maxMs: 30_000, jitter: 'equal' };

/**
 * The one caching layer over an `Auth`. It hands out the current token synchronously while it is
 * fresh, starts a single background renewal inside the refresh window, makes callers wait only
 * inside the hard margin, and shares one exchange between any number of concurrent callers.
 */
export class TokenCache {
  readonly #auth: Auth;
  readonly #store: TokenStore;
  readonly #fetch: typeof globalThis.fetch;
  readonly #now: () => number;
  readonly #deadlineMs: number;
  readonly #observer: Observer | undefined;
  #entry: TokenEntry | undefined;
  #pending: Promise<TokenEntry> | undefined;
  #rejectedToken: string | undefined;
  #failures = 0;
  #nextBackgroundAt = 0;
  readonly #stats: TokenCacheStats = { exchanges: 0, backgroundFailures: 0, storeFailures: 0 };

  constructor(auth: Auth, options: TokenCacheOptions) {
    this.#auth = auth;
    this.#store = options.store;
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
    this.#deadlineMs = options.exchangeDeadlineMs ?? 60_000;
    this.#observer = options.observer;
  }

  /** The credential's header name. */
  get header(): Auth['header'] {
    return this.#auth.header;
  }

  /** Whether a 401 may be answered by a new exchange. */
  get refreshable(): boolean {
    return this.#auth.refreshable;
  }

  /** A snapshot of the counters. */
  get stats(): TokenCacheStats {
    return { ...this.#stats };
  }

  /**
   * The token to send now, without waiting, or undefined when the caller must wait. Inside the
   * refresh window it also starts the one background renewal.
   */
  peek(fetch?: typeof globalThis.fetch): TokenEntry | undefined {
    const entry = this.#entry;
    if (entry === undefined) return undefined;
    const now = this.#now();
    if (now < entry.refreshAt) return entry;
    if (now >= entry.usableUntil) return undefined;
    this.#renewInBackground(now, fetch);
    return entry;
  }

  /**
   * The token to send, waiting for an exchange when there is no usable one. `signal` ends only this
   * wait; `fetch` (a derived client's) makes the token request if this call starts one.
   */
  get(signal?: AbortSignal, fetch?: typeof globalThis.fetch): Promise<TokenEntry> {
    const entry = this.peek(fetch);
    if (entry !== undefined) return Promise.resolve(entry);
    // An aborted caller starts no exchange that nobody would wait for.
    if (signal?.aborted) return Promise.reject(errorFromAbort(signal.reason));
    return untilAborted(this.#pending ?? this.#renew(fetch, 'blocking'), signal);
  }

  /**
   * After a 401: forgets the current token if it is the one that was sent (the header value sent
   * identifies the token's generation, since ky sends copies of the request),
   * so that a 401 for an older token does not cause a second renewal. Returns whether it did.
   */
  invalidate(sentValue: string | null): boolean {
    const entry = this.#entry;
    if (entry === undefined || entry.value !== sentValue) return false;
    this.#entry = undefined;
    this.#rejectedToken = sentValue;
    return true;
  }

  #renewInBackground(now: number, fetch: typeof globalThis.fetch | undefined): void {
    if (this.#pending !== undefined || now < this.#nextBackgroundAt) return;
    this.#renew(fetch, 'background').catch(() => {
      // The current token stays in service; the next call after the backoff tries again.
      this.#stats.backgroundFailures += 1;
    });
  }

  #renew(fetch: typeof globalThis.fetch | undefined, mode: TokenExchangeView['mode']): Promise<TokenEntry> {
    const pending = this.#exchange(fetch ?? this.#fetch, mode).then(
      (entry) => {
        this.#pending = undefined;
        this.#entry = entry;
        this.#failures = 0;
        this.#nextBackgroundAt = 0;
        return entry;
      },
      (error: unknown) => {
        this.#pending = undefined;
        this.#failures += 1;
        this.#nextBackgroundAt = this.#now() + backoffMs(this.#failures, backgroundBackoff);
        throw error;
      },
    );
    this.#pending = pending;
    return pending;
  }

  /**
   * A token from the store, or else from one exchange shared by everyone using the same store. The
   * store is asked under the same deadline as the exchange: a store that hangs fails this renewal,
   * not every call after it.
   */
  async #exchange(fetch: typeof globalThis.fetch, mode: TokenExchangeView['mode']): Promise<TokenEntry> {
    const key = this.#auth.cacheKey;
    // This caller's deadline: its store calls and its wait; the exchange it may start has its own.
    const deadline = timeoutSignal(this.#deadlineMs, () => new TimeoutError(`Obtaining a token took longer than ${this.#deadlineMs} ms`));
    try {
      const stored = await this.#askStore('get', () => this.#store.get(key), deadline.signal);
      if (stored !== undefined && isWellFormed(stored)) {
        if (this.#rejectedToken !== undefined && this.#valueOf(stored.token) === this.#rejectedToken) {
          await this.#askStore('delete', () => this.#store.delete(key), deadline.signal);
        } else if (this.#isUsable(stored)) {
          return this.#entryFor(stored);
        }
      }

      let flights = inFlight.get(this.#store);
      if (flights === undefined) inFlight.set(this.#store, (flights = new Map()));
      let flight = flights.get(key);
      if (flight === undefined) {
        const started: Promise<AccessToken> = this.#obtain(key, fetch, mode, () => flights.get(key) === started && flights.delete(key));
        flight = started;
        flights.set(key, started);
      }
      const token = await untilAborted(flight, deadline.signal);
      this.#rejectedToken = undefined;
      return this.#entryFor(token);
    } finally {
      deadline.clear();
    }
  }

  /** One call of the store, bounded by the deadline; its failure names the store, never a token. */
  async #askStore<T>(method: string, call: () => T | Promise<T>, deadline: AbortSignal): Promise<T> {
    try {
      return await untilAborted(Promise.resolve().then(call), deadline);
    } catch (error) {
      if (isKeycardError(error)) throw error;
      this.#observer?.storeFailed(failureView('token-store', { method, attempts: 0 }, error, this.#secrets()));
      throw new KeycardError(`The token store's ${method}() failed: ${describeCause(error)}`, { cause: error });
    }
  }

  /**
   * Whether a stored token can be adopted instead of an exchange: before its refresh point, or, when
   * it is not the token being renewed, until its hard margin (the next call then renews it in the
   * background, as for any token inside its window).
   */
  #isUsable(stored: AccessToken): boolean {
    const entry = this.#entryFor(stored);
    const now = this.#now();
    if (now < entry.refreshAt) return true;
    return now < entry.usableUntil && this.#entry?.value !== entry.value;
  }

  /**
   * One call of the `Auth` under a deadline of its own (whoever joins it must not inherit the time
   * its starter spent on the store), then the store write. The token goes to the callers at once,
   * but the exchange stays registered (`release`) until the store has it, so that a client reading
   * the store meanwhile joins this exchange instead of starting another.
   */
  async #obtain(key: string, fetch: typeof globalThis.fetch, mode: TokenExchangeView['mode'], release: () => void): Promise<AccessToken> {
    // A fixed API key is read, not exchanged.
    if (this.#auth.refreshable) this.#stats.exchanges += 1;
    const deadline = timeoutSignal(this.#deadlineMs, () => new TimeoutError(`Obtaining a token took longer than ${this.#deadlineMs} ms`));
    const observer = this.#auth.refreshable ? this.#observer : undefined;
    const after401 = this.#rejectedToken !== undefined;
    const startedAt = this.#now();
    const credential = observer === undefined ? '' : credentialKey('credential', [key]);
    const run = async () => {
      const token = await untilAborted(Promise.resolve(this.#auth.getToken({ signal: deadline.signal, fetch, now: this.#now })), deadline.signal);
      this.#check(token);
      return token;
    };
    let token: AccessToken;
    try {
      token = await (observer === undefined ? run() : observer.traceExchange({ credential, mode }, run, (got) => got.expiresAt - got.issuedAt));
    } catch (error) {
      deadline.clear();
      release();
      observer?.tokenExchanged(tokenExchangeView(credential, { mode, after401, durationMs: this.#now() - startedAt }, { error }, this.#secrets()));
      throw error;
    }
    observer?.tokenExchanged(
      tokenExchangeView(credential, { mode, after401, durationMs: this.#now() - startedAt }, { lifetimeMs: token.expiresAt - token.issuedAt }),
    );
    // Fixed API keys are not exchanged, so there is nothing to share: keep them out of shared stores.
    if (!this.#auth.refreshable) {
      deadline.clear();
      release();
      return token;
    }
    const entry: StoredToken = { token: token.token, issuedAt: token.issuedAt, expiresAt: token.expiresAt };
    if (token.renewAt !== undefined) entry.renewAt = token.renewAt;
    // Not awaited by the callers: the fresh token is in use whether or not the store keeps it.
    untilAborted(Promise.resolve().then(() => this.#store.set(key, entry)), deadline.signal)
      .catch((error: unknown) => {
        this.#stats.storeFailures += 1;
        this.#observer?.storeFailed(failureView('token-store', { method: 'set', attempts: 0 }, error, this.#secrets()));
      })
      .finally(() => {
        deadline.clear();
        release();
      });
    return token;
  }

  /** What the credential has read (key, secret, tokens), scrubbed from what the observer is told. */
  #secrets(): readonly string[] {
    return this.#auth.knownSecrets?.() ?? [];
  }

  #check(token: AccessToken): void {
    if (typeof token?.token !== 'string' || !headerSafe.test(token.token)) {
      // The value is not repeated: it may be most of a secret.
      throw new KeycardError('The credential source returned no usable token (empty, or with whitespace or characters a header cannot carry)');
    }
    if (!(token.expiresAt > this.#now())) {
      throw new KeycardError('The credential source returned a token that had already expired');
    }
  }

  #valueOf(token: string): string {
    return this.#auth.header === 'authorization' ? `Bearer ${token}` : token;
  }

  #entryFor(token: AccessToken): TokenEntry {
    const timing = tokenTiming(token.issuedAt, token.expiresAt);
    return {
      value: this.#valueOf(token.token),
      refreshAt: Math.min(timing.refreshAt, token.renewAt ?? Infinity),
      usableUntil: timing.usableUntil,
    };
  }
}
