import { KeycardError } from './keycard-error';

/** What `errorFromResponse` knows about a failed call; every field is already free of secrets. */
export interface ApiErrorInit {
  status: number;
  /** Machine-readable code from the body (`ERR_AKEY_003`, `invalid_token`, …). */
  code?: string | undefined;
  /** Error type where the API sends one (OpenAI style `{error: {type}}`). */
  type?: string | undefined;
  /** The server's own description of the failure. */
  detail: string;
  requestId?: string | undefined;
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
  /** Whether `body` was cut to its first 64 kB. */
  bodyTruncated?: boolean | undefined;
  retryAfterMs?: number | undefined;
}

/** The fields `toJSON` shows besides name and message, in order: all but the headers. */
const shownFields = ['status', 'code', 'type', 'detail', 'requestId', 'method', 'url', 'retryAfterMs', 'body', 'bodyTruncated'] as const;

/**
 * The API answered with a status outside 2xx. Subclasses narrow it by status and by error code.
 *
 * @example
 * ```ts
 * try { await api.GET('/things/{id}', { params: { path: { id } } }) } catch (error) {
 *   if (error instanceof NotFoundError) return undefined;
 *   if (error instanceof ApiError) console.error(error.status, error.code, error.requestId);
 *   throw error;
 * }
 * ```
 */
export class ApiError extends KeycardError {
  override name = 'ApiError';
  /** HTTP status of the response. */
  declare readonly status: number;
  /** Error code from the body, if any. */
  declare readonly code: string | undefined;
  /** Error type from the body, if any. */
  declare readonly type: string | undefined;
  /** The server's description of the failure. */
  declare readonly detail: string;
  /** Request id from the response headers or body, for support tickets. */
  declare readonly requestId: string | undefined;
  /** Method of the failed request. */
  declare readonly method: string;
  /** URL of the failed request, with secret-looking query values redacted. */
  declare readonly url: string;
  /** Response headers, with credential and cookie headers redacted. */
  declare readonly headers: Headers;
  /** Parsed response body (JSON or text), with secret-looking fields redacted. */
  declare readonly body: unknown;
  /** True when the body was longer than 64 kB and `body` holds only its start (a 5 MB error page is not a 5 MB log line). */
  declare readonly bodyTruncated: boolean;
  /** How long the server asked us to wait before trying again, when it said so. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    const code = init.code === undefined ? '' : ` ${init.code}`;
    const id = init.requestId === undefined ? '' : ` [request ${init.requestId}]`;
    super(`${init.status}${code}: ${init.detail} (${init.method} ${init.url})${id}`);
    const fields = this as unknown as Record<string, unknown>;
    for (const field of shownFields) fields[field] = init[field];
    fields.bodyTruncated = init.bodyTruncated ?? false;
    fields.headers = init.headers;
  }

  override toJSON(): Record<string, unknown> {
    const json = super.toJSON();
    for (const field of shownFields) json[field] = this[field];
    return json;
  }
}

/** A constructor of `ApiError` or one of its subclasses, as stored in error-code maps. */
export type ApiErrorClass = new (init: ApiErrorInit) => ApiError;
