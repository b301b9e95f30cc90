import type { HttpHandler } from 'msw';
import { isJsonObject as isObject, newId } from '../emulator-kit';
import type { FieldError, RouteContext, rynkoRoutes } from './rynko-route';
import { jobTimeline, type RynkoFormat, type RynkoJobRecord, type RynkoSandboxState, type RynkoTemplateRecord } from './rynko-state';

const formats: readonly string[] = ['pdf', 'excel', 'csv'];
const maxBatch = 100;
/** Longest filename Rynko accepts (without extension). */
const maxFilename = 200;
/** The workspace every sandbox key belongs to (as `verify` says). */
export const sandboxWorkspaceId = 'ws_sandbox';


/** Checks the fields every generation request shares; the template must exist and offer the format. */
function checkGeneration(body: Record<string, unknown>, state: RynkoSandboxState, errors: FieldError[]): RynkoTemplateRecord | undefined {
  if (typeof body.templateId !== 'string' || body.templateId === '') errors.push({ field: 'templateId', message: 'templateId must be a non-empty string' });
  if (!formats.includes(body.format as string)) errors.push({ field: 'format', message: 'format must be one of pdf, excel, csv' });
  if (body.metadata !== undefined && !isObject(body.metadata)) errors.push({ field: 'metadata', message: 'metadata must be an object' });
  for (const flag of ['useDraft', 'useCredit']) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean') errors.push({ field: flag, message: `${flag} must be a boolean` });
  }
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
  if (document.filename !== undefined && !(typeof document.filename === 'string' && document.filename.length <= maxFilename && document.filename !== '')) {
    errors.push({ field: `${prefix}filename`, message: `filename must be a string of 1 to ${maxFilename} characters` });
  }
  if (document.metadata !== undefined && !isObject(document.metadata)) errors.push({ field: `${prefix}metadata`, message: 'metadata must be an object' });
}

/** A queued job; `options` carries the request's `useDraft` and `useCredit`. */
export function newJob(
  template: RynkoTemplateRecord,
  format: RynkoFormat,
  document: Record<string, unknown>,
  now: number,
  options: Record<string, unknown> = {},
  extra: Partial<RynkoJobRecord> = {},
): RynkoJobRecord {
  const jobId = newId('job');
  return {
    jobId,
    template: { id: template.id, name: template.name, ...(template.renderError ? { renderError: template.renderError } : {}) },
    format,
    filename: typeof document.filename === 'string' ? document.filename : jobId,
    variables: (document.variables as Record<string, unknown> | undefined) ?? {},
    ...(isObject(document.metadata) ? { metadata: document.metadata } : {}),
    workspaceId: sandboxWorkspaceId,
    ...(options.useDraft === true ? { useDraft: true } : {}),
    ...(options.useCredit === true ? { useCredit: true } : {}),
    createdAt: now,
    delayMs: 0,
    ...extra,
  };
}

/** Refuses what the monthly quota cannot cover: waiting will not help, so no retryAfter. */
export function quotaExceeded(context: RouteContext, documents: number): Response | undefined {
  const { state } = context;
  if (state.documentsThisMonth + documents <= state.monthlyQuota) return undefined;
  const left = Math.max(0, state.monthlyQuota - state.documentsThisMonth);
  return context.fail(429, 'ERR_QUOTA_001', `Monthly document quota exhausted: ${left} of ${state.monthlyQuota} left, ${documents} requested`);
}

/** `POST /api/v1/documents/generate` and `…/generate/batch`, each under its published limit. */
export function documentRoutes(routes: ReturnType<typeof rynkoRoutes>, api: string): HttpHandler[] {
  const { route } = routes;
  return [
    route('post', '/api/v1/documents/generate', 'documents:generate', async (context) => {
      const body = await context.jsonBody();
      if (body instanceof Response) return body;
      const errors: FieldError[] = [];
      const template = checkGeneration(body, context.state, errors);
      checkDocument(body, template, '', errors);
      if (errors.length > 0) return context.fail(400, 'ERR_VALID_001', 'Validation failed', { errors });
      if (template === undefined) return context.fail(404, 'ERR_TMPL_001', `Template ${String(body.templateId)} not found`);
      const exhausted = quotaExceeded(context, 1);
      if (exhausted) return exhausted;
      const job = newJob(template, body.format as RynkoFormat, body, context.now, body);
      context.state.jobs.set(job.jobId, job);
      context.state.documentsThisMonth += 1;
      return context.reply(
        { jobId: job.jobId, status: 'queued', statusUrl: `${api}/api/v1/documents/jobs/${job.jobId}`, estimatedWaitSeconds: jobTimeline.doneAfterMs / 1000 },
        202,
      );
    }, 'generate'),

    route('post', '/api/v1/documents/generate/batch', 'documents:generate', async (context) => {
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
        newJob(template, body.format as RynkoFormat, document, context.now, body, { batchId, delayMs: index * jobTimeline.batchStaggerMs }),
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
    }, 'batch'),
  ];
}
