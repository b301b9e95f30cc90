import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  ApiKeyDeactivatedError,
  AuthenticationError,
  BadRequestError,
  InsufficientScopeError,
  InvalidApiKeyError,
  MissingCredentialsError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  RyvionClient,
  ServerError,
} from '../../../src/apis/ryvion/index';
import { ryvionState } from '../../../src/sandbox/ryvion/ryvion-state';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useRyvionSandbox } from './ryvion-test-kit';

const { control, keys } = useRyvionSandbox();
const requests = () => control.counts('ryvion').requests;
const chat = { model: 'phi-4', messages: [{ role: 'user' as const, content: 'hello' }] };

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

/** Every error carries what a support ticket needs. */
function expectDetails(error: unknown, status: number, code: string) {
  expect(error).toMatchObject({ status, code, requestId: expect.stringMatching(/^req_[0-9a-f]{24}$/), detail: expect.any(String) });
}

describe('401: a fixed key cannot be refreshed, so one request and the typed error', () => {
  test('no key reaching the API is a MissingCredentialsError', async () => {
    const stripping: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      request.headers.delete('authorization');
      return fetch(request);
    };
    const error = await settle(new RyvionClient({ apiKey: keys.apiKey, fetch: stripping }).me());
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expectDetails(error, 401, 'missing_api_key');
  });

  test('an unknown key is an InvalidApiKeyError', async () => {
    const error = await settle(new RyvionClient({ apiKey: 'ryv_never_issued' }).listModels());
    expect(error).toBeInstanceOf(InvalidApiKeyError);
    expectDetails(error, 401, 'invalid_api_key');
    expect(requests()).toBe(1);
  });

  test('a revoked key is an InvalidApiKeyError, whichever header carries it', async () => {
    control.revokeKey('ryvion', keys.apiKey);
    for (const header of ['authorization', 'x-api-key'] as const) {
      const error = await settle(new RyvionClient({ apiKey: keys.apiKey, header }).listKnowledgeBases());
      expect(error).toBeInstanceOf(InvalidApiKeyError);
    }
    expect(requests()).toBe(2);
    expect(control.counts('ryvion').rejected).toBe(2);
  });

  test('a deactivated key is an ApiKeyDeactivatedError', async () => {
    control.deactivateKey('ryvion', keys.apiKey);
    const error = await settle(new RyvionClient({ apiKey: keys.apiKey }).POST('/v1/chat/completions', { body: chat }));
    expect(error).toBeInstanceOf(ApiKeyDeactivatedError);
    expect(error).toBeInstanceOf(AuthenticationError);
    expectDetails(error, 401, 'api_key_deactivated');
    expect(requests()).toBe(1);
  });
});

describe('403: the key lacks the scope', () => {
  test('a read-only key writing gets an InsufficientScopeError', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.readOnlyKey });
    const writes: (() => PromiseLike<unknown>)[] = [
      () => ryvion.createKnowledgeBase('notes'),
      () => ryvion.uploadDocument('kb_any', new Blob(['x']), 'x.txt'),
      () => ryvion.POST('/v1/chat/completions', { body: chat }),
    ];
    for (const write of writes) {
      const error = await settle(write());
      expect(error).toBeInstanceOf(InsufficientScopeError);
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expectDetails(error, 403, 'insufficient_scope');
      expect((error as InsufficientScopeError).detail).toContain('read-only');
    }
    expect(requests()).toBe(3);
  });

  test('a write-only key reading models gets one too', async () => {
    expect(await settle(new RyvionClient({ apiKey: keys.writeOnlyKey }).listModels())).toBeInstanceOf(InsufficientScopeError);
  });
});

describe('429: the spending-velocity cap is a QuotaExceededError, never retried', () => {
  test('a search past the cap fails after exactly one request', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('notes');
    ryvionState(control).spendingCapMicroCad = 10_000; // one $0.01 search
    await ryvion.searchKnowledgeBase(kb.id, 'anything');
    const before = requests();
    const error = await settle(ryvion.searchKnowledgeBase(kb.id, 'anything'));
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toBeInstanceOf(RateLimitError);
    expectDetails(error, 429, 'spending_velocity_exceeded');
    expect(error).toMatchObject({ type: 'rate_limit_error', retryAfterMs: undefined });
    expect(requests() - before).toBe(1);
  });

  test('even a GET, which other 429s retry, is sent once', async () => {
    control.inject('ryvion', { status: 429, path: '/v1/models', times: 3 });
    const error = await settle(new RyvionClient({ apiKey: keys.apiKey }).listModels());
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(requests()).toBe(1);
  });

  test('a 429 whose body names no code (a proxy’s) is one too, sent once', async () => {
    // Ryvion's only limit is the cap, so the decision must not depend on the body naming it.
    const body = { error: { message: 'Spending velocity limit exceeded. Current limit: $5.00 CAD/hour.', type: 'rate_limit_error' } };
    control.inject('ryvion', { status: 429, path: '/v1/models', times: 3, body });
    const error = await settle(new RyvionClient({ apiKey: keys.apiKey }).listModels());
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(requests()).toBe(1);
  });
});

describe('other statuses', () => {
  test('an unknown receipt or model is a NotFoundError; a bad field a BadRequestError naming it', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const receipt = await settle(ryvion.getReceipt(`ryv1:sha256:${'0'.repeat(64)}`));
    expect(receipt).toBeInstanceOf(NotFoundError);
    expectDetails(receipt, 404, 'not_found');
    const model = await settle(ryvion.POST('/v1/chat/completions', { body: { ...chat, model: 'gpt-5' } }));
    expect(model).toBeInstanceOf(NotFoundError);
    expectDetails(model, 404, 'model_not_found');
    const field = await settle(ryvion.POST('/v1/chat/completions', { body: { ...chat, temperature: 2.5 } }));
    expect(field).toBeInstanceOf(BadRequestError);
    expect(field).toMatchObject({ status: 400, code: 'invalid_request', detail: expect.stringContaining('temperature') });
  });

  test('a 504 (over 30 s) on a completion is a ServerError, not resent', async () => {
    control.inject('ryvion', { status: 504, path: '/v1/chat/completions' });
    const error = await settle(new RyvionClient({ apiKey: keys.apiKey }).POST('/v1/chat/completions', { body: chat }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 504, code: 'gateway_timeout', type: 'timeout_error' });
    expect(requests()).toBe(1);
  });

  test('a 504 on a GET is retried', async () => {
    control.inject('ryvion', { status: 504, path: '/v1/models' });
    const models = await settle(new RyvionClient({ apiKey: keys.apiKey }).listModels());
    expect(models).toMatchObject({ object: 'list' });
    expect(requests()).toBe(2);
  });
});
