import type { StreamStep } from '../../core/client/stream-promise';
import { errorFromResponse } from '../../core/errors/error-from-response';
import { KeycardError } from '../../core/errors/keycard-error';
import type { ServerSentEvent } from '../../core/util/server-sent-events';
import { ryvionErrorCodes } from './error-codes';
import type { components } from './schema.gen';

type Chunk = components['schemas']['ChatCompletionChunk'];

// An error event arrives inside a 200 stream: it has no status of its own, so it takes the one its
// OpenAI-style `type` stands for, and becomes the error that status and its code would give.
const statusOfType: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  timeout_error: 504,
  server_error: 500,
};

/**
 * What one event of a streamed chat completion means: a chunk, `[DONE]` (the end), or an error
 * event (`{"error": {…}}` in the style of Ryvion's error bodies, as OpenAI streams send it).
 */
export function chatStreamStep(event: ServerSentEvent, response: Response): StreamStep<Chunk> {
  if (event.data === '[DONE]') return { end: true };
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch {
    return { error: new KeycardError(`POST ${response.url} sent a stream event that is neither a JSON chunk nor [DONE]`) };
  }
  const error = (value as { error?: { type?: unknown } } | null)?.error;
  if (event.event === 'error' || (typeof error === 'object' && error !== null)) {
    const type = typeof error?.type === 'string' ? error.type : '';
    return {
      error: errorFromResponse({
        status: statusOfType[type] ?? 500,
        headers: response.headers,
        body: value,
        method: 'POST',
        url: response.url,
        codes: ryvionErrorCodes,
      }),
    };
  }
  return { item: value as Chunk };
}
