import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';

const formats = {
  objectId: { pattern: /^[0-9a-f]{24}$/, what: 'a 24-character hex ObjectId, e.g. 63b724fc690def001131d242' },
  runId: { pattern: /^[0-9a-f]{32}$/, what: 'a 32-character hex run id' },
  v1RunId: { pattern: /^[\w-]{1,128}$/, what: 'a run id from runRiverV1 (letters, digits, `_` and `-`)' },
  operationId: { pattern: /^[\w-]{1,128}$/, what: 'a non-empty id of letters, digits, `_` and `-`' },
} as const;

/**
 * Checks an id before it becomes part of a URL or body, so that a typo fails here with the name
 * of the argument instead of as a 404 from the API. `where` names the environment variable it came from.
 */
export function checkId(kind: keyof typeof formats, name: string, value: unknown, where?: string): string {
  const { pattern, what } = formats[kind];
  if (typeof value === 'string' && pattern.test(value)) return value;
  const shown = typeof value === 'string' && value.length > 0 && value.length <= 64 ? JSON.stringify(value) : describe(value);
  throw new ConfigurationError(name, `must be ${what}, got ${shown}${where ? ` (from ${where})` : ''}`);
}
