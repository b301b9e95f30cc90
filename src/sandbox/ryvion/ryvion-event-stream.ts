import type { RyvionState } from './ryvion-state';

/** What a streamed completion is made of. */
export interface StreamedCompletion {
  id: string;
  created: number;
  model: string;
  content: string;
  finishReason: string;
}

const encoder = new TextEncoder();
const event = (data: unknown) => encoder.encode(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);

/** The events of a completion: the role, the answer word by word, the finish reason, `[DONE]`. */
function completionEvents({ id, created, model, content, finishReason }: StreamedCompletion): Uint8Array[] {
  const chunk = (delta: object, finish: string | null) =>
    event({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] });
  const pieces = content.match(/\S+\s*/g) ?? [];
  return [chunk({ role: 'assistant' }, null), ...pieces.map((piece) => chunk({ content: piece }, null)), chunk({}, finishReason), event('[DONE]')];
}

/**
 * A completion as server-sent events written over time, one every `state.streamIntervalMs`, as a
 * node generates them; an injected stream error replaces the rest of the stream with an error event
 * after the chunks it names. A client that closes the connection cancels the stream (counted in
 * `state.streams.cancelled`).
 */
export function completionStream(state: RyvionState, completion: StreamedCompletion): ReadableStream<Uint8Array> {
  const events = completionEvents(completion);
  const fault = state.takeStreamError();
  if (fault !== undefined) events.splice(Math.min(fault.afterChunks, events.length - 1), Infinity, event({ error: fault.error }));
  const intervalMs = state.streamIntervalMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  state.streams.opened += 1;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      return new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          controller.enqueue(events.shift()!);
          if (events.length === 0) {
            state.streams.completed += 1;
            controller.close();
          }
          resolve();
        }, intervalMs);
      });
    },
    cancel() {
      clearTimeout(timer);
      state.streams.cancelled += 1;
    },
  });
}
