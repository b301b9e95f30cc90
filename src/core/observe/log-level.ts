import { ConfigurationError } from '../errors/configuration-error';
import { describe } from '../util/validate';

/** How much a client logs: nothing, or lines at this level and above. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Levels by how much they let through; a line is written when its rank is at most the client's. */
export const logLevelRank: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** The ranks events are logged at; `NEVER` for events that only reach hooks. */
export const ERROR = 1;
export const WARN = 2;
export const INFO = 3;
export const DEBUG = 4;
export const NEVER = 5;

const isLogLevel = (value: unknown): value is LogLevel => typeof value === 'string' && Object.hasOwn(logLevelRank, value);

/**
 * The level a client logs at: the `logLevel` option, else `KEYCARD_LOG` from the environment (so a
 * deployed service can be turned up without a code change), else `warn`.
 */
export function resolveLogLevel(option: unknown, fromEnv: string | undefined): LogLevel {
  const levels = Object.keys(logLevelRank).join(', ');
  if (option !== undefined) {
    if (!isLogLevel(option)) throw new ConfigurationError('logLevel', `must be one of ${levels}, got ${describe(option)}`);
    return option;
  }
  if (fromEnv === undefined) return 'warn';
  const level = fromEnv.trim().toLowerCase();
  // A short word is echoed to show the typo; anything else could be a value pasted into the wrong variable.
  const got = /^\w{1,16}$/.test(level) ? `"${level}"` : describe(fromEnv);
  if (!isLogLevel(level)) throw new ConfigurationError('KEYCARD_LOG', `must be one of ${levels}, got ${got}`);
  return level;
}
