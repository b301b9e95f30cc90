import type { CredentialSource } from '../../core/auth/auth';
import { readCredential } from '../../core/auth/credential-source';
import type { ApiPromise } from '../../core/client/api-promise';
import type { ProviderOptions } from '../../core/client/client-options';
import { ProviderClient } from '../../core/client/provider-client';
import type { RequestOptions } from '../../core/client/request-options';
import { waitUntil, type WaitOptions } from '../../core/client/wait-until';
import { TimeoutError } from '../../core/errors/connection-errors';
import { apiCall, optionalPositiveInteger, requireText } from '../../core/client/api-call';
import { streamEvents, type StreamPromise } from '../../core/client/stream-promise';
import { chatStreamStep } from './chat-stream-step';
import { checkChatRequest } from './check-chat-request';
import { documentForm } from './document-form';
import { embeddingInput } from './embedding-input';
import { ryvionProvider } from './provider';
import type { components, paths } from './schema.gen';
import { withReceipt, type WithReceipt } from './with-receipt';

type Schemas = components['schemas'];
type ChatRequest = Schemas['ChatCompletionRequest'];

/** The model `embeddings()` uses unless told otherwise: 384 dimensions. */
const defaultEmbeddingModel = 'all-MiniLM-L6-v2';

/** Options of `new RyvionClient()`. */
export interface RyvionClientOptions extends ProviderOptions {
  /** API key (`ryv_…`), or a function returning it that is read hourly and again after a 401. @default process.env.RYVION_API_KEY */
  apiKey?: CredentialSource;
  /** Header the key travels in: `authorization` sends `Bearer <key>`, `x-api-key` the bare key; Ryvion accepts both alike. @default 'authorization' */
  header?: 'authorization' | 'x-api-key';
  /** Root of the API, without `/v1`: https, or http to a loopback host. @default process.env.RYVION_API_URL ?? 'https://api.ryvion.ai' */
  baseUrl?: string;
  /** Timeout of each attempt, in ms: a little over Ryvion's own 30 s limit, so that its 504 arrives rather than a local timeout. @default 35_000 */
  timeoutMs?: number;
}

/** What every named method accepts last: an abort signal and per-call overrides. */
export type RyvionRequestOptions = RequestOptions;

/** What an OpenAI SDK needs to talk to Ryvion: `new OpenAI(ryvion.openAIConfig())`. */
export interface OpenAIConfig {
  /** Ryvion's OpenAI-compatible root: the client's base URL + `/v1`. */
  baseURL: string;
  /** The key itself, or for a key given as a function, an async function the SDK calls per request. */
  apiKey: string | (() => Promise<string>);
}

/**
 * A typed client for Ryvion: OpenAI-compatible inference, knowledge bases and signed receipts,
 * authenticated by an API key in `Authorization` or `X-API-Key`.
 *
 * The named methods resolve to the response body with `receiptCid` added: the content address of
 * the request's signed receipt from `X-Ryvion-Receipt-CID`, which `getReceipt()` looks up.
 * `chatCompletion({ …, stream: true })` is an async iterable of chunks as Ryvion sends them. A 429
 * means the spending-velocity cap was hit: it becomes a `QuotaExceededError` at once, without a retry.
 *
 * @example
 * ```ts
 * import { RyvionClient } from 'keycard/ryvion';
 *
 * const ryvion = new RyvionClient(); // RYVION_API_KEY from the environment
 * const kb = await ryvion.createKnowledgeBase('handbook', { jurisdiction: 'CA' });
 * await ryvion.uploadDocument(kb.id, new Blob(['Refunds take 5 days.']), 'refunds.txt');
 * // …once the document is processed, a few seconds later:
 * const { results } = await ryvion.searchKnowledgeBase(kb.id, 'how long do refunds take?', { limit: 3 });
 * const completion = await ryvion.chatCompletion({ model: 'phi-4', messages: [{ role: 'user', content: 'Hello' }], knowledge_base: kb.id });
 * for await (const chunk of ryvion.chatCompletion({ model: 'phi-4', messages: [{ role: 'user', content: 'Hello' }], stream: true })) {
 *   process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 * }
 * const receipt = await ryvion.getReceipt(completion.receiptCid!);
 * ```
 */
export class RyvionClient extends ProviderClient<paths> {
  constructor(options?: RyvionClientOptions) {
    super(ryvionProvider, options);
  }

  /** The account the key belongs to, with the key's scopes. Any scope may call it. */
  me(options: RyvionRequestOptions = {}): ApiPromise<WithReceipt<Schemas['Account']>> {
    return withReceipt(() => this.GET('/api/v1/auth/me', options));
  }

  /** Creates an API key. Its value is in this result only: store it now. Needs the `buyer` scope. */
  createApiKey(name: string, options: RyvionRequestOptions = {}): ApiPromise<WithReceipt<Schemas['CreatedApiKey']>> {
    return withReceipt(() => this.POST('/api/v1/auth/api-keys', { ...options, body: { name: requireText('name', name) } }));
  }

  /** The account's API keys, by prefix (values are never listed). Needs the `buyer` scope. */
  listApiKeys(options: RyvionRequestOptions = {}): ApiPromise<WithReceipt<Schemas['ApiKeyList']>> {
    return withReceipt(() => this.GET('/api/v1/auth/api-keys', options));
  }

  /** The models available for chat completions and embeddings. */
  listModels(options: RyvionRequestOptions = {}): ApiPromise<WithReceipt<Schemas['ModelList']>> {
    return withReceipt(() => this.GET('/v1/models', options));
  }

  /**
   * A chat completion. With `stream: true`, the chunks as Ryvion streams them (server-sent events):
   * iterate the result with `for await`; it ends at `[DONE]`, and `break` or the signal closes the
   * connection. A connection cut mid-stream rejects with `ConnectionError`, an error event with the
   * error its code maps to. The stream's receipt is on `.withResponse()`. Without `stream`, the
   * completion with its `receiptCid`.
   *
   * @example
   * ```ts
   * let answer = '';
   * for await (const chunk of ryvion.chatCompletion({ model: 'phi-4', messages: [{ role: 'user', content: 'Hi' }], stream: true })) {
   *   answer += chunk.choices[0]?.delta.content ?? '';
   * }
   * ```
   */
  chatCompletion(body: ChatRequest & { stream: true }, options?: RyvionRequestOptions): StreamPromise<Schemas['ChatCompletionChunk']>;
  chatCompletion(body: ChatRequest & { stream?: false }, options?: RyvionRequestOptions): ApiPromise<WithReceipt<Schemas['ChatCompletion']>>;
  chatCompletion(
    body: ChatRequest,
    options: RyvionRequestOptions = {},
  ): StreamPromise<Schemas['ChatCompletionChunk']> | ApiPromise<WithReceipt<Schemas['ChatCompletion']>> {
    if (body?.stream !== true) {
      // Typed by the spec as either form; without `stream` Ryvion answers the JSON completion.
      return withReceipt(() => this.POST('/v1/chat/completions', { ...options, body: checkChatRequest(body) }) as ApiPromise<Schemas['ChatCompletion']>);
    }
    const key = this.credential;
    return streamEvents(() => this.POST('/v1/chat/completions', { ...options, body: checkChatRequest(body), parseAs: 'stream' }), {
      read: chatStreamStep,
      method: 'POST',
      signal: options.signal,
      secrets: typeof key === 'string' ? [key] : [],
      observer: this.observer,
    });
  }

  /** Embeddings of one text or several, in input order: 384 numbers each with the default `all-MiniLM-L6-v2`. */
  embeddings(
    input: string | readonly string[],
    options: RyvionRequestOptions & { model?: string } = {},
  ): ApiPromise<WithReceipt<Schemas['EmbeddingList']>> {
    const { model = defaultEmbeddingModel, ...call } = options;
    return withReceipt(() =>
      this.POST('/v1/embeddings', { ...call, body: { model: requireText('model', model), input: embeddingInput(input) } }),
    );
  }

  /** Creates a knowledge base; with `jurisdiction` (e.g. `CA`), its data stays on nodes there. Needs the `buyer` scope. */
  createKnowledgeBase(
    name: string,
    options: RyvionRequestOptions & { jurisdiction?: string } = {},
  ): ApiPromise<WithReceipt<Schemas['KnowledgeBase']>> {
    const { jurisdiction, ...call } = options;
    return withReceipt(() => {
      const body = { name: requireText('name', name), ...(jurisdiction === undefined ? {} : { jurisdiction: requireText('jurisdiction', jurisdiction) }) };
      return this.POST('/api/v1/knowledge-bases', { ...call, body });
    });
  }

  /** The account's knowledge bases. */
  listKnowledgeBases(options: RyvionRequestOptions = {}): ApiPromise<WithReceipt<Schemas['KnowledgeBaseList']>> {
    return withReceipt(() => this.GET('/api/v1/knowledge-bases', options));
  }

  /**
   * Uploads a document (multipart). It is processed asynchronously: the result's `status` starts
   * as `queued`, and its chunks become searchable once processing is done.
   */
  uploadDocument(
    knowledgeBaseId: string,
    file: Blob,
    filename: string,
    options: RyvionRequestOptions = {},
  ): ApiPromise<WithReceipt<Schemas['Document']>> {
    return withReceipt(() => {
      const id = requireText('knowledgeBaseId', knowledgeBaseId);
      // openapi-fetch passes FormData through untouched; the spec types the part as a string.
      const body = documentForm(file, filename) as unknown as Schemas['UploadDocumentRequest'];
      return this.POST('/api/v1/knowledge-bases/{id}/documents', { ...options, params: { path: { id } }, body });
    });
  }

  /** Semantic search over the processed documents: the `limit` (default 5) most similar chunks, best first. */
  searchKnowledgeBase(
    knowledgeBaseId: string,
    query: string,
    options: RyvionRequestOptions & { limit?: number } = {},
  ): ApiPromise<WithReceipt<Schemas['SearchResults']>> {
    const { limit, ...call } = options;
    return withReceipt(() => {
      const id = requireText('knowledgeBaseId', knowledgeBaseId);
      const checkedLimit = optionalPositiveInteger('limit', limit);
      const body = { query: requireText('query', query), ...(checkedLimit === undefined ? {} : { limit: checkedLimit }) };
      return this.POST('/api/v1/knowledge-bases/{id}/search', { ...call, params: { path: { id } }, body });
    });
  }

  /**
   * Waits until an uploaded document is processed and searchable, and resolves with the knowledge
   * graph that then lists it. Ryvion publishes no document-status endpoint; its graph lists a
   * document once processing is done, so the graph is what is polled (backing off from
   * `intervalMs`, default 1 s, to 10 s; `timeoutMs` default 300 s). `onProgress` gets each graph read.
   */
  waitForDocument(
    knowledgeBaseId: string,
    documentId: string,
    options: WaitOptions<WithReceipt<Schemas['KnowledgeGraph']>> = {},
  ): ApiPromise<WithReceipt<Schemas['KnowledgeGraph']>> {
    return apiCall(() => {
      const kb = requireText('knowledgeBaseId', knowledgeBaseId);
      const id = requireText('documentId', documentId);
      return waitUntil(
        {
          read: (signal) => this.knowledgeBaseGraph(kb, { signal }),
          done: (graph) => graph.nodes.some((node) => node.type === 'document' && node.id === id),
          timeoutError: (_last, timeoutMs) => new TimeoutError(`Document ${id} was not processed within ${timeoutMs} ms`),
          defaultTimeoutMs: 300_000,
          defaultIntervalMs: 1_000,
          maxIntervalMs: 10_000,
          observer: this.observer,
          label: `document ${id}`,
        },
        options,
      );
    });
  }

  /** The knowledge graph generated from the processed documents: documents, entities and their links. */
  knowledgeBaseGraph(knowledgeBaseId: string, options: RyvionRequestOptions = {}): ApiPromise<WithReceipt<Schemas['KnowledgeGraph']>> {
    return withReceipt(() =>
      this.GET('/api/v1/knowledge-bases/{id}/graph', { ...options, params: { path: { id: requireText('knowledgeBaseId', knowledgeBaseId) } } }),
    );
  }

  /** A signed receipt by its content address (a `receiptCid`), with whether its signature verifies. Public. */
  getReceipt(cid: string, options: RyvionRequestOptions = {}): ApiPromise<WithReceipt<Schemas['Receipt']>> {
    return withReceipt(() => this.GET('/v8/receipts/{cid}', { ...options, params: { path: { cid: requireText('cid', cid) } } }));
  }

  /**
   * The configuration for an OpenAI SDK pointed at Ryvion: `new OpenAI(ryvion.openAIConfig())`.
   * It hands the key itself to that SDK (for a key given as a function, a function reading it), so
   * keep the result out of logs. That SDK then does its own retries: its default retries a 429,
   * which for Ryvion only meets the spending cap again.
   */
  openAIConfig(): OpenAIConfig {
    const key = this.credential!;
    return { baseURL: `${this.baseUrl}/v1`, apiKey: typeof key === 'string' ? key : () => readCredential('apiKey', key) };
  }
}
