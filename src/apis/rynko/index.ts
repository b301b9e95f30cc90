/**
 * The Rynko client (API keys; document generation jobs and signed webhooks), its types and errors.
 *
 * @module keycard/rynko
 */
import type { components } from './schema.gen';

/** Rynko's spec as types, for `createClient<paths>()` (e.g. a dashboard session through `tokenFunction`). */
export type { paths } from './schema.gen';

export {
  RynkoClient,
  type ListJobsQuery,
  type ListTemplatesQuery,
  type RynkoCallOptions,
  type RynkoClientOptions,
} from './rynko-client';
export type { WaitForJobOptions } from './wait-for-job';
export type { WaitForBatchOptions } from './wait-for-batch';
export type { DownloadDocumentOptions } from './download-document';
export { verifyWebhook, type VerifyWebhookOptions, type WebhookHeaders } from './verify-webhook';
export { rynkoErrorCodes } from './error-codes';
export { DocumentGenerationError } from './document-generation-error';
export { JobFailedError } from './job-failed-error';
export { BatchFailedError } from './batch-failed-error';
export { WebhookVerificationError, type WebhookFailureReason } from './webhook-verification-error';

/** The account behind an API key (`verify()`). */
export type Account = components['schemas']['Account'];
/** A document job: queued → processing → completed | failed. */
export type Job = components['schemas']['Job'];
/** The status of a document job. */
export type JobStatus = components['schemas']['JobStatus'];
/** `pdf`, `excel` or `csv`. */
export type DocumentFormat = components['schemas']['DocumentFormat'];
/** The body of `generateDocument()`. */
export type GenerateDocumentRequest = components['schemas']['GenerateDocumentRequest'];
/** What `generateDocument()` resolves to: the queued job. */
export type GenerateDocumentResponse = components['schemas']['GenerateDocumentResponse'];
/** The body of `generateBatch()`. */
export type GenerateBatchRequest = components['schemas']['GenerateBatchRequest'];
/** What `generateBatch()` resolves to: the queued batch. */
export type GenerateBatchResponse = components['schemas']['GenerateBatchResponse'];
/** A batch's progress and its jobs (`getBatch()`). */
export type Batch = components['schemas']['Batch'];
/** A webhook subscription; `secret` is present on the answer to `createWebhookSubscription()`. */
export type WebhookSubscription = components['schemas']['WebhookSubscription'];
/** All webhook subscriptions (`listWebhookSubscriptions()`). */
export type WebhookSubscriptionList = components['schemas']['WebhookSubscriptionList'];
/** The body of `createWebhookSubscription()`. */
export type CreateWebhookSubscriptionRequest = components['schemas']['CreateWebhookSubscriptionRequest'];
/** The body of `updateWebhookSubscription()`. */
export type UpdateWebhookSubscriptionRequest = components['schemas']['UpdateWebhookSubscriptionRequest'];
/** A page of jobs (`listJobs()`). */
export type JobList = components['schemas']['JobList'];
/** A template. */
export type Template = components['schemas']['Template'];
/** A variable a template declares. */
export type TemplateVariable = components['schemas']['TemplateVariable'];
/** A page of templates (`listTemplates()`). */
export type TemplateList = components['schemas']['TemplateList'];
/** The body of `createTemplate()`. */
export type CreateTemplateRequest = components['schemas']['CreateTemplateRequest'];
/** The body of `updateTemplate()`. */
export type UpdateTemplateRequest = components['schemas']['UpdateTemplateRequest'];
/** A verified webhook event (`verifyWebhook()`). */
export type WebhookEvent = components['schemas']['WebhookEvent'];
/** Rynko's error body. */
export type RynkoErrorBody = components['schemas']['ErrorBody'];

export type { ApiPromise, ApiResult } from '../../core/client/api-promise';
export type { PagePromise } from '../../core/client/page-promise';
export type { RequestOptions } from '../../core/client/request-options';
export type { WaitOptions } from '../../core/client/wait-until';
export * from '../../core/errors/index';
