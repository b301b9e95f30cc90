import type { ApiResult } from '../../core/client/api-promise';
import { ConfigurationError } from '../../core/errors/configuration-error';
import { ConnectionError, TimeoutError } from '../../core/errors/connection-errors';
import { errorFromAbort } from '../../core/errors/error-from-abort';
import { errorFromResponse } from '../../core/errors/error-from-response';
import { redactUrl } from '../../core/errors/redact';
import { timeoutSignal } from '../../core/util/abortable';
import { describeCause } from '../../core/util/describe-cause';
import { isLoopbackHost } from '../../core/util/is-loopback';
import { describe, milliseconds } from '../../core/util/validate';
import type { components } from './schema.gen';

type Job = components['schemas']['Job'];

/** Options of `RynkoClient.downloadDocument()`. */
export interface DownloadDocumentOptions {
  /** Aborts the download. @default none */
  signal?: AbortSignal;
  /** Deadline of the whole download, body included, in ms. @default 120_000 */
  timeoutMs?: number;
}

/** What the download needs from the client. */
export interface DownloadContext {
  fetch: typeof globalThis.fetch;
  /** Re-reads a job whose signed URL has expired. */
  getJob: (jobId: string, init: { signal?: AbortSignal }) => PromiseLike<Job>;
}

function signedUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError('url', 'is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigurationError('url', `must use https (or http to a loopback host), got ${redactUrl(url.href)}`);
  }
  return url;
}

async function downloadUrlOf(source: Job | string, signal: AbortSignal | undefined, context: DownloadContext): Promise<string> {
  if (typeof source === 'string') return source;
  if (typeof source !== 'object' || source === null || typeof source.jobId !== 'string') {
    throw new ConfigurationError('job', `must be a job from getJob()/waitForJob() or a download URL, got ${describe(source)}`);
  }
  let job = source;
  // A job read a while ago carries a signed URL that may have lapsed; reading the job again signs a fresh one.
  const expiresAt = job.downloadUrlExpiresAt === undefined ? NaN : Date.parse(job.downloadUrlExpiresAt);
  if (expiresAt <= Date.now()) job = await context.getJob(job.jobId, { signal });
  if (job.status !== 'completed' || job.downloadUrl === undefined) {
    throw new ConfigurationError('job', `${job.jobId} is ${job.status} and has no downloadUrl yet; wait for it with waitForJob()`);
  }
  return job.downloadUrl;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Fetches a generated document from its signed URL. The URL is on a storage host, not the API, and
 * carries its own signature, so the request goes out with no credential, no cookies and no client
 * headers: the API key never leaves for another origin.
 */
export async function downloadDocument(
  source: Job | string,
  options: DownloadDocumentOptions,
  context: DownloadContext,
): Promise<ApiResult<Blob>> {
  const timeoutMs = milliseconds('timeoutMs', options.timeoutMs, 120_000, 1);
  // One deadline for all of it: re-reading a lapsed job, the request and the body.
  const deadline = timeoutSignal(timeoutMs, () => new TimeoutError(`Downloading the document did not finish within ${timeoutMs} ms`));
  const signal = options.signal === undefined ? deadline.signal : AbortSignal.any([options.signal, deadline.signal]);
  let url: URL;
  try {
    url = signedUrl(await downloadUrlOf(source, signal, context));
  } catch (error) {
    deadline.clear();
    throw error;
  }
  const target = `GET ${redactUrl(url.href)}`;
  try {
    let response: Response;
    try {
      response = await context.fetch(url.href, { method: 'GET', credentials: 'omit', signal });
    } catch (error) {
      if (signal.aborted) throw errorFromAbort(signal.reason);
      throw new ConnectionError(`${target} failed: ${describeCause(error)}`, { cause: error });
    }
    if (!response.ok) {
      throw errorFromResponse({
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: await readBody(response),
        method: 'GET',
        url: url.href,
      });
    }
    try {
      return { data: await response.blob(), response };
    } catch (error) {
      if (signal.aborted) throw errorFromAbort(signal.reason);
      throw new ConnectionError(`${target} broke off: ${describeCause(error)}`, { cause: error });
    }
  } finally {
    deadline.clear();
  }
}
