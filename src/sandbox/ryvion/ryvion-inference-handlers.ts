import type { HttpHandler } from 'msw';
import type { SandboxControl } from '../sandbox-control';
import { searchChunks } from './ryvion-knowledge-search';
import { embeddingModel, modelById, models } from './ryvion-models';
import { capExceeded, fail, newId, respond } from './ryvion-respond';
import { jsonObject } from '../emulator-kit';
import { isJurisdiction, ryvionRoute, scopes } from './ryvion-route';
import { countTokens, embed } from './ryvion-text';
import { completionStream } from './ryvion-event-stream';

const roles = new Set(['system', 'user', 'assistant']);
/** Tokens reserved against the cap for a completion that names no `max_tokens`. */
const defaultReservedTokens = 512;

interface Message {
  role: string;
  content: string;
}

const isMessages = (value: unknown): value is Message[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((message: Partial<Message> | null) => typeof message === 'object' && message !== null && roles.has(message.role!) && typeof message.content === 'string');

/** `GET /v1/models`, `POST /v1/chat/completions`, `POST /v1/embeddings`. */
export function inferenceHandlers(base: string, control: SandboxControl): HttpHandler[] {
  return [
    ryvionRoute('get', `${base}/v1/models`, scopes.read, control, async () =>
      respond(control, { object: 'list', data: models.map(({ id, created }) => ({ id, object: 'model', created, owned_by: 'ryvion' })) }),
    ),

    ryvionRoute('post', `${base}/v1/chat/completions`, scopes.write, control, async ({ request, key, state }) => {
      const body = await jsonObject(request);
      if (body === undefined) return fail(control, 400, 'invalid_request', 'The body must be a JSON object.');
      const { temperature, max_tokens: maxTokens, knowledge_base: knowledgeBaseId, jurisdiction } = body;
      if (typeof body.model !== 'string') return fail(control, 400, 'invalid_request', '`model` is required.', 'model');
      const model = modelById(body.model);
      if (model === undefined) return fail(control, 404, 'model_not_found', `The model \`${body.model}\` does not exist.`, 'model');
      if (model.kind !== 'chat') return fail(control, 400, 'invalid_request', `\`${model.id}\` is not a chat model.`, 'model');
      if (!isMessages(body.messages)) {
        return fail(control, 400, 'invalid_request', '`messages` must be a non-empty array of {role: system|user|assistant, content}.', 'messages');
      }
      if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 2)) {
        return fail(control, 400, 'invalid_request', '`temperature` must be a number from 0 to 2.', 'temperature');
      }
      if (maxTokens !== undefined && (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)) {
        return fail(control, 400, 'invalid_request', '`max_tokens` must be a whole number ≥ 1.', 'max_tokens');
      }
      if (jurisdiction !== undefined && !isJurisdiction(jurisdiction)) {
        return fail(control, 400, 'invalid_request', '`jurisdiction` must be a two-letter code such as CA or DE.', 'jurisdiction');
      }
      const knowledgeBase = knowledgeBaseId === undefined ? undefined : state.knowledgeBases.get(String(knowledgeBaseId));
      if (knowledgeBaseId !== undefined && knowledgeBase === undefined) {
        return fail(control, 404, 'not_found', `No knowledge base ${String(knowledgeBaseId)}.`, 'knowledge_base');
      }

      const now = control.now();
      const promptTokens = countTokens(body.messages.map((message) => message.content).join('\n'));
      // Like OpenAI's limiter, admission counts the most the request may cost; the charge is what it did cost.
      const reserved = (promptTokens + ((maxTokens as number | undefined) ?? defaultReservedTokens)) * model.microCadPerToken;
      if (state.wouldExceedCap(key, reserved, now)) return capExceeded(control);

      const question = body.messages.findLast((message) => message.role === 'user')?.content ?? '';
      const grounding = knowledgeBase === undefined ? undefined : searchChunks(state, knowledgeBase.id, question, 1, now)[0];
      const full = grounding === undefined ? `Sandbox answer from ${model.id} to: ${question}` : `According to ${grounding.metadata.filename}: ${grounding.content}`;
      const limitChars = maxTokens === undefined ? Infinity : (maxTokens as number) * 4;
      const content = full.slice(0, limitChars).trimEnd();
      const finishReason = full.length > limitChars ? 'length' : 'stop';
      const completionTokens = countTokens(content);
      state.charge(key, (promptTokens + completionTokens) * model.microCadPerToken, now);

      const id = newId('chatcmpl', 12);
      const created = Math.floor(now / 1000);
      const subject = {
        model: model.id,
        jurisdiction: (jurisdiction as string | undefined) ?? knowledgeBase?.jurisdiction,
        meteringUnits: promptTokens + completionTokens,
        ...(grounding === undefined ? {} : { retrievedChunks: [{ chunk_id: grounding.chunk_id, document_id: grounding.metadata.document_id }] }),
      };
      if (body.stream === true) {
        const stream = completionStream(state, { id, created, model: model.id, content, finishReason });
        return respond(control, stream, { contentType: 'text/event-stream', subject, receiptText: content });
      }
      return respond(
        control,
        {
          id,
          object: 'chat.completion',
          created,
          model: model.id,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
          usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
        },
        { subject },
      );
    }),

    ryvionRoute('post', `${base}/v1/embeddings`, scopes.write, control, async ({ request, key, state }) => {
      const body = await jsonObject(request);
      if (body === undefined) return fail(control, 400, 'invalid_request', 'The body must be a JSON object.');
      const model = modelById(body.model);
      if (typeof body.model !== 'string') return fail(control, 400, 'invalid_request', '`model` is required.', 'model');
      if (model === undefined) return fail(control, 404, 'model_not_found', `The model \`${body.model}\` does not exist.`, 'model');
      if (model.kind !== 'embedding') return fail(control, 400, 'invalid_request', `\`${model.id}\` is not an embedding model; use ${embeddingModel.id}.`, 'model');
      const inputs = typeof body.input === 'string' ? [body.input] : body.input;
      if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((input) => typeof input === 'string')) {
        return fail(control, 400, 'invalid_request', '`input` must be a string or a non-empty array of strings.', 'input');
      }
      const now = control.now();
      const tokens = inputs.reduce((sum: number, input: string) => sum + countTokens(input), 0);
      const cost = tokens * model.microCadPerToken;
      if (state.wouldExceedCap(key, cost, now)) return capExceeded(control);
      state.charge(key, cost, now);
      return respond(
        control,
        {
          object: 'list',
          data: inputs.map((input: string, index: number) => ({ object: 'embedding', index, embedding: Array.from(embed(input), (value) => Number(value.toFixed(6))) })),
          model: model.id,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        },
        { subject: { model: model.id, meteringUnits: tokens } },
      );
    }),
  ];
}
