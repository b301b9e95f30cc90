/** One server-sent event (WHATWG HTML, "Server-sent events", §9.2.6). */
export interface ServerSentEvent {
  /** The `event:` field, `message` when the event names none. */
  event: string;
  /** The `data:` lines, joined by `\n`. */
  data: string;
  /** The last `id:` seen on the stream, if any. */
  id: string | undefined;
}

// A line ends at CRLF, LF or CR.
const lineEnd = /\r\n|\r|\n/;

/**
 * Turns the text of an event stream, in pieces cut anywhere, into events (a leading byte-order
 * mark is already gone: TextDecoder removes it). Comments and unknown
 * fields are skipped; an event is dispatched at its blank line, so a stream that ends mid-event
 * dispatches nothing for it (as browsers' `EventSource` does).
 */
export class ServerSentEventDecoder {
  #pending = '';
  #data: string[] = [];
  #event = '';
  #id: string | undefined;

  /** The events completed by `text`. */
  decode(text: string): ServerSentEvent[] {
    const buffer = this.#pending + text;
    // A CR last in the buffer waits for the next piece: it may be the first half of a CRLF.
    const complete = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
    const lines = buffer.slice(0, complete).split(lineEnd);
    // What follows the last line end is the start of a line still arriving.
    this.#pending = lines.pop()! + buffer.slice(complete);
    const events: ServerSentEvent[] = [];
    for (const line of lines) {
      const event = this.#line(line);
      if (event !== undefined) events.push(event);
    }
    return events;
  }

  /** The event a final CR completes; the rest of an unfinished event is dropped. */
  end(): ServerSentEvent[] {
    const last = this.#pending.endsWith('\r') ? this.#line(this.#pending.slice(0, -1)) : undefined;
    this.#pending = '';
    return last === undefined ? [] : [last];
  }

  #line(line: string): ServerSentEvent | undefined {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    return undefined;
  }

  #dispatch(): ServerSentEvent | undefined {
    const data = this.#data;
    const event = this.#event;
    this.#data = [];
    this.#event = '';
    return data.length === 0 ? undefined : { event: event || 'message', data: data.join('\n'), id: this.#id };
  }
}

/**
 * The events of a response body, read as they arrive. Leaving the loop early (`break`, `return`, a
 * throw) cancels the body, which closes the connection; a read that fails (a cut connection, an
 * aborted signal) throws its error as it is, for the caller to type.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader();
  const text = new TextDecoder();
  const decoder = new ServerSentEventDecoder();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        yield* decoder.decode(text.decode());
        yield* decoder.end();
        return;
      }
      yield* decoder.decode(text.decode(value, { stream: true }));
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
