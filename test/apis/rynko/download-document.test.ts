import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  AbortError,
  ConfigurationError,
  ConnectionError,
  PermissionDeniedError,
  RynkoClient,
  TimeoutError,
  type Job,
} from '../../../src/apis/rynko/index';
import { rynkoSandbox } from '../../../src/sandbox/rynko/rynko-state';
import { settle } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox } = useSandbox({ fakeTime: true });
const { apiKey } = sandbox.credentials.rynko;

/** Every request that reached the storage host, with the headers it carried. */
function watchStorage() {
  const seen: Headers[] = [];
  server.use(
    http.all(`${sandbox.urls.rynkoStorage}/*`, ({ request }) => {
      seen.push(new Headers(request.headers));
    }),
  );
  return seen;
}

async function completedJob(client: RynkoClient, variables: Record<string, unknown> = { invoiceNumber: 'INV-42' }): Promise<Job> {
  const { jobId } = await client.generateDocument({ templateId: 'tmpl_invoice', format: 'pdf', variables });
  return (await settle(client.waitForJob(jobId))) as Job;
}

afterEach(() => vi.useRealTimers());

describe('downloadDocument', () => {
  test('generate → waitForJob → download: the file arrives and no credential reaches the storage host', async () => {
    const apiAuthorization: (string | null)[] = [];
    server.use(
      http.all(`${sandbox.urls.rynko}/*`, ({ request }) => {
        apiAuthorization.push(request.headers.get('authorization'));
      }),
    );
    const storage = watchStorage();
    const client = new RynkoClient({ apiKey, headers: { 'x-team': 'billing' } });
    const job = await completedJob(client);
    const file = await client.downloadDocument(job);

    expect(new TextDecoder().decode(await file.arrayBuffer())).toMatch(/^%PDF-1\.7\n[\s\S]*"invoiceNumber":"INV-42"/);
    expect(file.size).toBe(job.fileSize);
    expect(file.type).toBe('application/pdf');
    expect(new Set(apiAuthorization)).toEqual(new Set([`Bearer ${apiKey}`]));
    expect(storage).toHaveLength(1);
    for (const name of ['authorization', 'x-api-key', 'cookie', 'x-team']) expect(storage[0]!.has(name)).toBe(false);
    expect(rynkoSandbox(sandbox.control).storage).toEqual({ requests: 1, refusedCredentials: 0 });
  });

  test('a downloadUrl can be given directly', async () => {
    const client = new RynkoClient({ apiKey });
    const job = await completedJob(client);
    const file = await client.downloadDocument(job.downloadUrl!);
    expect(file.size).toBe(job.fileSize);
  });

  test('a job whose signed URL has lapsed is read again for a fresh one', async () => {
    const client = new RynkoClient({ apiKey });
    const job = await completedJob(client);
    vi.setSystemTime(Date.now() + 2 * 3_600_000); // past downloadUrlExpiresAt, on both clocks
    const reads = sandbox.control.counts('rynko').requests;
    const file = await client.downloadDocument(job);
    expect(file.size).toBe(job.fileSize);
    // One job read on the API, one download on storage.
    expect(sandbox.control.counts('rynko').requests - reads).toBe(2);
  });

  test('an expired URL given directly fails with PermissionDeniedError, signature redacted', async () => {
    const client = new RynkoClient({ apiKey });
    const job = await completedJob(client);
    sandbox.control.advanceClock(2 * 3_600_000);
    const error = await client.downloadDocument(job.downloadUrl!).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'AccessDenied', detail: 'Request has expired' });
    const signature = new URL(job.downloadUrl!).searchParams.get('signature')!;
    expect((error as Error).message).not.toContain(signature);
    expect(JSON.stringify(error)).not.toContain(signature);
  });

  test('a tampered URL is refused by the storage host', async () => {
    const client = new RynkoClient({ apiKey });
    const job = await completedJob(client);
    const url = new URL(job.downloadUrl!);
    url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400));
    const error = await client.downloadDocument(url.href).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'PermissionDeniedError', code: 'SignatureDoesNotMatch' });
  });

  test('a job that is not completed is refused before anything is fetched', async () => {
    const client = new RynkoClient({ apiKey });
    const storage = watchStorage();
    const { jobId } = await client.generateDocument({ templateId: 'tmpl_invoice', format: 'pdf', variables: { invoiceNumber: '1' } });
    const queued = await client.getJob(jobId);
    const error = await client.downloadDocument(queued).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'job', message: expect.stringContaining('queued') });
    expect(storage).toEqual([]);
  });

  test.each([
    ['http://storage.example.com/file.pdf', 'must use https'],
    ['ftp://storage.example.com/file.pdf', 'must use https'],
    ['not a url', 'not a valid absolute URL'],
  ])('%s is refused by name', async (url, problem) => {
    const error = await new RynkoClient({ apiKey }).downloadDocument(url).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ConfigurationError', option: 'url', message: expect.stringContaining(problem) });
  });

  test('the signal aborts a download', async () => {
    const client = new RynkoClient({ apiKey });
    const job = await completedJob(client);
    server.use(http.get(`${sandbox.urls.rynkoStorage}/*`, () => new Promise<Response>(() => {})));
    const controller = new AbortController();
    const download = client.downloadDocument(job, { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await download).toBeInstanceOf(AbortError);
  });

  test('a download that hangs ends with TimeoutError at timeoutMs', async () => {
    const client = new RynkoClient({ apiKey });
    const job = await completedJob(client);
    server.use(http.get(`${sandbox.urls.rynkoStorage}/*`, () => new Promise<Response>(() => {})));
    const started = Date.now();
    const error = await settle(client.downloadDocument(job, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBe(5_000);
  });

  // DownloadDocumentOptions.timeoutMs: "Deadline of the whole download, body included".
  test('timeoutMs also bounds the re-read of a job whose signed URL has lapsed', async () => {
    const client = new RynkoClient({ apiKey });
    const job = await completedJob(client);
    vi.setSystemTime(Date.now() + 2 * 3_600_000); // past downloadUrlExpiresAt: the job must be read again
    sandbox.control.inject('rynko', { latencyMs: 600_000, path: '/api/v1/documents/jobs/', times: 5 }); // and that read hangs
    const started = Date.now();
    const error = await settle(client.downloadDocument(job, { timeoutMs: 1_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThanOrEqual(1_000);
  });

  test('a network failure is a ConnectionError', async () => {
    const client = new RynkoClient({ apiKey });
    const job = await completedJob(client);
    server.use(http.get(`${sandbox.urls.rynkoStorage}/*`, () => HttpResponse.error()));
    expect(await client.downloadDocument(job).catch((caught: unknown) => caught)).toBeInstanceOf(ConnectionError);
  });
});
