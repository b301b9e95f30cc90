import { env } from '../util/env';
import { formatLine } from './format-line';
import { resolveHooks, type KeycardHooks } from './hooks';
import { DEBUG, logLevels, resolveLogLevel, WARN, type LogLevel } from './log-level';
import { resolveLogger, type Logger } from './logger';
import { isTraced, keycardChannels, type KeycardChannels, type TracingChannelLike } from './tracing';
import { describeError, type FailureView, type RequestView, type TokenExchangeView } from './views';

/** The observability options every client takes. */
export interface ObserveOptions {
  /** Where log lines go: `console` or any object with `debug`, `info`, `warn` and `error` methods. @default console */
  logger?: Logger;
  /** The least severe lines written; `off` writes none. Read from `KEYCARD_LOG` when not given. @default 'warn' */
  logLevel?: LogLevel;
  /** Called with read-only, redacted views of requests, retries, token exchanges, failures and waits; one that throws never breaks a call. @default {} */
  hooks?: KeycardHooks;
}

/** What the runtime offers: its tracing channels and `KEYCARD_LOG`. */
export interface ObserverRuntime {
  channels?: KeycardChannels | undefined;
  levelFromEnv?: string | undefined;
}

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
    this.#rank = logLevels.indexOf(level);
    this.#hooks = hooks;
    this.#channels = channels;
    const requestHook = hooks.onRequest ?? hooks.onResponse ?? hooks.onRetry ?? hooks.onError;
    this.watchesRequests = this.#rank >= DEBUG || requestHook !== undefined || isTraced(channels?.request);
  }

  /**
   * Reports an event: a line at `rank` when the level lets it through (built only then), and the
   * hook with the view. `note` is a sentence for people, after the fields.
   */
  emit<K extends keyof KeycardHooks>(hook: K, rank: number, event: string, view: Parameters<NonNullable<KeycardHooks[K]>>[0], note?: string): void {
    if (this.#rank >= rank) this.#write(rank, formatLine(event, view, note));
    const call = this.#hooks[hook] as ((view: unknown) => unknown) | undefined;
    if (call === undefined) return;
    try {
      const result = call(view);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
        (result as PromiseLike<unknown>).then(undefined, (error: unknown) => this.#hookFailed(hook, error));
      }
    } catch (error) {
      this.#hookFailed(hook, error);
    }
  }

  /** Exchanges at info; a failed renewal while the token still serves at warn; a failure callers wait on at error, once for all of them. */
  tokenExchanged(view: TokenExchangeView): void {
    const background = view.mode === 'background';
    const rank = view.outcome === 'ok' ? 3 : background ? WARN : 1;
    this.emit('onTokenExchange', rank, 'token-exchange', view, view.outcome === 'failed' && background ? 'the current token still serves' : undefined);
  }

  /** A store failure: the first at warn (the store is degraded), the rest at debug. */
  storeFailed(view: FailureView): void {
    const first = !this.#storeWarned;
    this.#storeWarned = true;
    this.emit('onError', first ? WARN : DEBUG, 'token-store', view, first ? 'tokens are exchanged by this process until the store answers again; logged once' : undefined);
  }

  /** Runs a call inside a `keycard:request` span when something subscribes; the span's result is its status. */
  traceRequest(view: RequestView, run: () => Promise<Response>): Promise<Response> {
    return trace(this.#channels?.request, { method: view.method, url: view.url }, run, (response) => ({ status: response.status }));
  }

  /** Runs an exchange inside a `keycard:token-exchange` span when something subscribes; the result is the token's lifetime. */
  traceExchange<T>(context: { credential: string; mode: TokenExchangeView['mode'] }, run: () => Promise<T>, lifetimeMs: (value: T) => number): Promise<T> {
    return trace(this.#channels?.tokenExchange, { ...context }, run, (value) => ({ lifetimeMs: lifetimeMs(value) }));
  }

  #write(rank: number, line: string): void {
    try {
      this.#logger[logLevels[rank] as Exclude<LogLevel, 'off'>](line);
    } catch {
      // A logger that fails must not fail the call it was told about.
    }
  }

  #hookFailed(hook: string, error: unknown): void {
    if (this.#rank >= WARN) this.#write(WARN, `keycard: the ${hook} hook threw ${describeError(error)}; the call went on`);
  }
}

/**
 * One span, as `TracingChannel.tracePromise` publishes it. The context holds redacted data only; the
 * value the span ends with is a frozen summary, never the `Response` or token itself.
 */
async function trace<T>(channel: TracingChannelLike | undefined, context: object, run: () => Promise<T>, summarize: (value: T) => object): Promise<T> {
  if (!isTraced(channel)) return run();
  let value: T;
  await channel!.tracePromise(async () => {
    value = await run();
    return Object.freeze(summarize(value));
  }, context);
  return value!;
}

/**
 * The client's observer, decided once when it is built: `undefined` when logging is off, no hook is
 * set and the runtime has no tracing channels.
 */
export function createObserver(options: ObserveOptions, runtime: ObserverRuntime = { channels: keycardChannels(), levelFromEnv: env('KEYCARD_LOG') }): Observer | undefined {
  const level = resolveLogLevel(options.logLevel, runtime.levelFromEnv);
  const logger = resolveLogger(options.logger);
  const hooks = resolveHooks(options.hooks);
  if (level === 'off' && Object.values(hooks).every((hook) => hook === undefined) && runtime.channels === undefined) return undefined;
  return new Observer(logger, level, hooks, runtime.channels);
}
