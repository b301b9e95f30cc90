import { afterEach, describe, expect, test, vi } from 'vitest';
import { rynkoState } from '../../../src/sandbox/rynko/rynko-state';
import { useSandbox } from '../../helpers/use-sandbox';

// A still clock: windows are whole minutes of the sandbox clock.
const { sandbox } = useSandbox({ fakeTime: true });
const { control, urls } = sandbox;
const key = sandbox.credentials.rynko.apiKey;

async function call(method: string, path: string, body?: unknown, bearer: string = key) {
  const response = await fetch(`${urls.rynko}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

const invoice = { templateId: 'tmpl_invoice', format: 'pdf', variables: { invoiceNumber: 'INV-1' } };
const batch = { templateId: 'tmpl_invoice', format: 'pdf', documents: [{ variables: { invoiceNumber: 'B-1' } }] };
const generate = () => call('POST', '/api/v1/documents/generate', invoice);
const generateBatch = () => call('POST', '/api/v1/documents/generate/batch', batch);
const limitOf = (response: { headers: Headers }) => [response.headers.get('x-ratelimit-limit'), response.headers.get('x-ratelimit-remaining')];

afterEach(() => vi.useRealTimers());

describe('per-endpoint limits, as Rynko publishes them', () => {
  test('each endpoint answers with its own window: generate 100, batch 10, jobs and templates 300 a minute', async () => {
    const { body } = await generate();
    expect(limitOf(await generate())).toEqual(['100', '98']);
    expect(limitOf(await generateBatch())).toEqual(['10', '9']);
    expect(limitOf(await call('GET', `/api/v1/documents/jobs/${String(body.jobId)}`))).toEqual(['300', '299']);
    expect(limitOf(await call('GET', '/api/v1/documents/jobs'))).toEqual(['300', '298']);
    expect(limitOf(await call('GET', '/api/v1/templates'))).toEqual(['300', '299']);
    // Endpoints without a published limit of their own show the key's overall window.
    expect(limitOf(await call('GET', '/api/auth/verify'))).toEqual(['600', '593']);
  });

  test('a generation past the limit is a 429 ERR_QUOTA_003 with retryAfter up to the window’s end', async () => {
    // The default of 100 is pinned above by its header; three keep this test cheap on a busy machine.
    rynkoState(control).generationsPerMinute = 3;
    for (let count = 0; count < 3; count++) expect((await generate()).status).toBe(202);
    const refused = await generate();
    expect([refused.status, refused.body.code, refused.body.retryAfter]).toEqual([429, 'ERR_QUOTA_003', 60]);
    expect(limitOf(refused)).toEqual(['3', '0']);
    expect(Number(refused.headers.get('x-ratelimit-reset')) * 1000).toBe(control.now() + 60_000);
    expect(rynkoState(control).jobs.size).toBe(3);
  });

  test('the 11th batch in a minute is refused; the next minute on the sandbox clock lets it through', async () => {
    for (let count = 0; count < 10; count++) expect((await generateBatch()).status).toBe(202);
    control.advanceClock(45_000);
    const refused = await generateBatch();
    expect([refused.status, refused.body.code, refused.body.retryAfter]).toEqual([429, 'ERR_QUOTA_003', 15]);
    expect((await generate()).status).toBe(202); // single generations have their own window
    control.advanceClock(15_000);
    expect((await generateBatch()).status).toBe(202);
  });

  test('job and template reads past their limit are 429 ERR_QUOTA_002, each counted apart', async () => {
    const state = rynkoState(control);
    state.jobsPerMinute = 2;
    state.templatesPerMinute = 1;
    await call('GET', '/api/v1/documents/jobs');
    await call('GET', '/api/v1/documents/jobs');
    const jobs = await call('GET', '/api/v1/documents/jobs');
    expect([jobs.status, jobs.body.code, jobs.body.retryAfter]).toEqual([429, 'ERR_QUOTA_002', 60]);
    expect((await call('GET', '/api/v1/templates')).status).toBe(200);
    const templates = await call('GET', '/api/v1/templates/tmpl_invoice');
    expect([templates.status, templates.body.code, limitOf(templates)]).toEqual([429, 'ERR_QUOTA_002', ['1', '0']]);
  });

  test('each key has its own windows', async () => {
    rynkoState(control).batchesPerMinute = 1;
    control.addKey('rynko', 'fm_second_key', ['documents:generate']);
    expect((await generateBatch()).status).toBe(202);
    expect((await generateBatch()).status).toBe(429);
    expect((await call('POST', '/api/v1/documents/generate/batch', batch, 'fm_second_key')).status).toBe(202);
  });

  test('a job retry counts as a generation', async () => {
    rynkoState(control).generationsPerMinute = 1;
    const { body } = await call('POST', '/api/v1/documents/generate', { templateId: 'tmpl_broken', format: 'pdf' });
    control.advanceClock(3_000);
    const retried = await call('POST', `/api/v1/documents/jobs/${String(body.jobId)}/retry`);
    expect([retried.status, retried.body.code]).toEqual([429, 'ERR_QUOTA_003']);
  });
});
