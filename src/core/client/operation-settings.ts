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

/** Checks a table of operations; a problem names the operation and the field. */
export function operationTable(value: unknown): OperationTable | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError('operations', `must map 'METHOD /path' to settings, got ${describe(value)}`);
  }
  const table: Record<string, OperationSettings> = {};
  for (const [key, settings] of Object.entries(value)) {
    if (!operationKey.test(key)) throw new ConfigurationError('operations', `\`${key}\` must be a method and a path, e.g. 'POST /hooks/{path}'`);
    const { credential, timeoutMs, ...rest } = (settings ?? {}) as OperationSettings;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw new ConfigurationError(`operations.${key}`, `\`${unknown}\` is not a setting; use credential or timeoutMs`);
    if (credential !== undefined && typeof credential !== 'boolean') {
      throw new ConfigurationError(`operations.${key}.credential`, `must be true or false, got ${describe(credential)}`);
    }
    table[key] = {
      ...(credential === undefined ? {} : { credential }),
      ...(timeoutMs === undefined ? {} : { timeoutMs: milliseconds(`operations.${key}.timeoutMs`, timeoutMs, 0, 1) }),
    };
  }
  return table;
}
