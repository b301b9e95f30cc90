/**
 * The Ryvion client (API keys; OpenAI-compatible inference and knowledge bases), its types and errors.
 *
 * @module keycard/ryvion
 */
import type { components } from './schema.gen';

export { RyvionClient, type OpenAIConfig, type RyvionClientOptions, type RyvionRequestOptions } from './ryvion-client';
export type { WithReceipt } from './with-receipt';
export { ryvionErrorCodes } from './error-codes';

type Schemas = components['schemas'];
/** The account a key belongs to (`GET /api/v1/auth/me`). */
export type Account = Schemas['Account'];
/** A key's scope: `buyer`, `read-only` or `write-only`. */
export type ApiKeyScope = Schemas['ApiKeyScope'];
/** An API key as listed: prefix and scopes, never its value. */
export type ApiKeyInfo = Schemas['ApiKeyInfo'];
/** A new API key with its value, shown once. */
export type CreatedApiKey = Schemas['CreatedApiKey'];
/** Ryvion's `ApiKeyList` schema, from openapi/ryvion.yaml. */
export type ApiKeyList = Schemas['ApiKeyList'];
/** Ryvion's `Model` schema, from openapi/ryvion.yaml. */
export type Model = Schemas['Model'];
/** Ryvion's `ModelList` schema, from openapi/ryvion.yaml. */
export type ModelList = Schemas['ModelList'];
/** Ryvion's `ChatMessage` schema, from openapi/ryvion.yaml. */
export type ChatMessage = Schemas['ChatMessage'];
/** Ryvion's `ChatCompletionRequest` schema, from openapi/ryvion.yaml. */
export type ChatCompletionRequest = Schemas['ChatCompletionRequest'];
/** Ryvion's `ChatCompletion` schema, from openapi/ryvion.yaml. */
export type ChatCompletion = Schemas['ChatCompletion'];
/** One server-sent event of a streamed chat completion. */
export type ChatCompletionChunk = Schemas['ChatCompletionChunk'];
/** Ryvion's `EmbeddingRequest` schema, from openapi/ryvion.yaml. */
export type EmbeddingRequest = Schemas['EmbeddingRequest'];
/** Ryvion's `EmbeddingList` schema, from openapi/ryvion.yaml. */
export type EmbeddingList = Schemas['EmbeddingList'];
/** Ryvion's `KnowledgeBase` schema, from openapi/ryvion.yaml. */
export type KnowledgeBase = Schemas['KnowledgeBase'];
/** Ryvion's `KnowledgeBaseList` schema, from openapi/ryvion.yaml. */
export type KnowledgeBaseList = Schemas['KnowledgeBaseList'];
/** A document uploaded to a knowledge base, with its processing status. */
export type KnowledgeBaseDocument = Schemas['Document'];
/** Ryvion's `SearchResult` schema, from openapi/ryvion.yaml. */
export type SearchResult = Schemas['SearchResult'];
/** Ryvion's `SearchResults` schema, from openapi/ryvion.yaml. */
export type SearchResults = Schemas['SearchResults'];
/** Ryvion's `KnowledgeGraph` schema, from openapi/ryvion.yaml. */
export type KnowledgeGraph = Schemas['KnowledgeGraph'];
/** A signed execution receipt (`GET /v8/receipts/{cid}`). */
export type Receipt = Schemas['Receipt'];
/** Ryvion's OpenAI-style error body. */
export type RyvionErrorBody = Schemas['ErrorResponse'];

export type { ApiPromise, ApiResult } from '../../core/client/api-promise';
export type { PagePromise } from '../../core/client/page-promise';
export type { EventStream, StreamPromise } from '../../core/client/stream-promise';
export type { RequestOptions } from '../../core/client/request-options';
export type { WaitOptions } from '../../core/client/wait-until';
export * from '../../core/errors/index';
