import type { AttemptView, FailureView, RetryView, TokenExchangeView, WaitEndView } from './views';

// One line per event, from the redacted views only. Called only when the line's level is enabled.

const ms = (value: number) => `${Math.round(value)} ms`;

/** How long a token lives, in the unit a person reads it in. */
function lifetime(value: number | undefined): string {
  if (value === undefined) return 'no expiry';
  return value >= 120_000 ? `${Math.round(value / 60_000)} min` : `${Math.round(value / 1000)} s`;
}

export function formatAttempt(view: AttemptView): string {
  const outcome = view.status === undefined ? `failed (${view.error})` : String(view.status);
  const id = view.requestId === undefined ? '' : `, request ${view.requestId}`;
  return `keycard: ${view.method} ${view.url} → ${outcome} in ${ms(view.durationMs)} (attempt ${view.attempt}${id})`;
}

export function formatRetry(view: RetryView): string {
  if (view.reason === 'unauthorized') return `keycard: ${view.method} ${view.url} → 401: refreshing the token and sending once more`;
  const why = view.reason === 'status' ? `status ${view.status}` : view.reason;
  return `keycard: ${view.method} ${view.url}: retrying after ${why} in ${ms(view.waitMs)} (attempt ${view.attempt + 1} next)`;
}

export function formatTokenExchange(view: TokenExchangeView): string {
  const what = `keycard: token ${view.mode === 'background' ? 'renewal' : 'exchange'} for ${view.credential}${view.after401 ? ' after a 401' : ''}`;
  if (view.outcome === 'ok') return `${what}: ok in ${ms(view.durationMs)}, lifetime ${lifetime(view.lifetimeMs)}`;
  const after = view.mode === 'background' ? '; the current token still serves and the renewal is tried again' : '';
  return `${what}: failed in ${ms(view.durationMs)}: ${view.error}${after}`;
}

export function formatFailure(view: FailureView): string {
  if (view.source === 'token-store') return `keycard: the token store's ${view.method}() failed: ${view.name}: ${view.message}`;
  const attempts = view.attempts === 1 ? '1 attempt' : `${view.attempts} attempts`;
  return `keycard: ${view.method} ${view.url} failed after ${attempts}: ${view.name}: ${view.message}`;
}

export function formatWaitEnd(view: WaitEndView): string {
  const counted = view.kind === 'wait' ? `${view.count} ${view.count === 1 ? 'read' : 'reads'}` : `${view.count} ${view.count === 1 ? 'chunk' : 'chunks'}`;
  return `keycard: ${view.kind} for ${view.target} ended (${view.outcome}) after ${counted} in ${ms(view.durationMs)}`;
}

/** The warning, once per client, that its store failed and tokens are now exchanged per process. */
export function formatDegradedStore(view: FailureView): string {
  return `${formatFailure(view)}; tokens are exchanged by this process until the store answers again (logged once)`;
}
