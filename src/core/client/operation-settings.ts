import { ConfigurationError } from '../errors/configuration-error';
import { describe, milliseconds } from '../util/validate';

/** How one operation of an API differs from the rest of it. */
export interface OperationSettings {
  /** `false`: sent without the client's credential, e.g. a webhook that checks a secret of its own. @default true */
  credential?: boolean;
  /** Least timeout of each attempt, in ms, for an operation the server holds open; a call's own `timeoutMs` still wins. @default the client's `timeoutMs` */
  timeoutMs?: number;
}

/** Operations by method and path as the spec writes them: `'POST /hooks/{path}'`. */
export type OperationTable = Readonly<Record<string, OperationSettings>>;

const operationKey = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/;

/** Checks a table of operations; a problem names the operation, and what a setting may be. */
export function operationTable(value: unknown): OperationTable | undefined {
  if (value === undefined) return undefined;
  const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [[describe(value), undefined] as const];
  for (const [key, settings] of entries) {
    const { credential, timeoutMs, ...rest } = (settings ?? {}) as OperationSettings;
    if (!operationKey.test(key) || Object.keys(rest).length > 0 || (credential !== undefined && typeof credential !== 'boolean')) {
      throw new ConfigurationError('operations', `\`${key}\` must map 'METHOD /path' to { credential?: boolean, timeoutMs?: number }`);
    }
    milliseconds(`operations.${key}.timeoutMs`, timeoutMs, 0, 1);
  }
  return value as OperationTable;
}
