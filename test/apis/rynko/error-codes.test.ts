import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ApiError,
  ApiKeyDeactivatedError,
  AuthenticationError,
  DocumentGenerationError,
  InsufficientScopeError,
  InvalidApiKeyError,
  InvalidTokenError,
  MissingCredentialsError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  RynkoClient,
  rynkoErrorCodes,
  ValidationError,
  type ApiErrorClass,
} from '../../../src/apis/rynko/index';
import { rynkoSandbox } from '../../../src/sandbox/rynko/rynko-state';
import { settle, start } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox({ fakeTime: true });
const { apiKey } = sandbox.credentials.rynko;
const invoice = { templateId: 'tmpl_invoice', format: 'pdf' as const, variables: { invoiceNumber: 'INV-1' } };

afterEach(() => vi.useRealTimers());

const codes: [code: string, status: number, errorClass: ApiErrorClass][] = [
  ['ERR_AUTH_001', 401, MissingCredentialsError],
  ['ERR_AUTH_004', 401, InvalidTokenError],
  ['ERR_AKEY_002', 401, InvalidApiKeyError],
  ['ERR_AKEY_003', 401, ApiKeyDeactivatedError],
  ['ERR_AUTH_005', 403, InsufficientScopeError],
  ['ERR_TMPL_001', 404, NotFoundError],
  ['ERR_TMPL_003', 422, ValidationError],
  ['ERR_DOC_001', 404, NotFoundError],
  ['ERR_DOC_004', 500, DocumentGenerationError],
  ['ERR_VALID_001', 400, ValidationError],
  ['ERR_QUOTA_001', 429, QuotaExceededError],
  ['ERR_QUOTA_002', 429, RateLimitError],
  ['ERR_QUOTA_003', 429, RateLimitError],
];

describe('every Rynko error code becomes its error class', () => {
  test('the map covers exactly the documented codes', () => {
    expect(Object.keys(rynkoErrorCodes).sort()).toEqual(codes.map(([code]) => code).sort());
  });

  test.each(codes)('%s (%i) → %o, with code, status and request id', async (code, status, errorClass) => {
    const body = { statusCode: status, code, message: `${code} happened`, timestamp: new Date().toISOString(), path: '/api/auth/verify' };
    control.inject('rynko', { status, body, headers: { 'x-request-id': 'req_fixed_1' } });
    const error = await settle(new RynkoClient({ apiKey, maxRetries: 0 }).verify());
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code, status, requestId: 'req_fixed_1', detail: `${code} happened` });
  });

  test('the code is also read from `error`, where Rynko’s own SDKs look for it', async () => {
    control.inject('rynko', { status: 401, body: { statusCode: 401, error: 'ERR_AKEY_003', message: 'deactivated' } });
    const error = await settle(new RynkoClient({ apiKey }).verify());
    expect(error).toBeInstanceOf(ApiKeyDeactivatedError);
  });
});

describe('the sandbox’s own refusals', () => {
  test('a deactivated key: ApiKeyDeactivatedError, an AuthenticationError and ApiError, sent once', async () => {
    control.deactivateKey('rynko');
    const before = control.counts('rynko').requests;
    const error = await settle(new RynkoClient({ apiKey }).verify());
    expect(error).toBeInstanceOf(ApiKeyDeactivatedError);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(ApiError);
    const deactivated = error as ApiKeyDeactivatedError;
    expect(deactivated).toMatchObject({ code: 'ERR_AKEY_003', status: 401, method: 'GET', url: 'https://api.rynko.dev/api/auth/verify' });
    expect(deactivated.requestId).toMatch(/^req_/);
    expect(deactivated.requestId).toBe(deactivated.headers.get('x-request-id'));
    // A fixed key cannot be refreshed: one request, no resend.
    expect(control.counts('rynko').requests - before).toBe(1);
  });

  test('the key never appears in an error, even when the server echoes it', async () => {
    control.inject('rynko', { status: 401, body: { statusCode: 401, code: 'ERR_AUTH_004', message: `key ${apiKey} was revoked` } });
    const error = (await settle(new RynkoClient({ apiKey }).verify())) as ApiError;
    for (const view of [error.message, JSON.stringify(error), JSON.stringify(error.body)]) expect(view).not.toContain(apiKey);
  });

  test('a key not in the fm_ format: InvalidApiKeyError', async () => {
    expect(await settle(new RynkoClient({ apiKey: 'sk_live_123456' }).verify())).toBeInstanceOf(InvalidApiKeyError);
  });

  test('an unknown key and an expired one: InvalidTokenError', async () => {
    expect(await settle(new RynkoClient({ apiKey: 'fm_unknown_key' }).verify())).toBeInstanceOf(InvalidTokenError);
    control.addKey('rynko', 'fm_short_lived', ['documents:read'], { expiresAt: control.now() + 1_000 });
    const client = new RynkoClient({ apiKey: 'fm_short_lived' });
    await expect(client.verify()).resolves.toMatchObject({ email: 'sandbox@rynko.dev' });
    control.advanceClock(1_000);
    expect(await settle(client.verify())).toMatchObject({ name: 'InvalidTokenError', detail: 'API key has expired' });
  });

  test('a key without the permission: InsufficientScopeError (403)', async () => {
    control.addKey('rynko', 'fm_reader_key', ['documents:read']);
    const client = new RynkoClient({ apiKey: 'fm_reader_key' });
    await expect(client.listJobs()).resolves.toMatchObject({ total: 0 });
    const error = await settle(client.generateDocument(invoice));
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'ERR_AUTH_005' });
  });

  test('not found: ERR_TMPL_001 and ERR_DOC_001', async () => {
    const client = new RynkoClient({ apiKey });
    expect(await settle(client.getTemplate('tmpl_missing'))).toMatchObject({ name: 'NotFoundError', code: 'ERR_TMPL_001', status: 404 });
    expect(await settle(client.getJob('job_missing'))).toMatchObject({ name: 'NotFoundError', code: 'ERR_DOC_001', status: 404 });
  });

  test('validation: ERR_VALID_001 names the field, ERR_TMPL_003 for a template that does not hold together', async () => {
    const client = new RynkoClient({ apiKey });
    const missing = await settle(client.generateDocument({ templateId: 'tmpl_invoice', format: 'pdf', variables: {} }));
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing).toMatchObject({ status: 400, code: 'ERR_VALID_001', detail: expect.stringContaining('variables.invoiceNumber') });
    const twice = await settle(client.createTemplate({ name: 'Twice', variables: [{ name: 'a', type: 'string' }, { name: 'a', type: 'number' }] }));
    expect(twice).toBeInstanceOf(ValidationError);
    expect(twice).toMatchObject({ status: 422, code: 'ERR_TMPL_003' });
  });
});

describe('quota and rate limits', () => {
  test('ERR_QUOTA_001 is never retried, even on a request that could be resent', async () => {
    rynkoSandbox(control).monthlyQuota = 0;
    const client = new RynkoClient({ apiKey });
    const before = control.counts('rynko').requests;
    const error = await settle(client.POST('/api/v1/documents/generate', { body: invoice, headers: { 'Idempotency-Key': 'gen-1' } }));
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ code: 'ERR_QUOTA_001', status: 429 });
    expect(control.counts('rynko').requests - before).toBe(1);
  });

  test('ERR_QUOTA_001 on a GET with Retry-After is not retried either', async () => {
    control.inject('rynko', { status: 429, body: { statusCode: 429, code: 'ERR_QUOTA_001', message: 'quota' }, headers: { 'retry-after': '1' } });
    const before = control.counts('rynko').requests;
    expect(await settle(new RynkoClient({ apiKey }).verify())).toBeInstanceOf(QuotaExceededError);
    expect(control.counts('rynko').requests - before).toBe(1);
  });

  test('ERR_QUOTA_002: the call waits until X-RateLimit-Reset and is retried', async () => {
    vi.setSystemTime(start + 50_000); // 10 s before the minute's window resets
    rynkoSandbox(control).requestsPerMinute = 2;
    const client = new RynkoClient({ apiKey });
    const first = await client.verify().withResponse();
    expect(first.response.headers.get('x-ratelimit-remaining')).toBe('1');
    await client.verify();
    const before = control.counts('rynko').requests;
    const third = await settle(client.verify().withResponse());
    expect(third).toMatchObject({ data: { email: 'sandbox@rynko.dev' } });
    expect(Date.now() - start).toBe(60_000);
    expect(control.counts('rynko').requests - before).toBe(2);
    expect((third as { response: Response }).response.headers.get('x-ratelimit-remaining')).toBe('1');
  });

  test('ERR_QUOTA_003 on a generation is a RateLimitError with retryAfterMs, not resent', async () => {
    rynkoSandbox(control).generationsPerMinute = 1;
    const client = new RynkoClient({ apiKey });
    await client.generateDocument(invoice);
    const error = await settle(client.generateDocument(invoice));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).not.toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ code: 'ERR_QUOTA_003', retryAfterMs: 60_000 });
    expect(rynkoSandbox(control).jobs.size).toBe(1);
  });
});

describe('where the code is', () => {
  test.each(['code', 'error'] as const)('a code sent in `%s` becomes the same typed error', async (field) => {
    rynkoSandbox(control).errorCodeField = field;
    const error = await settle(new RynkoClient({ apiKey }).getJob('job_missing'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'ERR_DOC_001' });
    expect((error as NotFoundError).body).toHaveProperty(field, 'ERR_DOC_001'); // the code came from that field
  });

  test('the monthly quota sent in `error` is still a QuotaExceededError, not retried', async () => {
    rynkoSandbox(control).errorCodeField = 'error';
    rynkoSandbox(control).monthlyQuota = 0;
    const before = control.counts('rynko').requests;
    const error = await settle(new RynkoClient({ apiKey }).generateDocument(invoice));
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ code: 'ERR_QUOTA_001', body: { error: 'ERR_QUOTA_001' } });
    expect(control.counts('rynko').requests - before).toBe(1);
  });
});
