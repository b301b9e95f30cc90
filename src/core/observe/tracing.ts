/** The tracing channel of API calls: one span per call, from the first attempt to the response or final error. */
export const requestChannelName = 'keycard:request';
/** The tracing channel of token exchanges: one span per exchange (or read of a key function). */
export const tokenExchangeChannelName = 'keycard:token-exchange';

/** The part of Node's `TracingChannel` keycard uses. */
export interface TracingChannelLike {
  /** Node ≥ 20.13 (and 22); a runtime without it is treated as having no subscribers. */
  readonly hasSubscribers?: boolean;
  tracePromise<T>(run: () => Promise<T>, context: object): Promise<T>;
}

/** keycard's two tracing channels. */
export interface KeycardChannels {
  readonly request: TracingChannelLike;
  readonly tokenExchange: TracingChannelLike;
}

type DiagnosticsChannel = { tracingChannel?: (name: string) => TracingChannelLike };
type GetBuiltinModule = (id: string) => unknown;

/**
 * The channels, when the runtime has `node:diagnostics_channel` (Node, Deno, Bun). Found through
 * `process.getBuiltinModule` at run time, never imported: browser and Workers bundles carry no
 * `node:` import and simply trace nothing.
 */
export function findChannels(getBuiltinModule: GetBuiltinModule | undefined): KeycardChannels | undefined {
  try {
    const module = getBuiltinModule?.('node:diagnostics_channel') as DiagnosticsChannel | undefined;
    if (typeof module?.tracingChannel !== 'function') return undefined;
    return { request: module.tracingChannel(requestChannelName), tokenExchange: module.tracingChannel(tokenExchangeChannelName) };
  } catch {
    return undefined;
  }
}

let found: KeycardChannels | null | undefined;

/** The process's channels, looked up once; the module keeps them referenced so subscriptions stay attached. */
export function keycardChannels(): KeycardChannels | undefined {
  if (found === undefined) {
    const process = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process;
    found = findChannels(process?.getBuiltinModule?.bind(process)) ?? null;
  }
  return found ?? undefined;
}

/** Whether anything listens on a channel right now. */
export const isTraced = (channel: TracingChannelLike | undefined): boolean => channel?.hasSubscribers === true;
