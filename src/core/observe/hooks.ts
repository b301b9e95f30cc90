import { ConfigurationError } from '../errors/configuration-error';
import { describe } from '../util/validate';
import type { AttemptView, FailureView, RequestView, RetryView, TokenExchangeView, WaitEndView } from './views';

/**
 * Functions a client calls as it works, each with a frozen, redacted view. They run synchronously
 * in the call's path and their results are not awaited; one that throws (or rejects) is reported
 * through the logger at `warn` and the call goes on.
 */
export interface KeycardHooks {
  /** Before each attempt is sent. */
  onRequest?: (view: RequestView) => void;
  /** When an attempt's response headers arrive, or the attempt fails without a response. */
  onResponse?: (view: AttemptView) => void;
  /** When an attempt is to be sent again: a transient failure, or a 401 answered by a token refresh. */
  onRetry?: (view: RetryView) => void;
  /** After each token exchange, whether it worked or not. */
  onTokenExchange?: (view: TokenExchangeView) => void;
  /** When a call fails for good, and when the token store fails (calls survive that). */
  onError?: (view: FailureView) => void;
  /** When a wait for a job or run, or a stream, ends. */
  onWaitEnd?: (view: WaitEndView) => void;
}

export const hookNames = ['onRequest', 'onResponse', 'onRetry', 'onTokenExchange', 'onError', 'onWaitEnd'] as const;

/** The `hooks` option: only the known names, each a function. */
export function resolveHooks(value: unknown): KeycardHooks {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigurationError('hooks', `must be an object of functions, got ${describe(value)}`);
  for (const [name, hook] of Object.entries(value)) {
    if (!(hookNames as readonly string[]).includes(name)) throw new ConfigurationError(`hooks.${name}`, `is not a hook; the hooks are ${hookNames.join(', ')}`);
    if (hook !== undefined && typeof hook !== 'function') throw new ConfigurationError(`hooks.${name}`, `must be a function, got ${describe(hook)}`);
  }
  // A copy: hooks added to the caller's object later do not change a built client's decision to observe.
  return { ...(value as KeycardHooks) };
}
