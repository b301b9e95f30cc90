/** Marks keycard errors so that copies of the package loaded in other realms still recognise them. */
const brand = Symbol.for('keycard.error');

/**
 * Base class of every error keycard throws.
 *
 * @example
 * ```ts
 * try { await api.GET('/things') } catch (error) {
 *   if (isKeycardError(error)) console.error(error.name, error.message);
 * }
 * ```
 */
export class KeycardError extends Error {
  override name = 'KeycardError';
  declare readonly [brand]: true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /** A plain, secret-free view for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}
Object.defineProperty(KeycardError.prototype, brand, { value: true });

/** Names of the errors keycard defines, for recognising errors that crossed a realm boundary. */
const knownNames = new Set([
  'KeycardError', 'ApiError', 'BadRequestError', 'ValidationError', 'NotFoundError', 'ConflictError',
  'AuthenticationError', 'MissingCredentialsError', 'InvalidTokenError', 'InvalidApiKeyError',
  'ApiKeyDeactivatedError', 'PermissionDeniedError', 'InsufficientScopeError', 'RateLimitError',
  'QuotaExceededError', 'ServerError', 'TokenExchangeError', 'InvalidClientError', 'InvalidScopeError',
  'UnauthorizedClientError', 'InvalidGrantError', 'InvalidRequestError', 'UnsupportedGrantTypeError',
  'ConnectionError', 'TimeoutError', 'AbortError', 'ConfigurationError',
]);

/**
 * True for any error keycard threw, also when it comes from another realm (an iframe, a `vm`
 * context) or another copy of the package, where `instanceof` fails.
 */
export function isKeycardError(value: unknown): value is KeycardError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as { [brand]?: unknown })[brand] === true) return true;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && knownNames.has(name) && typeof (value as { message?: unknown }).message === 'string';
}
