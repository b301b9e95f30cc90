import { ConfigurationError } from '../errors/configuration-error';
import { describe } from '../util/validate';

/** Where a client writes its lines: `console`, or any object with the same four methods (pino, winston, …). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const methods = ['debug', 'info', 'warn', 'error'] as const;

/** The `logger` option, checked when the client is built rather than at its first line. */
export function resolveLogger(value: unknown): Logger {
  if (value === undefined) return console;
  if (typeof value !== 'object' || value === null) throw new ConfigurationError('logger', `must be console-like (debug, info, warn, error), got ${describe(value)}`);
  const missing = methods.filter((name) => typeof (value as Record<string, unknown>)[name] !== 'function');
  if (missing.length > 0) throw new ConfigurationError('logger', `must have the methods debug, info, warn and error; missing ${missing.join(', ')}`);
  return value as Logger;
}
