import { http } from 'msw';
import { describe, expect, test, vi } from 'vitest';
import { ApiKeyDeactivatedError, ConfigurationError, RynkoClient } from '../../../src/apis/rynko/index';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox();
const { apiKey } = sandbox.credentials.rynko;
const invoice = (invoiceNumber: string) => ({ templateId: 'tmpl_invoice', format: 'pdf' as const, variables: { invoiceNumber } });

describe('options', () => {
  test('defaults to the real API and the key from RYNKO_API_KEY', async () => {
    vi.stubEnv('RYNKO_API_KEY', apiKey);
    const rynko = new RynkoClient();
    expect(rynko.baseUrl).toBe('https://api.rynko.dev');
    await expect(rynko.verify()).resolves.toMatchObject({ id: 'usr_sandbox', email: 'sandbox@rynko.dev' });
  });

  test('RYNKO_API_URL replaces the default base URL; an explicit baseUrl wins over both', () => {
    vi.stubEnv('RYNKO_API_URL', 'https://eu.api.rynko.dev/');
    expect(new RynkoClient({ apiKey }).baseUrl).toBe('https://eu.api.rynko.dev');
    expect(new RynkoClient({ apiKey, baseUrl: 'http://127.0.0.1:4010' }).baseUrl).toBe('http://127.0.0.1:4010');
  });

  test('a missing key names the option and the environment variable', () => {
    vi.stubEnv('RYNKO_API_KEY', '');
    const error = (() => {
      try {
        return new RynkoClient();
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'apiKey', message: expect.stringContaining('RYNKO_API_KEY') });
  });

  test('a bad RYNKO_API_URL is blamed on the variable', () => {
    vi.stubEnv('RYNKO_API_URL', 'http://api.rynko.example');
    expect(() => new RynkoClient({ apiKey })).toThrow(/`baseUrl`: must use https.*\(read from RYNKO_API_URL\)/);
  });

  test('unknown options are named, with the likely intended one', () => {
    expect(() => new RynkoClient({ apikey: apiKey } as never)).toThrow(/`apikey`.*RynkoClient; did you mean `apiKey`\?/);
    expect(() => new RynkoClient({ apiKey, timeout: 5 } as never)).toThrow(/did you mean `timeoutMs`/);
    expect(() => new RynkoClient(null as never)).toThrow(ConfigurationError);
  });

  test('a key that cannot be sent in a header is refused without repeating it', () => {
    const error = (() => {
      try {
        return new RynkoClient({ apiKey: 'fm_secret value' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toMatchObject({ name: 'ConfigurationError', option: 'apiKey' });
    expect((error as Error).message).not.toContain('fm_secret');
  });

  test('client overrides are validated by name too', () => {
    expect(() => new RynkoClient({ apiKey, maxRetries: -1 })).toThrow(/`maxRetries`/);
  });

  test('the key goes as a Bearer token, and only to the API', async () => {
    const seen: (string | null)[] = [];
    server.use(http.get(`${sandbox.urls.rynko}/*`, ({ request }) => void seen.push(request.headers.get('authorization'))));
    await new RynkoClient({ apiKey }).verify();
    expect(seen).toEqual([`Bearer ${apiKey}`]);
  });

  test('a key given as a function is read again after a 401, picking up a rotation', async () => {
    control.addKey('rynko', 'fm_old_key', ['documents:read']);
    control.deactivateKey('rynko', 'fm_old_key');
    let current = 'fm_old_key';
    const rynko = new RynkoClient({ apiKey: () => current });
    await expect(rynko.verify()).rejects.toBeInstanceOf(ApiKeyDeactivatedError);
    current = apiKey;
    await expect(rynko.verify()).resolves.toMatchObject({ permissions: expect.arrayContaining(['templates:write']) });
  });
});

describe('documents', () => {
  test('generateDocument queues a job and answers with its status URL', async () => {
    const queued = await new RynkoClient({ apiKey }).generateDocument(invoice('INV-1'));
    expect(queued).toMatchObject({ status: 'queued', estimatedWaitSeconds: 3 });
    expect(queued.jobId).toMatch(/^job_[0-9a-f]{16}$/);
    expect(queued.statusUrl).toBe(`https://api.rynko.dev/api/v1/documents/jobs/${queued.jobId}`);
  });

  test('every response carries the rate-limit counters of its endpoint, reachable through withResponse()', async () => {
    const rynko = new RynkoClient({ apiKey });
    const { data, response } = await rynko.getJob((await rynko.generateDocument(invoice('INV-1'))).jobId).withResponse();
    expect(data.status).toBe('queued');
    // Job reads have Rynko's published limit of 300 a minute, counted apart from generations.
    expect(response.headers.get('x-ratelimit-limit')).toBe('300');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('299');
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  test('listJobs pages newest first and filters by status and template', async () => {
    const rynko = new RynkoClient({ apiKey });
    const ids: string[] = [];
    for (const number of ['1', '2', '3']) {
      ids.push((await rynko.generateDocument(invoice(number))).jobId);
      control.advanceClock(1_000);
    }
    await rynko.generateDocument({ templateId: 'tmpl_sales_report', format: 'csv', variables: { rows: [] } });
    const first = await rynko.listJobs({ templateId: 'tmpl_invoice', limit: 2 });
    expect(first.total).toBe(3);
    expect(first.jobs.map((job) => job.jobId)).toEqual([ids[2], ids[1]]);
    const second = await rynko.listJobs({ templateId: 'tmpl_invoice', limit: 2, offset: 2 });
    expect(second.jobs.map((job) => job.jobId)).toEqual([ids[0]]);
    // Queued 3 s, 2 s and 1 s ago: one done, one processing, one still queued (plus the CSV).
    expect((await rynko.listJobs({ status: 'completed' })).jobs.map((job) => job.jobId)).toEqual([ids[0]]);
    expect((await rynko.listJobs({ status: 'queued' })).total).toBe(1);
  });

  test('listJobs iterates every job from the offset on, a page of `limit` at a time, read as reached', async () => {
    const rynko = new RynkoClient({ apiKey });
    const ids: string[] = [];
    for (const number of ['1', '2', '3', '4', '5']) {
      ids.push((await rynko.generateDocument(invoice(number))).jobId);
      control.advanceClock(1_000);
    }
    const offsets: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => void offsets.push(new URL(request.url).searchParams.get('offset')));
    const jobs = await rynko.listJobs({ templateId: 'tmpl_invoice', limit: 2, offset: 1 }).all();
    expect(jobs.map((job) => job.jobId)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(offsets).toEqual(['1', '3']);
    offsets.length = 0;
    for await (const _job of rynko.listJobs({ limit: 2 })) break;
    server.events.removeAllListeners();
    expect(offsets).toEqual([null]);
  });

  test('listTemplates iterates every template, page after page', async () => {
    const rynko = new RynkoClient({ apiKey });
    const all = (await rynko.listTemplates({ limit: 100 })).data;
    const paged = await rynko.listTemplates({ limit: 1 }).all();
    expect(paged.map((template) => template.id)).toEqual(all.map((template) => template.id));
    expect(paged.length).toBeGreaterThan(1);
  });

  test('generateBatch queues one job per document; getBatch follows them to the end', async () => {
    const rynko = new RynkoClient({ apiKey });
    const batch = await rynko.generateBatch({
      templateId: 'tmpl_invoice',
      format: 'pdf',
      documents: [{ variables: { invoiceNumber: 'A' } }, { variables: { invoiceNumber: 'B' }, filename: 'b' }, { variables: { invoiceNumber: 'C' } }],
      metadata: { run: 'nightly' },
    });
    expect(batch).toMatchObject({ status: 'queued', totalJobs: 3 });
    const queued = await rynko.getBatch(batch.batchId);
    expect(queued).toMatchObject({ status: 'queued', totalJobs: 3, completedJobs: 0, metadata: { run: 'nightly' } });
    control.advanceClock(10_000);
    const done = await rynko.getBatch(batch.batchId);
    expect(done).toMatchObject({ status: 'completed', completedJobs: 3, failedJobs: 0 });
    const second = await rynko.getJob(done.jobs[1]!.jobId);
    expect(second).toMatchObject({ batchId: batch.batchId, filename: 'b', status: 'completed' });
  });

  test.each([
    ['101 documents', Array.from({ length: 101 }, () => ({ variables: {} })), 'documents', 'got 101'],
    ['no documents', [], 'documents', 'got 0'],
    ['a document without variables', [{ variables: {} }, { filename: 'x' }], 'documents[1].variables', 'must be an object'],
  ])('generateBatch refuses %s before sending anything', async (_label, documents, option, problem) => {
    const before = control.counts('rynko').requests;
    const error = await new RynkoClient({ apiKey })
      .generateBatch({ templateId: 'tmpl_invoice', format: 'pdf', documents: documents as never })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ConfigurationError', option, message: expect.stringContaining(problem) });
    expect(control.counts('rynko').requests).toBe(before);
  });

  test('an empty id is refused by name, as a rejected call', async () => {
    const rynko = new RynkoClient({ apiKey });
    await expect(rynko.getJob('')).rejects.toMatchObject({ option: 'jobId' });
    await expect(rynko.getTemplate(' ').withResponse()).rejects.toMatchObject({ option: 'id' });
    await expect(rynko.getBatch(undefined as never)).rejects.toMatchObject({ option: 'batchId' });
  });
});

describe('templates', () => {
  test('create, read, update, list, delete', async () => {
    const rynko = new RynkoClient({ apiKey });
    const created = await rynko.createTemplate({ name: 'Receipt', outputFormats: ['pdf', 'csv'], variables: [{ name: 'amount', type: 'number', required: true }] });
    expect(created).toMatchObject({ name: 'Receipt', outputFormats: ['pdf', 'csv'] });
    expect(created.id).toMatch(/^tmpl_/);
    expect(await rynko.getTemplate(created.id)).toEqual(created);

    const updated = await rynko.updateTemplate(created.id, { description: 'Till receipt' });
    expect(updated).toMatchObject({ name: 'Receipt', description: 'Till receipt' });

    const found = await rynko.listTemplates({ search: 'receipt' });
    expect(found).toMatchObject({ total: 1, page: 1, totalPages: 1 });
    expect(found.data[0]!.id).toBe(created.id);
    expect((await rynko.listTemplates({ limit: 2 })).totalPages).toBe(2);

    expect(await rynko.deleteTemplate(created.id)).toBeUndefined();
    await expect(rynko.getTemplate(created.id)).rejects.toMatchObject({ name: 'NotFoundError', code: 'ERR_TMPL_001' });
  });

  test('a new template generates documents at once', async () => {
    const rynko = new RynkoClient({ apiKey });
    const { id } = await rynko.createTemplate({ name: 'Export', outputFormats: ['csv'] });
    await expect(rynko.generateDocument({ templateId: id, format: 'csv', variables: { a: 1 } })).resolves.toMatchObject({ status: 'queued' });
    await expect(rynko.generateDocument({ templateId: id, format: 'pdf' })).rejects.toMatchObject({ code: 'ERR_VALID_001', detail: expect.stringContaining('does not produce pdf') });
  });

  test("deleteTemplate('..') is refused by name, and nothing is deleted", async () => {
    // Sent, `/api/v1/templates/..` would be `DELETE /api/v1/`.
    await expect(new RynkoClient({ apiKey }).deleteTemplate('..')).rejects.toMatchObject({ name: 'ConfigurationError', option: 'params.path.id' });
    expect(control.counts('rynko').requests).toBe(0);
  });
});
