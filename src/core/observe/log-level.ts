import { ConfigurationError } from '../errors/configuration-error';
import { describe } from '../util/validate';

/**
 * The levels by how much they let through. A level's index is its rank, and a line is written when
 * its rank is at most the client's; the index of a line's rank is also the logger method it goes to.
 */
export const logLevels = ['off', 'error', 'warn', 'info', 'debug'] as const;

/** How much a client logs: nothing, or lines at this level and above. */
export type LogLevel = (typeof logLevels)[number];

/** The ranks events are logged at; `NEVER` for events that only reach hooks. */
export const ERROR = 1;
export const WARN = 2;
export const INFO = 3;
export const DEBUG = 4;
export const NEVER = 5;

const isLogLevel = (value: unknown): value is LogLevel => (logLevels as readonly unknown[]).includes(value);

/**
 * The level a client logs at: the `logLevel` option, else `KEYCARD_LOG` from the environment (so a
 * deployed service can be turned up without a code change), else `warn`.
 */
export function resolveLogLevel(option: unknown, fromEnv: string | undefined): LogLevel {
  const levels = logLevels.join(', ');
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
