import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import type { components } from './schema.gen';

type Scope = components['schemas']['Scope'];

const resources = 'chat, workflows, storage, knowledge, templates, tools, logs';
/** A Scrydon scope: one of its resources, `:`, `read` or `write`. */
export const scopePattern = /^(?:chat|workflows|storage|knowledge|templates|tools|logs):(?:read|write)$/;

/**
 * Checks the scopes to request: each `resource:action`, with one of Scrydon's resources and `read`
 * or `write`. A typo would otherwise surface only as `invalid_scope` at the first call.
 */
export function parseScopes(value: unknown, fromEnv: boolean): Scope[] {
  const where = fromEnv ? ' (from SCRYDON_SCOPES)' : '';
  if (value === undefined) {
    throw new ConfigurationError(
      'scopes',
      "is required: pass `scopes` (e.g. ['workflows:read']) or set SCRYDON_SCOPES (space-separated); a token may carry only scopes the service account was granted",
    );
  }
  if (!Array.isArray(value)) {
    throw new ConfigurationError('scopes', `must be an array of scopes such as 'workflows:read', got ${describe(value)}`);
  }
  if (value.length === 0) throw new ConfigurationError('scopes', `must name at least one scope${where}`);
  for (const scope of value) {
    if (typeof scope !== 'string' || !scopePattern.test(scope)) {
      throw new ConfigurationError(
        'scopes',
        `${typeof scope === 'string' ? JSON.stringify(scope) : describe(scope)}${where} is not a Scrydon scope: use resource:action, with resource one of ${resources} and action read or write`,
      );
    }
  }
  return [...new Set(value as Scope[])];
}
