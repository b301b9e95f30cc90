import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import { requireText } from '../../core/client/api-call';
import type { components } from './schema.gen';

type ChatCompletionRequest = components['schemas']['ChatCompletionRequest'];

/**
 * The body of a chat completion, checked for what decides how its answer is read: an object with a
 * model, at least one message, and `stream` true, false or absent. Errors name the field, never a
 * message's content; the rest (roles, temperature) is left to Ryvion's own 400.
 */
export function checkChatRequest(body: unknown): ChatCompletionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ConfigurationError('body', `must be a chat completion request object, got ${describe(body)}`);
  }
  const { model, messages, stream } = body as Partial<ChatCompletionRequest>;
  requireText('body.model', model);
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new ConfigurationError('body.messages', `must be a non-empty array of messages, got ${describe(messages)}`);
  }
  if (stream !== undefined && typeof stream !== 'boolean') throw new ConfigurationError('body.stream', `must be true or false, got ${describe(stream)}`);
  return body as ChatCompletionRequest;
}
