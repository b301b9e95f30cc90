import { ConnectionError } from '../errors/connection-errors';
import { errorFromBodyRead } from '../errors/error-from-body-read';
import { KeycardError } from '../errors/keycard-error';
import { redactUrl } from '../errors/redact';
import { DEBUG } from '../observe/log-level';
import type { Observer } from '../observe/observer';
import { waitEndView, type WaitEndView } from '../observe/views';
import { readServerSentEvents, type ServerSentEvent } from '../util/server-sent-events';
import { apiCall } from './api-call';
import { ApiPromise, type ApiResult } from './api-promise';

/** What one event of a stream means: an item to yield, the stream's end, an error to throw, or `undefined` to skip it. */
export type StreamStep<Item> = { item: Item } | { end: true } | { error: Error } | undefined;

/** How a streaming call is read and named in its errors. */
export interface StreamSettings<Item> {
  /** Decides what each event means (the response for its URL and headers); a stream must end with `{ end: true }`, or it was cut. */
  read: (event: ServerSentEvent, response: Response) => StreamStep<Item>;
  /** The method, for error messages. */
  method: string;
  /** The caller's signal, which also cuts the body: an abort mid-stream is an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Values to scrub from the URL in error messages. */
  secrets?: readonly string[];
  /** Told how the stream ended (items read, time, outcome) when the client is observed. */
  observer?: Observer | undefined;
}

/**
 * The items of a streamed response, read as the server sends them. It can be iterated once;
 * leaving the loop (`break`, a throw) or `close()` closes the connection. A connection cut before
 * the stream's end event rejects with `ConnectionError`, the caller's signal with `AbortError`, an
 * error event with the error its API maps it to.
 */
export class EventStream<Item> implements AsyncIterable<Item> {
  readonly #body: ReadableStream<Uint8Array> | null;
  readonly #settings: StreamSettings<Item>;
  readonly #response: Response;
  readonly #target: string;
  readonly #startedAt: number;
  #used = false;

  constructor(body: ReadableStream<Uint8Array> | null, response: Response, settings: StreamSettings<Item>) {
    this.#body = body;
    this.#settings = settings;
    this.#response = response;
    this.#target = `${settings.method} ${redactUrl(response.url, settings.secrets ?? [])}`;
    this.#startedAt = settings.observer === undefined ? 0 : Date.now();
  }

  /** The stream's items as they arrive; once only. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    if (this.#used) throw new KeycardError(`The stream of ${this.#target} was already read: a stream can be iterated once`);
    this.#used = true;
    const { read, signal } = this.#settings;
    const events = this.#body === null ? undefined : readServerSentEvents(this.#body);
    let items = 0;
    // The consumer leaving the loop (`break`, a throw in its body) ends it without passing the catch below.
    let outcome: WaitEndView['outcome'] = 'closed';
    try {
      for (;;) {
        let next: IteratorResult<ServerSentEvent, void> | undefined;
        try {
          next = await events?.next();
        } catch (error) {
          throw errorFromBodyRead(error, this.#target, signal);
        }
        if (next === undefined || next.done) throw new ConnectionError(`${this.#target} failed: the connection closed before the stream's end event`);
        const step = read(next.value, this.#response);
        if (step === undefined) continue;
        if ('end' in step) {
          outcome = 'done';
          return;
        }
        if ('error' in step) throw step.error;
        items += 1;
        yield step.item;
      }
    } catch (error) {
      // What ended the stream: the caller's deadline or signal (as errorFromBodyRead names them), or a failure.
      const { name } = error as Error;
      outcome = name === 'TimeoutError' ? 'timeout' : name === 'AbortError' ? 'aborted' : 'failed';
      throw error;
    } finally {
      this.#reportEnd(items, outcome);
      // Closes the connection when the loop ends early; a no-op once the body was read to its end.
      await events?.return();
    }
  }

  /** Closes the connection without reading further. */
  async close(): Promise<void> {
    if (!this.#used) this.#reportEnd(0, 'closed');
    this.#used = true;
    if (this.#body !== null && !this.#body.locked) await this.#body.cancel().catch(() => undefined);
  }

  /**
   * Tells the observer how many items were read and how the stream ended: once, since a stream is
   * read once, and `close()` reports only a stream that was never read.
   */
  #reportEnd(items: number, outcome: WaitEndView['outcome']): void {
    this.#settings.observer?.emit('onWaitEnd', DEBUG, 'wait-end', waitEndView('stream', this.#target, items, Date.now() - this.#startedAt, outcome));
  }
}

/**
 * What a streaming call returns: an `ApiPromise` of its `EventStream` (`await` it, or
 * `.withResponse()` for the headers), that is also itself an async iterable of the stream's items.
 *
 * @example
 * ```ts
 * for await (const chunk of ryvion.chatCompletion({ model: 'phi-4', messages, stream: true })) {
 *   process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 * }
 * ```
 */
export class StreamPromise<Item> extends ApiPromise<EventStream<Item>> implements AsyncIterable<Item> {
  /** The items of the stream, once the call answered. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this;
  }
}

/** A call answered with `parseAs: 'stream'`, as a `StreamPromise` of the items `settings.read` finds in its events. */
export function streamEvents<Item>(call: () => ApiPromise<unknown>, settings: StreamSettings<Item>): StreamPromise<Item> {
  const started = apiCall(call).withResponse();
  const toStream = ({ data, response }: ApiResult<unknown>): ApiResult<EventStream<Item>> => ({
    data: new EventStream((data as ReadableStream<Uint8Array> | undefined) ?? null, response, settings),
    response,
  });
  return new StreamPromise(started.then(toStream));
}
