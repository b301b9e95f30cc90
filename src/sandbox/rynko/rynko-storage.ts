import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../msw-peer';
import { json, route, type RouteCall } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';
import { documentFile } from './document-file';
import { downloadSignature } from './download-signature';
import { jobStatus } from './job-view';
import { rynkoState } from './rynko-state';

/** Error bodies of the storage host, in the style of object stores (S3 codes). */
const storageError = (status: number, code: string, message: string) => json({ code, message }, status);

/** Headers that carry credentials: none belongs on a signed URL. */
const credentialHeaders = ['authorization', 'x-api-key', 'cookie'];

/** A signed URL's own authentication: no credential beside it, a signature that verifies, not expired. */
async function authenticateSignedUrl(control: SandboxControl, { request, url, params }: RouteCall): Promise<string | Response> {
  const state = rynkoState(control);
  state.storage.requests += 1;
  if (credentialHeaders.some((name) => request.headers.has(name))) {
    state.storage.refusedCredentials += 1;
    return storageError(400, 'InvalidArgument', 'Only one auth mechanism allowed: a signed URL must not carry an Authorization header, API key or cookie');
  }
  const expires = Number(url.searchParams.get('expires'));
  const signature = url.searchParams.get('signature') ?? '';
  const jobId = String(params.jobId);
  if (!Number.isInteger(expires) || signature === '') return storageError(403, 'AccessDenied', 'Query-string authentication requires expires and signature');
  if (signature !== (await downloadSignature(state, jobId, expires))) {
    return storageError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
  }
  if (control.now() >= expires * 1000) return storageError(403, 'AccessDenied', 'Request has expired');
  return jobId;
}

/**
 * The storage host that signed download URLs point to, another origin than the API. It checks the
 * URL's signature and expiry, and refuses any request that carries a credential: a client that
 * sends the API key along with a download fails here.
 */
export function rynkoStorageHandlers(storage: string, control: SandboxControl): HttpHandler[] {
  return [
    route({
      method: 'get',
      path: `${storage}/downloads/:jobId/:file`,
      authenticate: (call) => authenticateSignedUrl(control, call),
      handle: ({ params, caller: jobId }) => {
        const job = rynkoState(control).jobs.get(jobId);
        const file = job === undefined ? undefined : documentFile(job);
        if (job === undefined || file === undefined || jobStatus(job, control.now()) !== 'completed' || file.name !== String(params.file)) {
          return storageError(404, 'NoSuchKey', 'The specified key does not exist.');
        }
        return new HttpResponse(file.bytes, {
          headers: {
            'content-type': file.contentType,
            'content-length': String(file.bytes.length),
            'content-disposition': `attachment; filename="${file.name.replaceAll('"', '')}"`,
            'cache-control': 'private, max-age=0',
          },
        });
      },
    }),
    http.all(`${storage}/*`, () => storageError(404, 'NoSuchKey', 'The specified key does not exist.')),
  ];
}
