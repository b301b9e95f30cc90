import type { ErrorCodeMap } from '../../core/errors/error-codes';
import { InsufficientScopeError } from '../../core/errors/permission-errors';

/**
 * Rivery's error bodies carry no code (`{message}` on the legacy host, FastAPI's `{detail}` on the
 * v1 host), so the status decides the class. Its 403 only ever means a scope the token lacks, or an
 * account or environment it is not bound to.
 */
export const riveryErrorCodes: ErrorCodeMap = { '403': InsufficientScopeError };
