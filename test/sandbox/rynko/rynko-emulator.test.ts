import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { rynkoSandbox } from '../../../src/sandbox/rynko/rynko-state';
import { signRynkoWebhook } from '../../../src/sandbox/rynko/sign-rynko-webhook';
import { useSandbox } from '../../helpers/use-sandbox';

// A still clock: the job timeline and URL expiry are checked to the millisecond.
const { sandbox } = useSandbox({ fakeTime: true });
const { control, urls } = sandbox;
const key = sandbox.credentials.rynko.apiKey;
const api = urls.rynko;

type Body = Record<string, unknown> & { code?: string; relatedInfo?: { errors: { field: string; message: string }[] } };

async function call(method: string, path: string, options: { body?: unknown; authorization?: string | null } = {}) {
  const headers = new Headers({ 'content-type': 'application/json' });
  const authorization = options.authorization === undefined ? `Bearer ${key}` : options.authorization;
  if (authorization !== null) headers.set('authorization', authorization);
  const response = await fetch(`${api}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Body };
}

const generate = (variables: Record<string, unknown> = { invoiceNumber: 'INV-1' }, templateId = 'tmpl_invoice') =>
  call('POST', '/api/v1/documents/generate', { body: { templateId, format: 'pdf', variables } });

afterEach(() => vi.useRealTimers());

describe('keys', () => {
  test.each([
    ['no Authorization header', null, 'ERR_AUTH_001'],
    ['a Basic header', 'Basic Zm06eA==', 'ERR_AUTH_001'],
    ['a key not in the fm_ format', 'Bearer sk_test_123456', 'ERR_AKEY_002'],
    ['an unknown key', 'Bearer fm_unknown_123', 'ERR_AUTH_004'],
  ])('%s: 401 %s in Rynko’s error body', async (_label, authorization, code) => {
    const { status, body } = await call('GET', '/api/auth/verify', { authorization });
    expect(status).toBe(401);
    expect(body).toEqual({ statusCode: 401, code, message: expect.any(String), timestamp: expect.any(String), path: '/api/auth/verify' });
    expect(control.counts('rynko').rejected).toBe(1);
  });

  test('a deactivated key is ERR_AKEY_003; a revoked one ERR_AUTH_004', async () => {
    control.addKey('rynko', 'fm_revoked_key', ['documents:read']);
    control.revokeKey('rynko', 'fm_revoked_key');
    control.deactivateKey('rynko');
    expect((await call('GET', '/api/auth/verify')).body.code).toBe('ERR_AKEY_003');
    expect((await call('GET', '/api/auth/verify', { authorization: 'Bearer fm_revoked_key' })).body.code).toBe('ERR_AUTH_004');
  });

  test('a key expires on the sandbox clock; using it then counts as an expired token use', async () => {
    control.addKey('rynko', 'fm_expiring_key', ['documents:read'], { expiresAt: control.now() + 60_000 });
    expect((await call('GET', '/api/v1/documents/jobs', { authorization: 'Bearer fm_expiring_key' })).status).toBe(200);
    control.advanceClock(60_000);
    const { status, body } = await call('GET', '/api/v1/documents/jobs', { authorization: 'Bearer fm_expiring_key' });
    expect([status, body.code, body.message]).toEqual([401, 'ERR_AUTH_004', 'API key has expired']);
    expect(control.counts('rynko')).toMatchObject({ rejected: 1, expiredTokenUses: 1 });
  });

  test('permissions are enforced; a write permission implies the matching read', async () => {
    control.addKey('rynko', 'fm_templates_key', ['templates:write']);
    const as = { authorization: 'Bearer fm_templates_key' };
    expect((await call('GET', '/api/v1/templates', as)).status).toBe(200);
    const refused = await call('GET', '/api/v1/documents/jobs', as);
    expect([refused.status, refused.body.code]).toEqual([403, 'ERR_AUTH_005']);
    control.addKey('rynko', 'fm_generate_key', ['documents:generate']);
    expect((await call('GET', '/api/v1/documents/jobs', { authorization: 'Bearer fm_generate_key' })).status).toBe(200);
  });

  test('verify answers with the account and the key’s permissions', async () => {
    const { body } = await call('GET', '/api/auth/verify');
    expect(body).toMatchObject({ id: 'usr_sandbox', email: 'sandbox@rynko.dev', teamId: 'team_sandbox', permissions: expect.arrayContaining(['documents:generate']) });
  });
});

describe('rate limits', () => {
  test('every response carries X-RateLimit-*, errors and unknown paths included', async () => {
    for (const response of [await call('GET', '/api/auth/verify'), await call('GET', '/api/v1/nothing'), await call('GET', '/api/auth/verify', { authorization: null })]) {
      expect(response.headers.get('x-ratelimit-limit')).toBe('600');
      expect(Number(response.headers.get('x-ratelimit-reset')) % 60).toBe(0);
      expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    }
    expect((await call('GET', '/api/auth/verify')).headers.get('x-ratelimit-remaining')).toBe('597');
  });

  test('past the limit: 429 ERR_QUOTA_002 with retryAfter until the window resets', async () => {
    rynkoSandbox(control).requestsPerMinute = 1;
    await call('GET', '/api/auth/verify');
    const { status, body, headers } = await call('GET', '/api/auth/verify');
    expect([status, body.code]).toEqual([429, 'ERR_QUOTA_002']);
    expect(headers.get('x-ratelimit-remaining')).toBe('0');
    const untilReset = Number(headers.get('x-ratelimit-reset')) - control.now() / 1000;
    expect(body.retryAfter).toBe(Math.max(1, Math.ceil(untilReset)));
    control.advanceClock(Math.ceil(untilReset) * 1000);
    expect((await call('GET', '/api/auth/verify')).status).toBe(200);
  });

  test('generations have a limit of their own: ERR_QUOTA_003', async () => {
    rynkoSandbox(control).generationsPerMinute = 1;
    expect((await generate()).status).toBe(202);
    const { status, body, headers } = await generate();
    expect([status, body.code, headers.get('x-ratelimit-limit')]).toEqual([429, 'ERR_QUOTA_003', '1']);
    expect(body.retryAfter).toEqual(expect.any(Number));
    expect((await call('GET', '/api/v1/documents/jobs')).status).toBe(200);
  });

  test('the monthly quota: 429 ERR_QUOTA_001 without retryAfter', async () => {
    rynkoSandbox(control).monthlyQuota = 2;
    const batch = await call('POST', '/api/v1/documents/generate/batch', {
      body: { templateId: 'tmpl_invoice', format: 'pdf', documents: [1, 2, 3].map((n) => ({ variables: { invoiceNumber: String(n) } })) },
    });
    expect([batch.status, batch.body.code, batch.body.retryAfter]).toEqual([429, 'ERR_QUOTA_001', undefined]);
    expect((await generate()).status).toBe(202);
    expect((await generate()).status).toBe(202);
    expect((await generate()).body.code).toBe('ERR_QUOTA_001');
  });
});

describe('jobs', () => {
  test('queued → processing → completed on the sandbox clock', async () => {
    const { status, body } = await generate({ invoiceNumber: 'INV-9' });
    expect(status).toBe(202);
    const path = `/api/v1/documents/jobs/${String(body.jobId)}`;
    expect((await call('GET', path)).body).toMatchObject({ status: 'queued', templateName: 'Invoice' });
    control.advanceClock(999);
    expect((await call('GET', path)).body.status).toBe('queued');
    control.advanceClock(1);
    expect((await call('GET', path)).body).toMatchObject({ status: 'processing', processingAt: expect.any(String) });
    control.advanceClock(2_000);
    const done = (await call('GET', path)).body;
    expect(done).toMatchObject({ status: 'completed', fileSize: expect.any(Number), completedAt: expect.any(String) });
    expect(String(done.downloadUrl)).toMatch(/^https:\/\/storage\.rynko\.dev\/downloads\/job_\w+\/job_\w+\.pdf\?expires=\d+&signature=[0-9a-f]{64}$/);
    expect(Date.parse(String(done.downloadUrlExpiresAt))).toBe(Math.floor((control.now() + 3_600_000) / 1000) * 1000);
  });

  test('a template that cannot render fails its jobs with ERR_DOC_004', async () => {
    const { body } = await generate({}, 'tmpl_broken');
    control.advanceClock(3_000);
    const job = (await call('GET', `/api/v1/documents/jobs/${String(body.jobId)}`)).body;
    expect(job).toMatchObject({ status: 'failed', errorCode: 'ERR_DOC_004', errorMessage: expect.stringContaining('footer') });
    expect(job.downloadUrl).toBeUndefined();
  });

  test('validation: ERR_VALID_001 with the fields in relatedInfo.errors', async () => {
    const { status, body } = await call('POST', '/api/v1/documents/generate', {
      body: { templateId: 'tmpl_invoice', format: 'docx', variables: {}, webhookUrl: 'http://example.com/hook' },
    });
    expect([status, body.code]).toEqual([400, 'ERR_VALID_001']);
    expect(body.relatedInfo!.errors.map((error) => error.field).sort()).toEqual(['format', 'variables.invoiceNumber', 'webhookUrl']);
    expect((await call('POST', '/api/v1/documents/generate', { body: '{not json' })).body.code).toBe('ERR_VALID_001');
    expect((await generate({}, 'tmpl_missing')).body.code).toBe('ERR_TMPL_001');
    expect((await call('GET', '/api/v1/documents/jobs/job_missing')).body).toMatchObject({ statusCode: 404, code: 'ERR_DOC_001' });
  });

  test('a batch takes up to 100 documents, in either documented form, finishing one after another', async () => {
    const tooMany = await call('POST', '/api/v1/documents/generate/batch', {
      body: { templateId: 'tmpl_invoice', format: 'pdf', documents: Array.from({ length: 101 }, () => ({ variables: { invoiceNumber: 'x' } })) },
    });
    expect([tooMany.status, tooMany.body.code, tooMany.body.relatedInfo?.errors[0]?.field]).toEqual([400, 'ERR_VALID_001', 'documents']);
    const { status, body } = await call('POST', '/api/v1/documents/generate/batch', {
      body: { templateId: 'tmpl_invoice', format: 'pdf', documents: [{ variables: { invoiceNumber: 'A' } }, { invoiceNumber: 'B' }] },
    });
    expect(status).toBe(202);
    expect(body).toMatchObject({ totalJobs: 2, status: 'queued' });
    control.advanceClock(3_000);
    expect((await call('GET', `/api/v1/documents/batches/${String(body.batchId)}`)).body).toMatchObject({ status: 'processing', completedJobs: 1 });
    control.advanceClock(200);
    expect((await call('GET', `/api/v1/documents/batches/${String(body.batchId)}`)).body).toMatchObject({ status: 'completed', completedJobs: 2 });
  });

  test('listJobs checks its paging', async () => {
    const { status, body } = await call('GET', '/api/v1/documents/jobs?limit=0&status=done');
    expect(status).toBe(400);
    expect(body.relatedInfo!.errors.map((error) => error.field)).toEqual(['status', 'limit']);
  });
});

describe('storage host', () => {
  async function downloadUrl(): Promise<string> {
    const { body } = await generate({ invoiceNumber: 'INV-5' });
    control.advanceClock(3_000);
    return String((await call('GET', `/api/v1/documents/jobs/${String(body.jobId)}`)).body.downloadUrl);
  }

  test('serves the file to a request without credentials', async () => {
    const response = await fetch(await downloadUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(await response.text()).toContain('"invoiceNumber":"INV-5"');
    expect(rynkoSandbox(control).storage).toEqual({ requests: 1, refusedCredentials: 0 });
  });

  test.each([['authorization', `Bearer ${key}`], ['x-api-key', key], ['cookie', 'session=1']])('refuses a request carrying %s', async (name, value) => {
    const response = await fetch(await downloadUrl(), { headers: { [name]: value } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'InvalidArgument' });
    expect(rynkoSandbox(control).storage.refusedCredentials).toBe(1);
  });

  test('checks the signature and the expiry', async () => {
    const url = new URL(await downloadUrl());
    const forged = new URL(url);
    forged.searchParams.set('signature', '0'.repeat(64));
    expect(await (await fetch(forged)).json()).toMatchObject({ code: 'SignatureDoesNotMatch' });
    const otherJob = new URL(url.href.replace(/downloads\/job_\w+\//, 'downloads/job_0000000000000000/'));
    expect((await fetch(otherJob)).status).toBe(403);
    control.advanceClock(3_600_000);
    const expired = await fetch(url);
    expect([expired.status, ((await expired.json()) as Body).code]).toEqual([403, 'AccessDenied']);
  });
});

describe('templates', () => {
  test('create, update, delete, with ERR_VALID_001 for shape and ERR_TMPL_003 for sense', async () => {
    const nameless = await call('POST', '/api/v1/templates', { body: { outputFormats: ['pdf'] } });
    expect([nameless.status, nameless.body.code, nameless.body.relatedInfo?.errors[0]?.field]).toEqual([400, 'ERR_VALID_001', 'name']);
    const unknownType = await call('POST', '/api/v1/templates', { body: { name: 'X', variables: [{ name: 'a', type: 'money' }] } });
    expect([unknownType.status, unknownType.body.code]).toEqual([422, 'ERR_TMPL_003']);

    const created = await call('POST', '/api/v1/templates', { body: { name: 'Letter', variables: [{ name: 'to', type: 'string', required: true }] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Letter', outputFormats: ['pdf'] });
    const path = `/api/v1/templates/${String(created.body.id)}`;
    expect((await call('PATCH', path, { body: { name: 'Cover letter' } })).body).toMatchObject({ name: 'Cover letter', variables: [{ name: 'to' }] });
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('PATCH', path, { body: { name: 'again' } })).body.code).toBe('ERR_TMPL_001');
  });

  test('reset() brings the seeded templates back and drops the rest', async () => {
    await call('DELETE', '/api/v1/templates/tmpl_invoice');
    await call('POST', '/api/v1/templates', { body: { name: 'Temporary' } });
    control.reset();
    const { body } = await call('GET', '/api/v1/templates');
    expect((body.data as { id: string }[]).map((template) => template.id)).toEqual(['tmpl_invoice', 'tmpl_sales_report', 'tmpl_broken']);
  });
});

describe('faults and webhooks', () => {
  test('an injected fault answers in Rynko’s error shape', async () => {
    control.inject('rynko', { status: 429 });
    const { status, body } = await call('GET', '/api/auth/verify');
    expect([status, body.code, body.retryAfter]).toEqual([429, 'ERR_QUOTA_002', 1]);
    expect(control.counts('rynko').faults).toBe(1);
  });

  test('an injected 429 carries X-RateLimit-Limit, -Remaining and -Reset like every Rynko response, without using up the limit', async () => {
    control.inject('rynko', { status: 429 });
    const { status, headers } = await call('GET', '/api/auth/verify');
    expect(status).toBe(429);
    expect(headers.get('x-ratelimit-limit')).toBe('600');
    expect(headers.get('x-ratelimit-remaining')).toBe('0');
    expect(headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
    expect(headers.get('x-request-id')).toMatch(/^req_/);
    expect((await call('GET', '/api/auth/verify')).headers.get('x-ratelimit-remaining')).toBe('599');
  });

  test('an injected error body has Rynko’s path field, relative to the API’s base', async () => {
    control.inject('rynko', { status: 503 });
    const { status, body } = await call('GET', '/api/auth/verify');
    expect(status).toBe(503);
    expect(body).toEqual({ statusCode: 503, message: 'Internal server error', timestamp: expect.any(String), path: '/api/auth/verify' });
  });

  test('signRynkoWebhook signs "<t>.<body>" with HMAC-SHA256, as Rynko does', async () => {
    const event = { id: 'evt_9', type: 'document.failed', timestamp: '2026-01-01T00:00:00.000Z', data: { jobId: 'job_1' } };
    const { body, headers } = await signRynkoWebhook(event, 'whsec_x', { timestampSec: 1_767_225_600 });
    const expected = createHmac('sha256', 'whsec_x').update(`1767225600.${body}`).digest('hex');
    expect(headers).toMatchObject({ 'x-rynko-signature': `t=1767225600,v1=${expected}`, 'x-rynko-event-id': 'evt_9', 'x-rynko-event-type': 'document.failed' });
  });
});
