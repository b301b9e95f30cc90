import { http } from 'msw';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AbortError, ConfigurationError, JobFailedError, RateLimitError, RynkoClient, TimeoutError, type Job } from '../../../src/apis/rynko/index';
import { settle } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox } = useSandbox({ fakeTime: true });
const rynko = () => new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey });
const invoice = { templateId: 'tmpl_invoice', format: 'pdf' as const, variables: { invoiceNumber: 'INV-7' } };

/** Records when each job poll reached the API, then lets the sandbox answer it. */
function recordPolls() {
  const at: number[] = [];
  server.use(
    http.get(`${sandbox.urls.rynko}/api/v1/documents/jobs/:jobId`, () => {
      at.push(Date.now());
    }),
  );
  return at;
}

afterEach(() => vi.useRealTimers());

describe('waitForJob', () => {
  test('resolves with the completed job and reports each status change once', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    const seen: string[] = [];
    const job = (await settle(client.waitForJob(jobId, { onProgress: (update) => seen.push(update.status) }))) as Job;
    expect(job).toMatchObject({ jobId, status: 'completed', templateId: 'tmpl_invoice', format: 'pdf' });
    expect(job.downloadUrl).toMatch(/^https:\/\/storage\.rynko\.dev\//);
    expect(seen).toEqual(['queued', 'processing', 'completed']);
  });

  test('polls back off from intervalMs by 1.5 each time', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    const polls = recordPolls();
    const started = Date.now();
    await settle(client.waitForJob(jobId, { intervalMs: 400 }));
    // 400, 600, 900, 1350 ms apart: the job completes 3 s after it was queued.
    expect(polls.map((at) => at - started)).toEqual([0, 400, 1_000, 1_900, 3_250]);
  });

  test('the pause between polls stops growing at 10 s', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    sandbox.control.advanceClock(-3_600_000); // the job stays queued for the whole wait
    const polls = recordPolls();
    expect(await settle(client.waitForJob(jobId, { intervalMs: 4_000, timeoutMs: 60_000 }))).toBeInstanceOf(TimeoutError);
    const gaps = polls.slice(1).map((at, index) => at - polls[index]!);
    expect(gaps).toEqual([4_000, 6_000, 9_000, 10_000, 10_000, 10_000, 10_000]); // then the 60 s deadline
  });

  test('a failed job rejects with JobFailedError carrying its errorCode and errorMessage', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument({ templateId: 'tmpl_broken', format: 'pdf' });
    const error = await settle(client.waitForJob(jobId));
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ jobId, errorCode: 'ERR_DOC_004', errorMessage: expect.stringContaining('footer') });
    expect((error as JobFailedError).job.status).toBe('failed');
  });

  test('the deadline rejects with TimeoutError naming the last status', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    sandbox.control.advanceClock(-3_600_000); // the job stays queued
    const started = Date.now();
    const error = await settle(client.waitForJob(jobId, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('last status: queued');
    expect(Date.now() - started).toBe(5_000);
  });

  test('the signal stops the wait between polls', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    const polls = recordPolls();
    const controller = new AbortController();
    const waiting = client.waitForJob(jobId, { signal: controller.signal }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(polls).toHaveLength(1));
    controller.abort();
    expect(await waiting).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(polls).toHaveLength(1);
  });

  test('the signal also cuts a poll that is in flight', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    server.use(http.get(`${sandbox.urls.rynko}/api/v1/documents/jobs/:jobId`, () => new Promise<Response>(() => {})));
    const controller = new AbortController();
    const waiting = client.waitForJob(jobId, { signal: controller.signal }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(50);
    controller.abort(new Error('shutting down'));
    const error = await waiting;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).cause).toMatchObject({ message: 'shutting down' });
  });

  test('a rate-limited poll is waited out as X-RateLimit-Reset says, then polling goes on', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    const polls = recordPolls();
    const reset = Math.floor(Date.now() / 1000) + 2;
    sandbox.control.inject('rynko', {
      status: 429,
      path: '/documents/jobs/',
      headers: { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    const job = (await settle(client.waitForJob(jobId))) as Job;
    expect(job.status).toBe('completed');
    expect(polls[1]! - polls[0]!).toBe(2_000);
  });

  test('a poll rate-limited beyond maxRetryAfterMs fails with RateLimitError', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    sandbox.control.inject('rynko', { status: 429, path: '/documents/jobs/', headers: { 'retry-after': '600' } });
    const error = await settle(client.waitForJob(jobId));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(600_000);
  });

  test('bad options are refused by name before any poll', async () => {
    const client = rynko();
    const polls = recordPolls();
    await expect(client.waitForJob('job_1', { intervalMs: 0 })).rejects.toMatchObject({ name: 'ConfigurationError', option: 'intervalMs' });
    await expect(client.waitForJob('')).rejects.toBeInstanceOf(ConfigurationError);
    expect(polls).toEqual([]);
  });
});
