import { env } from '../util/env';
import { formatAttempt, formatDegradedStore, formatFailure, formatRetry, formatTokenExchange, formatWaitEnd } from './format-event';
import { resolveHooks, type KeycardHooks } from './hooks';
import { logLevelRank, resolveLogLevel, type LogLevel } from './log-level';
import { resolveLogger, type Logger } from './logger';
import { isTraced, keycardChannels, type KeycardChannels, type TracingChannelLike } from './tracing';
import { scrubText, type AttemptView, type FailureView, type RequestView, type RetryView, type TokenExchangeView, type WaitEndView } from './views';

/** The observability options every client takes. */
export interface ObserveOptions {
  /** Where log lines go: `console` or any object with `debug`, `info`, `warn` and `error` methods. @default console */
  logger?: Logger;
  /** The least severe lines written; `off` writes none. Read from `KEYCARD_LOG` when not given. @default 'warn' */
  logLevel?: LogLevel;
  /** Called with read-only, redacted views of requests, retries, token exchanges, failures and waits; one that throws never breaks a call. @default {} */
  hooks?: KeycardHooks;
}

const { warn: WARN, debug: DEBUG } = logLevelRank;

/**
 * Where a client reports what it does: log lines, hooks and tracing spans, from redacted views.
 * Built once per client; `undefined` when nothing could listen, and `watchesRequests` false when
 * nothing listens per request, so the transport's hot path pays one check and builds no view.
 */
export class Observer {
  /** Whether attempts, retries and call failures are reported: debug logging, a request hook, or a traced request channel. */
  readonly watchesRequests: boolean;
  readonly #logger: Logger;
  readonly #rank: number;
  readonly #hooks: KeycardHooks;
  readonly #channels: KeycardChannels | undefined;
  #storeWarned = false;

  constructor(logger: Logger, level: LogLevel, hooks: KeycardHooks, channels: KeycardChannels | undefined) {
    this.#logger = logger;
    this.#rank = logLevelRank[level];
    this.#hooks = hooks;
    this.#channels = channels;
    const requestHook = hooks.onRequest ?? hooks.onResponse ?? hooks.onRetry ?? hooks.onError;
    this.watchesRequests = this.#rank >= DEBUG || requestHook !== undefined || (channels !== undefined && isTraced(channels.request));
  }

  requestStarted(view: RequestView): void {
    this.#hook('onRequest', view);
  }

  attemptEnded(view: AttemptView): void {
    if (this.#rank >= DEBUG) this.#write('debug', formatAttempt(view));
    this.#hook('onResponse', view);
  }

  retrying(view: RetryView): void {
    if (this.#rank >= DEBUG) this.#write('debug', formatRetry(view));
    this.#hook('onRetry', view);
  }

  /** Exchanges at info; a failed renewal while the token still serves at warn; a failure callers wait on at error, once for all of them. */
  tokenExchanged(view: TokenExchangeView): void {
    const level = view.outcome === 'ok' ? 'info' : view.mode === 'background' ? 'warn' : 'error';
    if (this.#rank >= logLevelRank[level]) this.#write(level, formatTokenExchange(view));
    this.#hook('onTokenExchange', view);
  }

  callFailed(view: FailureView): void {
    if (this.#rank >= DEBUG) this.#write('debug', formatFailure(view));
    this.#hook('onError', view);
  }

  /** A store failure: the first at warn (the store is degraded), the rest at debug. */
  storeFailed(view: FailureView): void {
    if (!this.#storeWarned && this.#rank >= WARN) {
      this.#storeWarned = true;
      this.#write('warn', formatDegradedStore(view));
    } else if (this.#rank >= DEBUG) {
      this.#write('debug', formatFailure(view));
    }
    this.#hook('onError', view);
  }

  waitEnded(view: WaitEndView): void {
    if (this.#rank >= DEBUG) this.#write('debug', formatWaitEnd(view));
    this.#hook('onWaitEnd', view);
  }

  /** Runs a call inside a `keycard:request` span when something subscribes; the span's result is its status. */
  traceRequest(view: RequestView, run: () => Promise<Response>): Promise<Response> {
    const channel = this.#channels?.request;
    if (channel === undefined || !isTraced(channel)) return run();
    return trace(channel, { method: view.method, url: view.url }, run, (response) => ({ status: response.status }));
  }

  /** Runs an exchange inside a `keycard:token-exchange` span when something subscribes; the result is the token's lifetime. */
  traceExchange<T>(context: { credential: string; mode: TokenExchangeView['mode'] }, run: () => Promise<T>, lifetimeMs: (value: T) => number): Promise<T> {
    const channel = this.#channels?.tokenExchange;
    if (channel === undefined || !isTraced(channel)) return run();
    return trace(channel, { ...context }, run, (value) => ({ lifetimeMs: lifetimeMs(value) }));
  }

  #write(level: 'debug' | 'info' | 'warn' | 'error', line: string): void {
    try {
      this.#logger[level](line);
    } catch {
      // A logger that fails must not fail the call it was told about.
    }
  }

  #hook<K extends keyof KeycardHooks>(name: K, view: Parameters<NonNullable<KeycardHooks[K]>>[0]): void {
    const hook = this.#hooks[name] as ((view: unknown) => unknown) | undefined;
    if (hook === undefined) return;
    try {
      const result = hook(view);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
        (result as PromiseLike<unknown>).then(undefined, (error: unknown) => this.#hookFailed(name, error));
      }
    } catch (error) {
      this.#hookFailed(name, error);
    }
  }

  #hookFailed(name: string, error: unknown): void {
    if (this.#rank < WARN) return;
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.#write('warn', `keycard: the ${name} hook threw ${scrubText(what.slice(0, 500))}; the call went on`);
  }
}

/**
 * One span, as `TracingChannel.tracePromise` publishes it. The context holds redacted data only; the
 * value the span ends with is a frozen summary, never the `Response` or token itself.
 */
async function trace<T>(channel: TracingChannelLike, context: object, run: () => Promise<T>, summarize: (value: T) => object): Promise<T> {
  let value: T;
  await channel.tracePromise(async () => {
    value = await run();
    return Object.freeze(summarize(value));
  }, context);
  return value!;
}

/** What the runtime offers: its tracing channels and `KEYCARD_LOG`. */
export interface ObserverRuntime {
  channels?: KeycardChannels | undefined;
  levelFromEnv?: string | undefined;
}

const currentRuntime = (): ObserverRuntime => ({ channels: keycardChannels(), levelFromEnv: env('KEYCARD_LOG') });

/**
 * The client's observer, decided once when it is built: `undefined` when logging is off, no hook is
 * set and the runtime has no tracing channels.
 */
export function createObserver(options: ObserveOptions, runtime: ObserverRuntime = currentRuntime()): Observer | undefined {
  const { channels } = runtime;
  const level = resolveLogLevel(options.logLevel, runtime.levelFromEnv);
  const logger = resolveLogger(options.logger);
  const hooks = resolveHooks(options.hooks);
  if (level === 'off' && Object.values(hooks).every((hook) => hook === undefined) && channels === undefined) return undefined;
  return new Observer(logger, level, hooks, channels);
}
