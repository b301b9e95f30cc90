import type { HttpHandler } from 'msw';
import { jobStatus, jobView } from './job-view';
import { newJob, quotaExceeded } from './rynko-documents';
import type { FieldError, RouteContext, rynkoRoutes } from './rynko-route';
import { jobTimeline, type RynkoJobRecord } from './rynko-state';

const statuses: readonly string[] = ['queued', 'processing', 'completed', 'failed'];
const formats: readonly string[] = ['pdf', 'excel', 'csv'];

/** A date-time query parameter as epoch ms; `undefined` when absent, NaN when unreadable. */
const dateParam = (value: string | null) => (value === null ? undefined : Date.parse(value));

/** The job the path names, or the 404 to answer with. */
function pathJob(context: RouteContext): RynkoJobRecord | Response {
  return context.state.jobs.get(context.params.jobId!) ?? context.fail(404, 'ERR_DOC_001', `Document job ${context.params.jobId} not found`);
}

/** What a batch reports: `completed` when every job did, `failed` when every job failed, `partial` between. */
function batchStatus(jobs: { status: string }[]) {
  const completed = jobs.filter((job) => job.status === 'completed').length;
  const failed = jobs.filter((job) => job.status === 'failed').length;
  if (completed + failed < jobs.length) return { status: jobs.some((job) => job.status !== 'queued') ? 'processing' : 'queued', completed, failed };
  return { status: failed === 0 ? 'completed' : completed === 0 ? 'failed' : 'partial', completed, failed };
}

/** `/api/v1/documents/jobs…` and `/api/v1/documents/batches/…`: reads, filters, cancel, retry, delete; all under the jobs limit. */
export function jobRoutes(routes: ReturnType<typeof rynkoRoutes>, api: string, storage: string): HttpHandler[] {
  const { route } = routes;
  return [
    route('get', '/api/v1/documents/batches/:batchId', 'documents:read', (context) => {
      const batch = context.state.batches.get(context.params.batchId!);
      if (batch === undefined) return context.fail(404, 'ERR_DOC_001', `Batch ${context.params.batchId} not found`);
      const jobs = batch.jobIds.flatMap((jobId) => {
        const job = context.state.jobs.get(jobId);
        return job === undefined ? [] : [{ jobId, status: jobStatus(job, context.now) }];
      });
      const { status, completed, failed } = batchStatus(jobs);
      return context.reply({
        batchId: batch.batchId,
        status,
        totalJobs: jobs.length,
        completedJobs: completed,
        failedJobs: failed,
        jobs,
        ...(batch.metadata ? { metadata: batch.metadata } : {}),
        createdAt: new Date(batch.createdAt).toISOString(),
      });
    }, 'jobs'),

    route('get', '/api/v1/documents/jobs', 'documents:read', async (context) => {
      const query = context.url.searchParams;
      const errors: FieldError[] = [];
      const status = query.get('status');
      if (status !== null && !statuses.includes(status)) errors.push({ field: 'status', message: 'status must be one of queued, processing, completed, failed' });
      const format = query.get('format');
      if (format !== null && !formats.includes(format)) errors.push({ field: 'format', message: 'format must be one of pdf, excel, csv' });
      const limit = Number(query.get('limit') ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) errors.push({ field: 'limit', message: 'limit must be an integer from 1 to 100' });
      const offset = Number(query.get('offset') ?? 0);
      if (!Number.isInteger(offset) || offset < 0) errors.push({ field: 'offset', message: 'offset must be an integer ≥ 0' });
      const from = dateParam(query.get('dateFrom'));
      const to = dateParam(query.get('dateTo'));
      if (Number.isNaN(from)) errors.push({ field: 'dateFrom', message: 'dateFrom must be an ISO 8601 date-time' });
      if (Number.isNaN(to)) errors.push({ field: 'dateTo', message: 'dateTo must be an ISO 8601 date-time' });
      if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors });
      const templateId = query.get('templateId');
      const workspaceId = query.get('workspaceId');
      const matching = [...context.state.jobs.values()]
        .reverse()
        .sort((a, b) => b.createdAt - a.createdAt)
        .filter(
          (job) =>
            (templateId === null || job.template.id === templateId) &&
            (format === null || job.format === format) &&
            (workspaceId === null || job.workspaceId === workspaceId) &&
            (from === undefined || job.createdAt >= from) &&
            (to === undefined || job.createdAt <= to) &&
            (status === null || jobStatus(job, context.now) === status),
        );
      const page = matching.slice(offset, offset + limit);
      const jobs = await Promise.all(page.map((job) => jobView(job, context.now, context.state, storage)));
      return context.reply({ jobs, total: matching.length });
    }, 'jobs'),

    route('get', '/api/v1/documents/jobs/:jobId', 'documents:read', async (context) => {
      const job = pathJob(context);
      return job instanceof Response ? job : context.reply(await jobView(job, context.now, context.state, storage));
    }, 'jobs'),

    route('post', '/api/v1/documents/jobs/:jobId/cancel', 'documents:generate', async (context) => {
      const job = pathJob(context);
      if (job instanceof Response) return job;
      const status = jobStatus(job, context.now);
      if (status === 'completed' || status === 'failed') {
        return context.fail(400, 'ERR_VALID_001', `Document job ${job.jobId} is ${status}: only a queued or processing job can be cancelled`);
      }
      job.cancelledAt = context.now;
      return context.reply(await jobView(job, context.now, context.state, storage));
    }, 'jobs'),

    route('post', '/api/v1/documents/jobs/:jobId/retry', 'documents:generate', (context) => {
      const job = pathJob(context);
      if (job instanceof Response) return job;
      const status = jobStatus(job, context.now);
      if (status !== 'failed') return context.fail(400, 'ERR_VALID_001', `Document job ${job.jobId} is ${status}: only a failed job can be retried`);
      // A retry generates a document again: it counts as a generation and against the quota.
      const limited = context.limit('generate');
      if (limited) return limited;
      const exhausted = quotaExceeded(context, 1);
      if (exhausted) return exhausted;
      const template = context.state.templates.get(job.template.id);
      if (template === undefined) return context.fail(404, 'ERR_TMPL_001', `Template ${job.template.id} not found`);
      const { filename, variables, metadata } = job;
      const again = newJob(template, job.format, { filename, variables, metadata }, context.now, { useDraft: job.useDraft, useCredit: job.useCredit });
      context.state.jobs.set(again.jobId, again);
      context.state.documentsThisMonth += 1;
      return context.reply({ jobId: again.jobId, status: 'queued', statusUrl: `${api}/api/v1/documents/jobs/${again.jobId}`, estimatedWaitSeconds: jobTimeline.doneAfterMs / 1000 });
    }, 'jobs'),

    route('delete', '/api/v1/documents/jobs/:jobId', 'documents:generate', (context) => {
      const job = pathJob(context);
      if (job instanceof Response) return job;
      context.state.jobs.delete(job.jobId);
      return context.reply({ success: true, message: `Document job ${job.jobId} deleted` });
    }, 'jobs'),
  ];
}
