import { KeycardError } from './keycard-error';

/** What the token endpoint said, per RFC 6749 §5.2. */
export interface TokenExchangeErrorInit {
  /** The OAuth `error` code, e.g. `invalid_client`; `server_error` when the endpoint sent none. */
  error: string;
  /** The endpoint's `error_description`, if any. */
  errorDescription?: string | undefined;
  /** The endpoint's `error_uri`, a page about the error, if any. */
  errorUri?: string | undefined;
  /** HTTP status of the token response; undefined when no response arrived. */
  status?: number | undefined;
  /** The token endpoint, without query. */
  tokenUrl: string;
  /** Wait the endpoint asked for (Retry-After), when it did. */
  retryAfterMs?: number | undefined;
}

/** The fields of a token exchange error, in the order `toJSON` shows them after name and message. */
const exchangeFields = ['error', 'errorDescription', 'errorUri', 'status', 'tokenUrl', 'retryAfterMs'] as const;

/**
 * The client-credentials exchange failed. Permanent OAuth errors arrive as the subclasses below
 * without a retry; transient ones (5xx, 429, `temporarily_unavailable`) only after the retries.
 */
export class TokenExchangeError extends KeycardError {
  override name = 'TokenExchangeError';
  /** OAuth error code. */
  declare readonly error: string;
  /** OAuth error description. */
  declare readonly errorDescription: string | undefined;
  /** OAuth error URI: a page about the error. */
  declare readonly errorUri: string | undefined;
  /** HTTP status of the token response. */
  declare readonly status: number | undefined;
  /** The token endpoint. */
  declare readonly tokenUrl: string;
  /** Wait the endpoint asked for, when it did. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: TokenExchangeErrorInit, options?: { cause?: unknown }) {
    const status = init.status === undefined ? '' : `${init.status} `;
    const description = init.errorDescription ? `: ${init.errorDescription}` : '';
    const uri = init.errorUri ? ` (see ${init.errorUri})` : '';
    super(`Token request to ${init.tokenUrl} failed with ${status}${init.error}${description}${uri}`, options);
    const fields = this as unknown as Record<string, unknown>;
    for (const field of exchangeFields) fields[field] = init[field];
  }

  override toJSON(): Record<string, unknown> {
    const json = super.toJSON();
    for (const field of exchangeFields) json[field] = this[field];
    return json;
  }
}

/** `invalid_client`: unknown client, wrong secret, or unsupported authentication method. */
export class InvalidClientError extends TokenExchangeError {
  override name = 'InvalidClientError';
}

/** `invalid_scope`: a requested scope is unknown or was not granted to this client. */
export class InvalidScopeError extends TokenExchangeError {
  override name = 'InvalidScopeError';
}

/** `unauthorized_client`: this client may not use the client-credentials grant. */
export class UnauthorizedClientError extends TokenExchangeError {
  override name = 'UnauthorizedClientError';
}

/** `invalid_grant`: the grant was rejected (e.g. the account is disabled). */
export class InvalidGrantError extends TokenExchangeError {
  override name = 'InvalidGrantError';
}

/** `invalid_request`: the endpoint rejected the request's form. */
export class InvalidRequestError extends TokenExchangeError {
  override name = 'InvalidRequestError';
}

/** `unsupported_grant_type`: the endpoint does not offer client credentials. */
export class UnsupportedGrantTypeError extends TokenExchangeError {
  override name = 'UnsupportedGrantTypeError';
}
