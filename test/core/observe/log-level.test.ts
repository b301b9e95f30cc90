import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors/configuration-error';
import { resolveLogLevel } from '../../../src/core/observe/log-level';

describe('log level', () => {
  test('is warn when neither the option nor KEYCARD_LOG says otherwise', () => {
    expect(resolveLogLevel(undefined, undefined)).toBe('warn');
  });

  test('comes from KEYCARD_LOG when the option is absent, in any case and with spaces', () => {
    expect(resolveLogLevel(undefined, ' DEBUG ')).toBe('debug');
    expect(resolveLogLevel(undefined, 'off')).toBe('off');
  });

  test('the logLevel option wins over KEYCARD_LOG', () => {
    expect(resolveLogLevel('error', 'debug')).toBe('error');
  });

  test('an unknown logLevel is a ConfigurationError naming the option and the levels', () => {
    const error = (() => {
      try {
        return resolveLogLevel('verbose', undefined);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'logLevel' });
    expect((error as Error).message).toContain('off, error, warn, info, debug');
  });

  test('an unknown KEYCARD_LOG names the variable, echoing a short word but never a long value', () => {
    expect(() => resolveLogLevel(undefined, 'trace')).toThrow(/`KEYCARD_LOG`.*got "trace"/);
    const pasted = 'sk_live_0123456789abcdefghijklmnopqrstuvwxyz';
    expect(() => resolveLogLevel(undefined, pasted)).toThrow(ConfigurationError);
    expect(() => resolveLogLevel(undefined, pasted)).not.toThrow(pasted);
  });
});
