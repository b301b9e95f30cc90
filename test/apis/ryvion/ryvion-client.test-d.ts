import { describe, expectTypeOf, test } from 'vitest';
import type { MethodsNotReturningApiPromise } from '../../helpers/method-shape';
import {
  RyvionClient,
  type Account,
  type ApiKeyList,
  type ChatCompletion,
  type ChatCompletionChunk,
  type EventStream,
  type StreamPromise,
  type CreatedApiKey,
  type EmbeddingList,
  type KnowledgeBase,
  type KnowledgeBaseDocument,
  type KnowledgeBaseList,
  type KnowledgeGraph,
  type ModelList,
  type OpenAIConfig,
  type Receipt,
  type SearchResults,
  type WithReceipt,
} from '../../../src/apis/ryvion/index';
import type { ApiPromise } from '../../../src/index';

const ryvion = new RyvionClient({ apiKey: 'ryv_types' });
const file = new Blob(['x']);

describe('named methods resolve to the body with its receipt', () => {
  test('account and keys', () => {
    expectTypeOf(ryvion.me()).toEqualTypeOf<ApiPromise<WithReceipt<Account>>>();
    expectTypeOf(ryvion.createApiKey('ci')).toEqualTypeOf<ApiPromise<WithReceipt<CreatedApiKey>>>();
    expectTypeOf(ryvion.listApiKeys()).toEqualTypeOf<ApiPromise<WithReceipt<ApiKeyList>>>();
    expectTypeOf<CreatedApiKey['key']>().toEqualTypeOf<string>();
  });

  test('knowledge bases', () => {
    expectTypeOf(ryvion.createKnowledgeBase('kb', { jurisdiction: 'CA' })).resolves.toEqualTypeOf<WithReceipt<KnowledgeBase>>();
    expectTypeOf(ryvion.listKnowledgeBases()).resolves.toEqualTypeOf<WithReceipt<KnowledgeBaseList>>();
    expectTypeOf(ryvion.uploadDocument('kb_1', file, 'a.txt')).resolves.toEqualTypeOf<WithReceipt<KnowledgeBaseDocument>>();
    expectTypeOf(ryvion.searchKnowledgeBase('kb_1', 'q', { limit: 3 })).resolves.toEqualTypeOf<WithReceipt<SearchResults>>();
    expectTypeOf(ryvion.knowledgeBaseGraph('kb_1')).resolves.toEqualTypeOf<WithReceipt<KnowledgeGraph>>();
    expectTypeOf<KnowledgeBaseDocument['status']>().toEqualTypeOf<'queued' | 'processing' | 'ready' | 'failed'>();
  });

  test('models, receipts and the OpenAI config', () => {
    expectTypeOf(ryvion.listModels()).resolves.toEqualTypeOf<WithReceipt<ModelList>>();
    expectTypeOf(ryvion.getReceipt('ryv1:sha256:0')).resolves.toEqualTypeOf<WithReceipt<Receipt>>();
    expectTypeOf<WithReceipt<Receipt>['receiptCid']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(ryvion.openAIConfig()).toEqualTypeOf<OpenAIConfig>();
  });
});

describe('chat completions and embeddings', () => {
  const messages = [{ role: 'user' as const, content: 'hi' }];

  test('chatCompletion with stream: true is a stream of typed chunks, iterable as it is', () => {
    const streamed = ryvion.chatCompletion({ model: 'phi-4', messages, stream: true });
    expectTypeOf(streamed).toEqualTypeOf<StreamPromise<ChatCompletionChunk>>();
    expectTypeOf(streamed).toMatchTypeOf<AsyncIterable<ChatCompletionChunk>>();
    expectTypeOf(streamed).resolves.toEqualTypeOf<EventStream<ChatCompletionChunk>>();
    expectTypeOf(streamed).toMatchTypeOf<ApiPromise<EventStream<ChatCompletionChunk>>>();
    expectTypeOf(streamed).resolves.not.toMatchTypeOf<ChatCompletion>();
  });

  test('chatCompletion without stream (or with stream: false) is the completion with its receipt', () => {
    expectTypeOf(ryvion.chatCompletion({ model: 'phi-4', messages })).toEqualTypeOf<ApiPromise<WithReceipt<ChatCompletion>>>();
    expectTypeOf(ryvion.chatCompletion({ model: 'phi-4', messages, stream: false })).toEqualTypeOf<ApiPromise<WithReceipt<ChatCompletion>>>();
  });

  test('embeddings take one text or several', () => {
    expectTypeOf(ryvion.embeddings('hi')).toEqualTypeOf<ApiPromise<WithReceipt<EmbeddingList>>>();
    expectTypeOf(ryvion.embeddings(['a', 'b'], { model: 'all-MiniLM-L6-v2' })).toEqualTypeOf<ApiPromise<WithReceipt<EmbeddingList>>>();
    // @ts-expect-error input is text
    void ryvion.embeddings([1, 2]);
  });

  test('the typed POST with stream: true does not claim a ChatCompletion: the caller must tell the forms apart', () => {
    const posted = ryvion.POST('/v1/chat/completions', { body: { model: 'phi-4', messages, stream: true } });
    expectTypeOf(posted).resolves.not.toEqualTypeOf<ChatCompletion>();
    expectTypeOf(posted).resolves.not.toMatchTypeOf<ChatCompletion>();
  });
});

describe('the typed calls', () => {
  test('chat completions and embeddings resolve to their bodies; a completion may be a stream, so the typed POST never claims a ChatCompletion for it', () => {
    expectTypeOf(ryvion.POST('/v1/chat/completions', { body: { model: 'phi-4', messages: [{ role: 'user', content: 'hi' }] } })).resolves.toEqualTypeOf<ChatCompletion | string>();
    expectTypeOf(ryvion.POST('/v1/embeddings', { body: { model: 'all-MiniLM-L6-v2', input: 'hi' } })).resolves.toEqualTypeOf<EmbeddingList>();
  });

  test('wrong arguments do not compile', () => {
    // @ts-expect-error a file must be a Blob
    void ryvion.uploadDocument('kb_1', 'text', 'a.txt');
    // @ts-expect-error roles are system, user or assistant
    void ryvion.POST('/v1/chat/completions', { body: { model: 'phi-4', messages: [{ role: 'tool', content: 'hi' }] } });
    // @ts-expect-error the header is authorization or x-api-key
    void new RyvionClient({ apiKey: 'k', header: 'cookie' });
  });
});

test('every named method that sends a request returns an ApiPromise', () => {
  expectTypeOf<MethodsNotReturningApiPromise<RyvionClient>>().toEqualTypeOf<never>();
});
