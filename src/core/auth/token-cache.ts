import { TimeoutError } from '../errors/connection-errors';
import { KeycardError } from '../errors/keycard-error';
import { errorFromAbort } from '../errors/error-from-abort';
import { timeoutSignal, untilAborted } from '../util/abortable';
import { backoffMs, shortPauseMs, type BackoffSettings } from '../util/backoff';
import type { AccessToken, Auth } from './auth';
import { storeSharing, type SharingAuth } from './store-sharing';
import { headerSafe } from './credential-source';
import { describeCause } from '../util/describe-cause';
import type { Observer } from '../observe/observer';
import { tokenExchangeView, type TokenExchangeView } from '../observe/views';
import { credentialKey } from './credential-key';
import { sharedExchangeFor, type SharedExchange, type SharedStore, type StoreSharing } from './shared-exchange';
import type { TokenStore } from './token-store';
import { sharedPoints } from './token-usability';

/**
 * A token ready to be sent, with its precomputed header value and timing. Each exchange makes a new
 * entry: the object is the credential's generation, even when a re-read returns the same value.
 */
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
  /** Budget of one token-store operation; past it the process renews on its own. @default 1_000 */
  storeTimeoutMs?: number;
  /**
   * How tokens are shared through `store` (`shareThroughStore`), for any `Auth` that allows it:
   * `createClient` names it, since it takes any `Auth`. Without it, only an `Auth` that brings its
   * own (`clientCredentials`, `tokenFunction`) shares; an API key never does. @default the Auth's own
   */
  sharing?: StoreSharing | undefined;
}

/** Counters a cache keeps about itself. */
export interface TokenCacheStats {
  /** Exchanges started (token endpoint requests, or calls of a token or key function); fixed keys count none. */
  exchanges: number;
  /** Background renewals that failed while the current token was still in service. */
  backgroundFailures: number;
  /** Token-store operations that failed or ran past their budget; the process renewed on its own meanwhile. */
  storeFailures: number;
}

/** Backoff between failed background renewals: half fixed, half random, ≤ 30 s. */
const backgroundBackoff: BackoffSettings = { baseMs: 1_000, maxMs: 30_000, jitter: 'equal' };

/**
 * The one caching layer over an `Auth`. It hands out the current token synchronously while it is
 * fresh, starts a single background renewal inside the refresh window, makes callers wait only
 * inside the hard margin, and shares one renewal between any number of concurrent callers (and,
 * through a store, between clients and processes).
 */
export class TokenCache {
  readonly #auth: Auth;
  readonly #shared: SharedExchange;
  readonly #store: SharedStore | undefined;
  readonly #fetch: typeof globalThis.fetch;
  readonly #now: () => number;
  readonly #deadlineMs: number;
  readonly #observer: Observer | undefined;
  /** What precedes the token in the header value: `Bearer ` in `authorization`, nothing in `x-api-key`. */
  readonly #prefix: string;
  #entry: TokenEntry | undefined;
  #pending: Promise<TokenEntry> | undefined;
  #rejectedToken: string | undefined;
  #failures = 0;
  #nextBackgroundAt = 0;
  readonly #stats: TokenCacheStats = { exchanges: 0, backgroundFailures: 0, storeFailures: 0 };

  constructor(auth: Auth, options: TokenCacheOptions) {
    this.#auth = auth;
    this.#shared = sharedExchangeFor(options.store);
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
    this.#deadlineMs = options.exchangeDeadlineMs ?? 60_000;
    this.#observer = options.observer;
    this.#prefix = auth.header === 'authorization' ? 'Bearer ' : '';
    const share = options.sharing ?? (auth as SharingAuth)[storeSharing];
    // Keys that are read rather than exchanged, and keys valid in this process only, stay out of stores.
    this.#store =
      share !== undefined && auth.refreshable && auth.shareable !== false
        ? share(options.store, {
            timeoutMs: options.storeTimeoutMs ?? 1_000,
            now: this.#now,
            stats: this.#stats,
            observer: this.#observer,
            secrets: () => this.#secrets(),
          })
        : undefined;
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
   * After a 401: forgets the current token if it is the generation that was sent, so that however
   * many callers saw the 401, one renewal answers them all, whatever value it returns. `sent` is the
   * entry the request was signed with, or (from callers that only have the request) its header value.
   */
  invalidate(sent: TokenEntry | string | null): boolean {
    const entry = this.#entry;
    if (entry === undefined || (typeof sent === 'string' || sent === null ? entry.value !== sent : entry !== sent)) return false;
    this.#entry = undefined;
    this.#rejectedToken = entry.value;
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
    const pending = this.#obtain(fetch ?? this.#fetch, mode).then(
      (entry) => {
        this.#pending = undefined;
        if (entry === undefined) {
          // Another process holds the renewal lease: keep the current token, look again shortly.
          const current = this.#entry;
          if (current !== undefined && this.#now() < current.usableUntil) {
            // The next look at the store: soon, and well before the hard margin.
            this.#nextBackgroundAt = this.#now() + shortPauseMs((current.usableUntil - this.#now()) / 8);
            return current;
          }
          return this.#renew(fetch, 'blocking');
        }
        this.#entry = entry;
        this.#rejectedToken = undefined;
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

  /** A new entry from the shared exchange, under this caller's deadline; undefined to keep the current one. */
  async #obtain(fetch: typeof globalThis.fetch, mode: TokenExchangeView['mode']): Promise<TokenEntry | undefined> {
    const current = this.#entry;
    const now = this.#now();
    const deadline = this.#deadline();
    try {
      const token = await untilAborted(
        this.#shared.renew({
          key: this.#auth.cacheKey,
          store: this.#store,
          current: current !== undefined && now < current.usableUntil ? this.#tokenOf(current.value) : undefined,
          rejected: this.#rejectedToken === undefined ? undefined : this.#tokenOf(this.#rejectedToken),
          exchange: () => this.#exchange(fetch, mode),
          now: this.#now,
          exchangeDeadlineMs: this.#deadlineMs,
        }),
        deadline.signal,
      );
      return token === undefined ? undefined : this.#entryFor(token);
    } finally {
      deadline.clear();
    }
  }

  /**
   * One call of the `Auth` under a deadline of its own: whoever joins it must not inherit the time
   * its starter spent on the store.
   */
  async #exchange(fetch: typeof globalThis.fetch, mode: TokenExchangeView['mode']): Promise<AccessToken> {
    // A fixed API key is read, not exchanged.
    if (this.#auth.refreshable) this.#stats.exchanges += 1;
    const deadline = this.#deadline();
    const observer = this.#auth.refreshable ? this.#observer : undefined;
    const run = async () => {
      const token = await untilAborted(Promise.resolve(this.#auth.getToken({ signal: deadline.signal, fetch, now: this.#now })), deadline.signal);
      this.#check(token);
      return token;
    };
    try {
      if (observer === undefined) return await run();
      const after401 = this.#rejectedToken !== undefined;
      const startedAt = this.#now();
      const credential = credentialKey('credential', [this.#auth.cacheKey]);
      const report = (outcome: { lifetimeMs: number } | { error: unknown }) =>
        observer.tokenExchanged(tokenExchangeView(credential, { mode, after401, durationMs: this.#now() - startedAt }, outcome, this.#secrets()));
      try {
        const token = await observer.traceExchange({ credential, mode }, run, (got) => got.expiresAt - got.issuedAt);
        report({ lifetimeMs: token.expiresAt - token.issuedAt });
        return token;
      } catch (error) {
        report({ error });
        throw error;
      }
    } finally {
      deadline.clear();
    }
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

  /** A bound on obtaining a token, whatever the `Auth` or the store does with the time. */
  #deadline(): { signal: AbortSignal; clear: () => void } {
    return timeoutSignal(this.#deadlineMs, () => new TimeoutError(`Obtaining a token took longer than ${this.#deadlineMs} ms`));
  }

  #tokenOf(value: string): string {
    return value.slice(this.#prefix.length);
  }

  #entryFor(token: AccessToken): TokenEntry {
    return { value: this.#prefix + token.token, ...sharedPoints(token) };
  }
}
