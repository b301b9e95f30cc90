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
export type ApiKeyList = Schemas['ApiKeyList'];
export type Model = Schemas['Model'];
export type ModelList = Schemas['ModelList'];
export type ChatMessage = Schemas['ChatMessage'];
export type ChatCompletionRequest = Schemas['ChatCompletionRequest'];
export type ChatCompletion = Schemas['ChatCompletion'];
/** One server-sent event of a streamed chat completion. */
export type ChatCompletionChunk = Schemas['ChatCompletionChunk'];
export type EmbeddingRequest = Schemas['EmbeddingRequest'];
export type EmbeddingList = Schemas['EmbeddingList'];
export type KnowledgeBase = Schemas['KnowledgeBase'];
export type KnowledgeBaseList = Schemas['KnowledgeBaseList'];
/** A document uploaded to a knowledge base, with its processing status. */
export type KnowledgeBaseDocument = Schemas['Document'];
export type SearchResult = Schemas['SearchResult'];
export type SearchResults = Schemas['SearchResults'];
export type KnowledgeGraph = Schemas['KnowledgeGraph'];
/** A signed execution receipt (`GET /v8/receipts/{cid}`). */
export type Receipt = Schemas['Receipt'];
/** Ryvion's OpenAI-style error body. */
export type RyvionErrorBody = Schemas['ErrorResponse'];

export type { ApiPromise, ApiResult } from '../../core/client/api-promise';
export type { PagePromise } from '../../core/client/page-promise';
export type { RequestOptions } from '../../core/client/request-options';
export type { WaitOptions } from '../../core/client/wait-until';
export * from '../../core/errors/index';
