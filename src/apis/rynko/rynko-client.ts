import type { CredentialSource } from '../../core/auth/auth';
import { ApiPromise } from '../../core/client/api-promise';
import type { ProviderOptions } from '../../core/client/client-options';
import { ProviderClient } from '../../core/client/provider-client';
import { ConfigurationError } from '../../core/errors/configuration-error';
import type { CallOptions } from '../../core/transport/create-transport';
import { describe } from '../../core/util/validate';
import { batchProblem } from './batch-problem';
import { rynkoProvider } from './provider';
import { downloadDocument, type DownloadDocumentOptions } from './download-document';
import type { components, operations, paths } from './schema.gen';
import { verifyWebhook, type VerifyWebhookOptions, type WebhookHeaders } from './verify-webhook';
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
export interface RynkoCallOptions extends CallOptions {
  /** Aborts the call, including its waits for a token and for retries. @default none */
  signal?: AbortSignal;
}

/** Filters and paging of `listJobs()`. */
export type ListJobsQuery = NonNullable<operations['listDocumentJobs']['parameters']['query']>;
/** Paging and search of `listTemplates()`. */
export type ListTemplatesQuery = NonNullable<operations['listTemplates']['parameters']['query']>;

function missingId(option: string, value: unknown): ConfigurationError | undefined {
  return typeof value === 'string' && value.trim() !== '' ? undefined : new ConfigurationError(option, `must be a non-empty string, got ${describe(value)}`);
}

/** Bad input fails the call the same way a failed request does: as a rejected promise, never a throw. */
const rejected = <T>(error: Error) => new ApiPromise<T>(Promise.reject(error));

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

  /** Queues one document; resolves with the queued job (`jobId`, `statusUrl`). Not retried: a resend would queue a second document. */
  generateDocument(input: Schemas['GenerateDocumentRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['GenerateDocumentResponse']> {
    return this.POST('/api/v1/documents/generate', { ...init, body: input });
  }

  /** Queues 1 to 100 documents from one template; a larger or empty batch is refused before anything is sent. */
  generateBatch(input: Schemas['GenerateBatchRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['GenerateBatchResponse']> {
    const problem = batchProblem(input);
    if (problem !== undefined) return rejected(problem);
    return this.POST('/api/v1/documents/generate/batch', { ...init, body: input });
  }

  /** A batch's progress and the ids of its jobs. */
  getBatch(batchId: string, init?: RynkoCallOptions): ApiPromise<Schemas['Batch']> {
    const problem = missingId('batchId', batchId);
    if (problem !== undefined) return rejected(problem);
    return this.GET('/api/v1/documents/batches/{batchId}', { ...init, params: { path: { batchId } } });
  }

  /** A document job as it is now: queued, processing, completed (with `downloadUrl`) or failed. */
  getJob(jobId: string, init?: RynkoCallOptions): ApiPromise<Schemas['Job']> {
    const problem = missingId('jobId', jobId);
    if (problem !== undefined) return rejected(problem);
    return this.GET('/api/v1/documents/jobs/{jobId}', { ...init, params: { path: { jobId } } });
  }

  /** Document jobs, newest first: `{jobs, total}`; page with `limit` and `offset`. */
  listJobs(query: ListJobsQuery = {}, init?: RynkoCallOptions): ApiPromise<Schemas['JobList']> {
    return this.GET('/api/v1/documents/jobs', { ...init, params: { query } });
  }

  /**
   * Polls a job until it is completed and resolves with it. A failed job rejects with
   * `JobFailedError` (its `errorCode` and `errorMessage`), the deadline with `TimeoutError`, the
   * signal with `AbortError`. Polls back off from `intervalMs`; rate limits are waited out as the
   * API asks.
   */
  waitForJob(jobId: string, options: WaitForJobOptions = {}): Promise<Schemas['Job']> {
    const problem = missingId('jobId', jobId);
    if (problem !== undefined) return Promise.reject(problem);
    return waitForJob((id, init) => this.getJob(id, init), jobId, options);
  }

  /**
   * Downloads a completed job's file from its signed URL (or a `downloadUrl` given directly) as a
   * `Blob`. The storage host is another origin: the request carries no API key and no cookies.
   * A job whose URL has expired is read again for a fresh one.
   */
  downloadDocument(job: Schemas['Job'] | string, options: DownloadDocumentOptions = {}): Promise<Blob> {
    return downloadDocument(job, options, { fetch: this.fetchFunction, getJob: (id, init) => this.getJob(id, init) });
  }

  /** Templates, a page at a time: `{data, total, page, limit, totalPages}`. */
  listTemplates(query: ListTemplatesQuery = {}, init?: RynkoCallOptions): ApiPromise<Schemas['TemplateList']> {
    return this.GET('/api/v1/templates', { ...init, params: { query } });
  }

  /** One template and its variables. */
  getTemplate(id: string, init?: RynkoCallOptions): ApiPromise<Schemas['Template']> {
    const problem = missingId('id', id);
    if (problem !== undefined) return rejected(problem);
    return this.GET('/api/v1/templates/{id}', { ...init, params: { path: { id } } });
  }

  /** Creates a template. */
  createTemplate(input: Schemas['CreateTemplateRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['Template']> {
    return this.POST('/api/v1/templates', { ...init, body: input });
  }

  /** Changes the given fields of a template. */
  updateTemplate(id: string, changes: Schemas['UpdateTemplateRequest'], init?: RynkoCallOptions): ApiPromise<Schemas['Template']> {
    const problem = missingId('id', id);
    if (problem !== undefined) return rejected(problem);
    return this.PATCH('/api/v1/templates/{id}', { ...init, params: { path: { id } }, body: changes });
  }

  /** Deletes a template. */
  deleteTemplate(id: string, init?: RynkoCallOptions): ApiPromise<undefined> {
    const problem = missingId('id', id);
    if (problem !== undefined) return rejected(problem);
    return this.DELETE('/api/v1/templates/{id}', { ...init, params: { path: { id } } });
  }

  /** Verifies a webhook delivery; see `RynkoClient.verifyWebhook`. */
  verifyWebhook(
    rawBody: string | Uint8Array | ArrayBuffer,
    headers: WebhookHeaders,
    secret: string,
    options?: VerifyWebhookOptions,
  ): Promise<Schemas['WebhookEvent']> {
    return RynkoClient.verifyWebhook(rawBody, headers, secret, options);
  }

  /**
   * Verifies a webhook delivery and returns its event `{id, type, timestamp, data}`. Pass the body
   * exactly as received. Rejects with `WebhookVerificationError` (`reason`: missing or malformed
   * signature, timestamp outside `toleranceSec`, mismatch, invalid payload). Needs no API key.
   */
  static verifyWebhook(
    rawBody: string | Uint8Array | ArrayBuffer,
    headers: WebhookHeaders,
    secret: string,
    options?: VerifyWebhookOptions,
  ): Promise<Schemas['WebhookEvent']> {
    return verifyWebhook(rawBody, headers, secret, options);
  }
}
