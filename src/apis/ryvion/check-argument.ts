import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';

/** A non-empty string argument; the error names the argument, never its value. */
export function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(name, `must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

/** An optional whole number ≥ 1. */
export function optionalPositiveInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ConfigurationError(name, `must be a whole number ≥ 1, got ${describe(value)}`);
  }
  return value;
}
