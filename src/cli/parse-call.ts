import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

/** A raw call as the command line gives it. */
export interface CallArguments {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Query parameters; a name given twice becomes a list. */
  query: Record<string, string | string[]>;
  /** The `-d` value as written: JSON, or `@file`. */
  data: string | undefined;
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Reads `<METHOD> <path> [-q name=value]… [-d json|@file]`. */
export function parseCall(args: readonly string[], command: string): CallArguments {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { query: { type: 'string', short: 'q', multiple: true }, data: { type: 'string', short: 'd' } },
    allowPositionals: true,
    strict: true,
  });
  const [verb, path, ...rest] = positionals;
  const method = verb?.toUpperCase() as CallArguments['method'];
  if (!methods.includes(method)) throw new UsageError(`expected a method (${methods.join(', ')}), got ${verb === undefined ? 'none' : `"${verb}"`}`, command);
  if (path === undefined || !path.startsWith('/')) throw new UsageError('expected a path starting with /, e.g. /api/v1/templates', command);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" after the path`, command);
  if (values.data !== undefined && method === 'GET') throw new UsageError('a GET sends no body: -d goes with POST, PUT, PATCH or DELETE', command);
  const query: Record<string, string | string[]> = {};
  for (const pair of values.query ?? []) {
    const equals = pair.indexOf('=');
    if (equals < 1) throw new UsageError(`-q takes name=value, got "${pair}"`, command);
    const name = pair.slice(0, equals);
    const value = pair.slice(equals + 1);
    const before = query[name];
    query[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return { method, path, query, data: values.data };
}
