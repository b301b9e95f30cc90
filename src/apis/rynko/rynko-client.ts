import type { CredentialSource } from '../../core/auth/auth';
import { apiCall, requireText } from '../../core/client/api-call';
import type { ApiPromise } from '../../core/client/api-promise';
import { paginate, type PagePromise } from '../../core/client/page-promise';
import type { ProviderOptions } from '../../core/client/client-options';
import { ProviderClient } from '../../core/client/provider-client';
import type { RequestOptions } from '../../core/client/request-options';
import { batchProblem } from './batch-problem';
import { generationProblem } from './filename-problem';
import { rynkoProvider } from './provider';
import { downloadDocument, type DownloadDocumentOptions } from './download-document';
import type { components, operations, paths } from './schema.gen';
import { waitForBatch, type WaitForBatchOptions } from './wait-for-batch';
import { waitForJob, type WaitForJobOptions } from './wait-for-job';

type Schemas = components['schemas'];

/** Options of `new RynkoClient()`. */
export interface RynkoClientOptions extends ProviderOptions {
  /** API key (`fm_…`), or a function returning it (read hourly and after a 401, so a rotated key is picked up). @default process.env.RYNKO_API_KEY */
  apiKey?: CredentialSource;
  /** Base URL of the API: https, or http to a loopback host. @default process.env.RYNKO_API_URL ?? 'https://api.rynko.dev' */
  baseUrl?: string;
}

/** Per-call options of the named methods: an abort signal, and the client's timeouts and retries for this call. */
export type RynkoCallOptions = RequestOptions;

/** Filters (`status`, `templateId`, `format`, `workspaceId`, `dateFrom`, `dateTo`) and paging of `listJobs()`. */
export type ListJobsQuery = NonNullable<operations['listDocumentJobs']['parameters']['query']>;
/** Paging and search of `listTemplates()`. */
export type ListTemplatesQuery = NonNullable<operations['listTemplates']['parameters']['query']>;

/**
 * The Rynko document-generation API: every endpoint typed by its spec, plus named methods for the
 * flows: generate, wait for the job, download the file (without sending the key to the storage
 * host), templates, and webhook verification.
 *
 * @example
 * ```ts
 * import { RynkoClient } from 'keycard/rynko';
 *
 * const rynko = new RynkoClient(); // RYNKO_API_KEY from the environment
 * const { jobId } = await rynko.generateDocument({ templateId: 'tmpl_invoice', format: 'pdf', variables: { invoiceNumber: 'INV-001' } });
 * const job = await rynko.waitForJob(jobId, { onProgress: (job) => console.log(job.status) });
 * const file = await rynko.downloadDocument(job);
 * console.log(`${file.size} bytes`);
 * ```
 */
export class RynkoClient extends ProviderClient<paths> {
  constructor(options?: RynkoClientOptions) {
    super(rynkoProvider, options);
  }

  /** The account the key belongs to (`GET /api/auth/verify`): a cheap check that the key works. */
  verify(init?: RynkoCallOptions): ApiPromise<Schemas['Account']> {
    return this.GET('/api/auth/verify', { ...init });
  }

  /**
   * Queues one document; resolves with the queued job (`jobId`, `statusUrl`). `useDraft` renders the
   * template's draft, `useCredit` spends purchased credits (no watermark). A `filename` over 200
   * characters is refused before anything is sent. Not retried: a resend would queue a second document.
   */
  generateDocument(input: Schemas['GenerateDocumentRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['GenerateDocumentResponse']> {
    return apiCall(() => {
      const problem = generationProblem(input);
      if (problem !== undefined) throw problem;
      return this.POST('/api/v1/documents/generate', { ...init, body: input });
    });
  }

  /** Queues 1 to 100 documents from one template; a larger or empty batch, or a filename over 200 characters, is refused before anything is sent. */
  generateBatch(input: Schemas['GenerateBatchRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['GenerateBatchResponse']> {
    return apiCall(() => {
      const problem = batchProblem(input);
      if (problem !== undefined) throw problem;
      return this.POST('/api/v1/documents/generate/batch', { ...init, body: input });
    });
  }

  /** A batch's progress and the ids of its jobs. */
  getBatch(batchId: string, init?: RynkoCallOptions): ApiPromise<Schemas['Batch']> {
    return apiCall(() => this.GET('/api/v1/documents/batches/{batchId}', { ...init, params: { path: { batchId: requireText('batchId', batchId) } } }));
  }

  /**
   * Polls a batch until it ends and resolves with it: `completed`, or `partial` (some jobs failed:
   * read `status` and `failedJobs`). A batch in which every job failed rejects with
   * `BatchFailedError`, the deadline with `TimeoutError`, the signal with `AbortError`.
   */
  waitForBatch(batchId: string, options: WaitForBatchOptions = {}): ApiPromise<Schemas['Batch']> {
    return apiCall(() => waitForBatch((id, init) => this.getBatch(id, init), requireText('batchId', batchId), options));
  }

  /** A document job as it is now: queued, processing, completed (with `downloadUrl`) or failed. */
  getJob(jobId: string, init?: RynkoCallOptions): ApiPromise<Schemas['Job']> {
    return apiCall(() => this.GET('/api/v1/documents/jobs/{jobId}', { ...init, params: { path: { jobId: requireText('jobId', jobId) } } }));
  }

  /** Cancels a queued or processing job; resolves with the job as it is then. */
  cancelJob(jobId: string, init?: RynkoCallOptions): ApiPromise<Schemas['Job']> {
    return apiCall(() => this.POST('/api/v1/documents/jobs/{jobId}/cancel', { ...init, params: { path: { jobId: requireText('jobId', jobId) } } }));
  }

  /** Queues a failed job again; resolves with the new job, which has its own `jobId`. Not retried: a resend would queue it twice. */
  retryJob(jobId: string, init?: RynkoCallOptions): ApiPromise<Schemas['GenerateDocumentResponse']> {
    return apiCall(() => this.POST('/api/v1/documents/jobs/{jobId}/retry', { ...init, params: { path: { jobId: requireText('jobId', jobId) } } }));
  }

  /** Deletes a job and its file; resolves with Rynko's confirmation (its fields are not published), or `undefined` on 204. */
  deleteJob(jobId: string, init?: RynkoCallOptions): ApiPromise<Schemas['Confirmation'] | undefined> {
    return apiCall(() => this.DELETE('/api/v1/documents/jobs/{jobId}', { ...init, params: { path: { jobId: requireText('jobId', jobId) } } }));
  }

  /**
   * Document jobs, newest first: awaited, the page `{jobs, total}` from `offset`; iterated with
   * `for await`, every job from there on, page after page of `limit` (`.all()` collects them).
   */
  listJobs(query: ListJobsQuery = {}, init?: RynkoCallOptions): PagePromise<Schemas['JobList'], Schemas['Job']> {
    const read = (offset: number | undefined) =>
      this.GET('/api/v1/documents/jobs', { ...init, params: { query: offset === undefined ? query : { ...query, offset } } });
    let offset = query.offset ?? 0;
    return paginate(read(undefined), {
      items: (page) => page.jobs,
      next: (page) => {
        offset += page.jobs.length;
        return page.jobs.length === 0 || offset >= page.total ? undefined : read(offset);
      },
    });
  }

  /**
   * Polls a job until it is completed and resolves with it. A failed job rejects with
   * `JobFailedError` (its `errorCode` and `errorMessage`), the deadline with `TimeoutError`, the
   * signal with `AbortError`. Polls back off from `intervalMs`; rate limits are waited out as the
   * API asks.
   */
  waitForJob(jobId: string, options: WaitForJobOptions = {}): ApiPromise<Schemas['Job']> {
    return apiCall(() => waitForJob((id, init) => this.getJob(id, init), requireText('jobId', jobId), options, this.observer));
  }

  /**
   * Downloads a completed job's file from its signed URL (or a `downloadUrl` given directly) as a
   * `Blob`. The storage host is another origin: the request carries no API key and no cookies.
   * A job whose URL has expired is read again for a fresh one.
   */
  downloadDocument(job: Schemas['Job'] | string, options: DownloadDocumentOptions = {}): ApiPromise<Blob> {
    return apiCall(() => downloadDocument(job, options, { fetch: this.fetchFunction, getJob: (id, init) => this.getJob(id, init) }));
  }

  /**
   * Templates: awaited, the page `{data, total, page, limit, totalPages}`; iterated with
   * `for await`, every template from that page on (`.all()` collects them).
   */
  listTemplates(query: ListTemplatesQuery = {}, init?: RynkoCallOptions): PagePromise<Schemas['TemplateList'], Schemas['Template']> {
    const read = (page: number | undefined) =>
      this.GET('/api/v1/templates', { ...init, params: { query: page === undefined ? query : { ...query, page } } });
    return paginate(read(undefined), {
      items: (page) => page.data,
      next: (page) => (page.page < page.totalPages && page.data.length > 0 ? read(page.page + 1) : undefined),
    });
  }

  /** One template and its variables. */
  getTemplate(id: string, init?: RynkoCallOptions): ApiPromise<Schemas['Template']> {
    return apiCall(() => this.GET('/api/v1/templates/{id}', { ...init, params: { path: { id: requireText('id', id) } } }));
  }

  /** The workspace's webhook subscriptions, all in one answer `{data, total}` (the endpoint does not page). */
  listWebhookSubscriptions(init?: RynkoCallOptions): ApiPromise<Schemas['WebhookSubscriptionList']> {
    return this.GET('/api/v1/webhook-subscriptions', { ...init });
  }

  /** One webhook subscription. */
  getWebhookSubscription(id: string, init?: RynkoCallOptions): ApiPromise<Schemas['WebhookSubscription']> {
    return apiCall(() => this.GET('/api/v1/webhook-subscriptions/{id}', { ...init, params: { path: { id: requireText('id', id) } } }));
  }

  /** Subscribes a URL to events; the answer carries the signing `secret` for `verifyWebhook`: store it as a secret. Not retried. */
  createWebhookSubscription(input: Schemas['CreateWebhookSubscriptionRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['WebhookSubscription']> {
    return this.POST('/api/v1/webhook-subscriptions', { ...init, body: input });
  }

  /** Changes the given fields of a subscription (events, description, `isActive`, delivery settings). */
  updateWebhookSubscription(id: string, changes: Schemas['UpdateWebhookSubscriptionRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['WebhookSubscription']> {
    return apiCall(() => this.PATCH('/api/v1/webhook-subscriptions/{id}', { ...init, params: { path: { id: requireText('id', id) } }, body: changes }));
  }

  /** Deletes a subscription; resolves with Rynko's confirmation, or `undefined` on 204. */
  deleteWebhookSubscription(id: string, init?: RynkoCallOptions): ApiPromise<Schemas['Confirmation'] | undefined> {
    return apiCall(() => this.DELETE('/api/v1/webhook-subscriptions/{id}', { ...init, params: { path: { id: requireText('id', id) } } }));
  }

  /** Creates a template. Modelled for API keys: Rynko documents template writes for dashboard (JWT) sessions (see the README). */
  createTemplate(input: Schemas['CreateTemplateRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['Template']> {
    return this.POST('/api/v1/templates', { ...init, body: input });
  }

  /** Changes the given fields of a template. Modelled for API keys: Rynko documents template writes for dashboard (JWT) sessions. */
  updateTemplate(id: string, changes: Schemas['UpdateTemplateRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['Template']> {
    return apiCall(() => this.PATCH('/api/v1/templates/{id}', { ...init, params: { path: { id: requireText('id', id) } }, body: changes }));
  }

  /** Deletes a template. Modelled for API keys: Rynko documents template writes for dashboard (JWT) sessions. */
  deleteTemplate(id: string, init?: RynkoCallOptions): ApiPromise<undefined> {
    return apiCall(() => this.DELETE('/api/v1/templates/{id}', { ...init, params: { path: { id: requireText('id', id) } } }));
  }
}
