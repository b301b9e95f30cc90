import { ConfigurationError } from '../errors/configuration-error';
import { describe } from '../util/validate';

/** Where a client writes its lines: `console`, or any object with the same four methods (pino, winston, …). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The `logger` option, checked when the client is built rather than at its first line. */
export function resolveLogger(value: unknown): Logger {
  if (value === undefined) return console;
  const logger = value as Record<string, unknown> | null;
  if (typeof logger !== 'object' || logger === null || ['debug', 'info', 'warn', 'error'].some((name) => typeof logger[name] !== 'function')) {
    throw new ConfigurationError('logger', `must have debug, info, warn and error methods, like console; got ${describe(value)}`);
  }
  return value as Logger;
}
