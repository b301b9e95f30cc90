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

  /** A plain, secret-free view for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}
Object.defineProperty(KeycardError.prototype, brand, { value: true });

/**
 * True for any error keycard threw, also when it comes from another realm (an iframe, a `vm`
 * context) or another copy of the package, where `instanceof` fails. The check is a brand under a
 * global symbol, not the name: `AbortError` and `TimeoutError` are also DOMException names.
 */
export function isKeycardError(value: unknown): value is KeycardError {
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
}
