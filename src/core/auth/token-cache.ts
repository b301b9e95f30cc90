import { TimeoutError } from '../errors/connection-errors';
import { KeycardError } from '../errors/keycard-error';
import { errorFromAbort } from '../errors/error-from-abort';
import { timeoutSignal, untilAborted } from '../util/abortable';
import type { AccessToken, Auth } from './auth';
import type { TokenStore } from './token-store';
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
}

/** Counters a cache keeps about itself. */
export interface TokenCacheStats {
  /** Exchanges started (token endpoint requests, or calls of a token or key function); fixed keys count none. */
  exchanges: number;
  /** Background renewals that failed while the current token was still in service. */
  backgroundFailures: number;
}

/**
 * Exchanges under way, per store and credential key: clients that share a store share one exchange
 * per credential, not only one per client.
 */
const inFlight = new WeakMap<TokenStore, Map<string, Promise<AccessToken>>>();

/** Full-jitter-ish backoff between failed background renewals: half fixed, half random, ≤ 30 s. */
const backgroundBackoffMs = (failures: number) => {
  const base = Math.min(30_000, 1_000 * 2 ** (failures - 1));
  return base / 2 + (Math.random() * base) / 2;
};

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
  #entry: TokenEntry | undefined;
  #pending: Promise<TokenEntry> | undefined;
  #rejectedToken: string | undefined;
  #failures = 0;
  #nextBackgroundAt = 0;
  readonly #stats: TokenCacheStats = { exchanges: 0, backgroundFailures: 0 };

  constructor(auth: Auth, options: TokenCacheOptions) {
    this.#auth = auth;
    this.#store = options.store;
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
    this.#deadlineMs = options.exchangeDeadlineMs ?? 60_000;
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
  peek(): TokenEntry | undefined {
    const entry = this.#entry;
    if (entry === undefined) return undefined;
    const now = this.#now();
    if (now < entry.refreshAt) return entry;
    if (now >= entry.usableUntil) return undefined;
    this.#renewInBackground(now);
    return entry;
  }

  /** The token to send, waiting for an exchange when there is no usable one. `signal` ends only this wait. */
  get(signal?: AbortSignal): Promise<TokenEntry> {
    const entry = this.peek();
    if (entry !== undefined) return Promise.resolve(entry);
    // An aborted caller starts no exchange that nobody would wait for.
    if (signal?.aborted) return Promise.reject(errorFromAbort(signal.reason));
    return untilAborted(this.#pending ?? this.#renew(), signal);
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

  #renewInBackground(now: number): void {
    if (this.#pending !== undefined || now < this.#nextBackgroundAt) return;
    this.#renew().catch(() => {
      // The current token stays in service; the next call after the backoff tries again.
      this.#stats.backgroundFailures += 1;
    });
  }

  #renew(): Promise<TokenEntry> {
    const pending = this.#exchange().then(
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
        this.#nextBackgroundAt = this.#now() + backgroundBackoffMs(this.#failures);
        throw error;
      },
    );
    this.#pending = pending;
    return pending;
  }

  async #exchange(): Promise<TokenEntry> {
    const key = this.#auth.cacheKey;
    const stored = await this.#store.get(key);
    if (stored !== undefined) {
      if (this.#rejectedToken !== undefined && this.#valueOf(stored.token) === this.#rejectedToken) {
        await this.#store.delete(key);
      } else if (this.#isUsable(stored)) {
        return this.#entryFor(stored);
      }
    }

    let flights = inFlight.get(this.#store);
    if (flights === undefined) inFlight.set(this.#store, (flights = new Map()));
    let flight = flights.get(key);
    if (flight === undefined) {
      const started = this.#obtain(key);
      flight = started;
      flights.set(key, started);
      const done = () => flights.get(key) === started && flights.delete(key);
      started.then(done, done);
    }
    const token = await flight;
    this.#rejectedToken = undefined;
    return this.#entryFor(token);
  }

  /**
   * Whether a stored token can be adopted instead of an exchange: before its refresh point, or, when
   * it is not the token being renewed, until its hard margin (the next call then renews it in the
   * background, as for any token inside its window).
   */
  #isUsable(stored: AccessToken): boolean {
    const timing = tokenTiming(stored.issuedAt, stored.expiresAt);
    const now = this.#now();
    if (now < timing.refreshAt) return true;
    return now < timing.usableUntil && this.#entry?.value !== this.#valueOf(stored.token);
  }

  /** One exchange, bounded by the deadline, stored for whoever shares the store. */
  async #obtain(key: string): Promise<AccessToken> {
    // A fixed API key is read, not exchanged.
    if (this.#auth.refreshable) this.#stats.exchanges += 1;
    const deadline = timeoutSignal(
      this.#deadlineMs,
      () => new TimeoutError(`Obtaining a token took longer than ${this.#deadlineMs} ms`),
    );
    try {
      const token = await untilAborted(
        Promise.resolve(this.#auth.getToken({ signal: deadline.signal, fetch: this.#fetch, now: this.#now })),
        deadline.signal,
      );
      this.#check(token);
      // Fixed API keys are not exchanged, so there is nothing to share: keep them out of shared stores.
      if (Number.isFinite(token.expiresAt)) {
        await this.#store.set(key, { token: token.token, issuedAt: token.issuedAt, expiresAt: token.expiresAt });
      }
      return token;
    } finally {
      deadline.clear();
    }
  }

  #check(token: AccessToken): void {
    if (typeof token?.token !== 'string' || token.token === '' || /[\s]/.test(token.token)) {
      throw new KeycardError('The credential source returned no usable token (empty, or containing whitespace)');
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
      refreshAt: timing.refreshAt,
      usableUntil: timing.usableUntil,
    };
  }
}
