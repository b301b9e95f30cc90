import type { HttpHandler } from 'msw';
import { isJsonObject as isObject, newId } from '../emulator-kit';
import { jobStatus, jobView } from './job-view';
import type { FieldError, RouteContext, rynkoRoutes } from './rynko-route';
import { jobTimeline, type RynkoFormat, type RynkoJobRecord, type RynkoSandboxState, type RynkoTemplateRecord } from './rynko-state';

const formats: readonly string[] = ['pdf', 'excel', 'csv'];
const statuses: readonly string[] = ['queued', 'processing', 'completed', 'failed'];
const maxBatch = 100;


/** Checks the fields every generation request shares; the template must exist and offer the format. */
function checkGeneration(body: Record<string, unknown>, state: RynkoSandboxState, errors: FieldError[]): RynkoTemplateRecord | undefined {
  if (typeof body.templateId !== 'string' || body.templateId === '') errors.push({ field: 'templateId', message: 'templateId must be a non-empty string' });
  if (!formats.includes(body.format as string)) errors.push({ field: 'format', message: 'format must be one of pdf, excel, csv' });
  if (body.metadata !== undefined && !isObject(body.metadata)) errors.push({ field: 'metadata', message: 'metadata must be an object' });
  if (body.webhookUrl !== undefined && !(typeof body.webhookUrl === 'string' && /^https:\/\/\S+$/.test(body.webhookUrl))) {
    errors.push({ field: 'webhookUrl', message: 'webhookUrl must be an https URL' });
  }
  const template = typeof body.templateId === 'string' ? state.templates.get(body.templateId) : undefined;
  if (template !== undefined && formats.includes(body.format as string) && !template.outputFormats.includes(body.format as RynkoFormat)) {
    errors.push({ field: 'format', message: `template ${template.id} does not produce ${String(body.format)}` });
  }
  return template;
}

/** One document's own fields: variables (the template's required ones present), filename, metadata. */
function checkDocument(document: Record<string, unknown>, template: RynkoTemplateRecord | undefined, prefix: string, errors: FieldError[]) {
  const variables = document.variables ?? {};
  if (!isObject(variables)) {
    errors.push({ field: `${prefix}variables`, message: 'variables must be an object' });
  } else {
    for (const variable of template?.variables ?? []) {
      if (variable.required && variables[variable.name] === undefined) {
        errors.push({ field: `${prefix}variables.${variable.name}`, message: `${variable.name} is required by the template` });
      }
    }
  }
  if (document.filename !== undefined && !(typeof document.filename === 'string' && document.filename.length <= 255 && document.filename !== '')) {
    errors.push({ field: `${prefix}filename`, message: 'filename must be a string of 1 to 255 characters' });
  }
  if (document.metadata !== undefined && !isObject(document.metadata)) errors.push({ field: `${prefix}metadata`, message: 'metadata must be an object' });
}

function newJob(template: RynkoTemplateRecord, format: RynkoFormat, document: Record<string, unknown>, now: number, extra: Partial<RynkoJobRecord> = {}): RynkoJobRecord {
  const jobId = newId('job');
  return {
    jobId,
    template: { id: template.id, name: template.name, ...(template.renderError ? { renderError: template.renderError } : {}) },
    format,
    filename: typeof document.filename === 'string' ? document.filename : jobId,
    variables: (document.variables as Record<string, unknown> | undefined) ?? {},
    ...(isObject(document.metadata) ? { metadata: document.metadata } : {}),
    createdAt: now,
    delayMs: 0,
    ...extra,
  };
}

/** Refuses what the monthly quota cannot cover: waiting will not help, so no retryAfter. */
function quotaExceeded(context: RouteContext, documents: number): Response | undefined {
  const { state } = context;
  if (state.documentsThisMonth + documents <= state.monthlyQuota) return undefined;
  const left = Math.max(0, state.monthlyQuota - state.documentsThisMonth);
  return context.fail(429, 'ERR_QUOTA_001', `Monthly document quota exhausted: ${left} of ${state.monthlyQuota} left, ${documents} requested`);
}

/** `/api/v1/documents/…`: generate, batch, jobs and batches. */
export function documentRoutes(routes: ReturnType<typeof rynkoRoutes>, api: string, storage: string): HttpHandler[] {
  const { route } = routes;
  return [
    route('post', '/api/v1/documents/generate', 'documents:generate', async (context) => {
      const limited = context.limitGenerations();
      if (limited) return limited;
      const body = await context.jsonBody();
      if (body instanceof Response) return body;
      const errors: FieldError[] = [];
      const template = checkGeneration(body, context.state, errors);
      checkDocument(body, template, '', errors);
      if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors });
      if (template === undefined) return context.fail(404, 'ERR_TMPL_001', `Template ${String(body.templateId)} not found`);
      const exhausted = quotaExceeded(context, 1);
      if (exhausted) return exhausted;
      const job = newJob(template, body.format as RynkoFormat, body, context.now);
      context.state.jobs.set(job.jobId, job);
      context.state.documentsThisMonth += 1;
      return context.reply(
        { jobId: job.jobId, status: 'queued', statusUrl: `${api}/api/v1/documents/jobs/${job.jobId}`, estimatedWaitSeconds: jobTimeline.doneAfterMs / 1000 },
        202,
      );
    }),

    route('post', '/api/v1/documents/generate/batch', 'documents:generate', async (context) => {
      const limited = context.limitGenerations();
      if (limited) return limited;
      const body = await context.jsonBody();
      if (body instanceof Response) return body;
      const errors: FieldError[] = [];
      const template = checkGeneration(body, context.state, errors);
      const documents = body.documents;
      if (!Array.isArray(documents) || documents.length === 0 || documents.length > maxBatch) {
        errors.push({ field: 'documents', message: `documents must be an array of 1 to ${maxBatch} documents` });
      }
      // Rynko's Node SDK sends bare variables objects, its docs `{variables}`: accept both.
      const entries = (Array.isArray(documents) ? documents : []).map((entry: unknown, index) => {
        if (!isObject(entry)) {
          errors.push({ field: `documents[${index}]`, message: 'each document must be an object' });
          return {};
        }
        const document = isObject(entry.variables) ? entry : { variables: entry };
        checkDocument(document, template, `documents[${index}].`, errors);
        return document;
      });
      if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors: errors.slice(0, 20) });
      if (template === undefined) return context.fail(404, 'ERR_TMPL_001', `Template ${String(body.templateId)} not found`);
      const exhausted = quotaExceeded(context, entries.length);
      if (exhausted) return exhausted;
      const batchId = newId('batch');
      const jobs = entries.map((document, index) =>
        newJob(template, body.format as RynkoFormat, document, context.now, { batchId, delayMs: index * jobTimeline.batchStaggerMs }),
      );
      for (const job of jobs) context.state.jobs.set(job.jobId, job);
      context.state.batches.set(batchId, {
        batchId,
        jobIds: jobs.map((job) => job.jobId),
        ...(isObject(body.metadata) ? { metadata: body.metadata } : {}),
        createdAt: context.now,
      });
      context.state.documentsThisMonth += jobs.length;
      const waitMs = jobTimeline.doneAfterMs + (jobs.length - 1) * jobTimeline.batchStaggerMs;
      return context.reply(
        { batchId, status: 'queued', totalJobs: jobs.length, statusUrl: `${api}/api/v1/documents/batches/${batchId}`, estimatedWaitSeconds: Math.ceil(waitMs / 1000) },
        202,
      );
    }),

    route('get', '/api/v1/documents/batches/:batchId', 'documents:read', (context) => {
      const batch = context.state.batches.get(context.params.batchId!);
      if (batch === undefined) return context.fail(404, 'ERR_DOC_001', `Batch ${context.params.batchId} not found`);
      const jobs = batch.jobIds.map((jobId) => ({ jobId, status: jobStatus(context.state.jobs.get(jobId)!, context.now) }));
      const completedJobs = jobs.filter((job) => job.status === 'completed').length;
      const failedJobs = jobs.filter((job) => job.status === 'failed').length;
      const started = jobs.some((job) => job.status !== 'queued');
      const status = completedJobs + failedJobs === jobs.length ? 'completed' : started ? 'processing' : 'queued';
      return context.reply({
        batchId: batch.batchId,
        status,
        totalJobs: jobs.length,
        completedJobs,
        failedJobs,
        jobs,
        ...(batch.metadata ? { metadata: batch.metadata } : {}),
        createdAt: new Date(batch.createdAt).toISOString(),
      });
    }),

    route('get', '/api/v1/documents/jobs', 'documents:read', async (context) => {
      const query = context.url.searchParams;
      const errors: FieldError[] = [];
      const status = query.get('status');
      if (status !== null && !statuses.includes(status)) errors.push({ field: 'status', message: 'status must be one of queued, processing, completed, failed' });
      const limit = Number(query.get('limit') ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) errors.push({ field: 'limit', message: 'limit must be an integer from 1 to 100' });
      const offset = Number(query.get('offset') ?? 0);
      if (!Number.isInteger(offset) || offset < 0) errors.push({ field: 'offset', message: 'offset must be an integer ≥ 0' });
      if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors });
      const templateId = query.get('templateId');
      const matching = [...context.state.jobs.values()]
        .reverse()
        .sort((a, b) => b.createdAt - a.createdAt)
        .filter((job) => (templateId === null || job.template.id === templateId) && (status === null || jobStatus(job, context.now) === status));
      const page = matching.slice(offset, offset + limit);
      const jobs = await Promise.all(page.map((job) => jobView(job, context.now, context.state, storage)));
      return context.reply({ jobs, total: matching.length });
    }),

    route('get', '/api/v1/documents/jobs/:jobId', 'documents:read', async (context) => {
      const job = context.state.jobs.get(context.params.jobId!);
      if (job === undefined) return context.fail(404, 'ERR_DOC_001', `Document job ${context.params.jobId} not found`);
      return context.reply(await jobView(job, context.now, context.state, storage));
    }),
  ];
}
