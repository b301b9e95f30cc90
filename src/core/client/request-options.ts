import type { CallOptions } from '../transport/create-transport';

/** What every named method of every client takes last: an abort signal, and the client's timeouts and retries for this call. */
export interface RequestOptions extends CallOptions {
  /** Aborts the call, including its waits for a token and for retries. @default none */
  signal?: AbortSignal;
}
