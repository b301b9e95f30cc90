import { KeycardError } from './keycard-error';

/** The request never produced a response: DNS, refused or reset connection, TLS failure. */
export class ConnectionError extends KeycardError {
  override name = 'ConnectionError';
}

/** An attempt or the overall deadline ran out before a response arrived. */
export class TimeoutError extends KeycardError {
  override name = 'TimeoutError';
}

/** The caller's `AbortSignal` fired. `cause` holds the signal's reason. */
export class AbortError extends KeycardError {
  override name = 'AbortError';
}
