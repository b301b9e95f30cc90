import { documentFile } from './document-file';
import { downloadSignature } from './download-signature';
import { jobTimeline, type RynkoJobRecord, type RynkoSandboxState } from './rynko-state';

type Status = 'queued' | 'processing' | 'completed' | 'failed';

const iso = (ms: number) => new Date(ms).toISOString();
const fileLifetimeMs = 7 * 24 * 3_600_000;

/**
 * A job's status at sandbox time `now`: derived at read time, so it follows the sandbox clock. Rynko
 * does not publish what a cancelled job reports; here it is `failed`, so that waits on it end.
 */
export function jobStatus(job: RynkoJobRecord, now: number): Status {
  if (job.cancelledAt !== undefined && now >= job.cancelledAt) return 'failed';
  const elapsed = now - job.createdAt - job.delayMs;
  if (elapsed < jobTimeline.processingAfterMs) return 'queued';
  if (elapsed < jobTimeline.doneAfterMs) return 'processing';
  return job.template.renderError === undefined ? 'completed' : 'failed';
}

/** The job as `GET /api/v1/documents/jobs/{jobId}` returns it; a completed job gets a freshly signed URL. */
export async function jobView(job: RynkoJobRecord, now: number, state: RynkoSandboxState, storage: string) {
  const status = jobStatus(job, now);
  const started = job.createdAt + job.delayMs;
  const view: Record<string, unknown> = {
    jobId: job.jobId,
    status,
    format: job.format,
    templateId: job.template.id,
    templateName: job.template.name,
    filename: job.filename,
    ...(job.batchId === undefined ? {} : { batchId: job.batchId }),
    ...(job.metadata === undefined ? {} : { metadata: job.metadata }),
    createdAt: iso(job.createdAt),
  };
  if (job.cancelledAt !== undefined && status === 'failed') {
    return { ...view, completedAt: iso(job.cancelledAt), errorMessage: 'The job was cancelled' };
  }
  if (status === 'queued') return view;
  view.processingAt = iso(started + jobTimeline.processingAfterMs);
  if (status === 'processing') return view;
  const completedAt = started + jobTimeline.doneAfterMs;
  view.completedAt = iso(completedAt);
  if (status === 'failed') return { ...view, errorCode: 'ERR_DOC_004', errorMessage: job.template.renderError };
  const file = documentFile(job);
  const expires = Math.floor((now + state.downloadUrlTtlMs) / 1000);
  const signature = await downloadSignature(state, job.jobId, expires);
  const url = `${storage}/downloads/${encodeURIComponent(job.jobId)}/${encodeURIComponent(file.name)}?expires=${expires}&signature=${signature}`;
  return {
    ...view,
    downloadUrl: url,
    downloadUrlExpiresAt: iso(expires * 1000),
    fileSize: file.bytes.length,
    expiresAt: iso(completedAt + fileLifetimeMs),
  };
}
