import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';

/** The `input` of an embeddings request: one text, or a non-empty array of texts (never quoted in errors). */
export function embeddingInput(input: unknown): string | string[] {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input) || input.length === 0) {
    throw new ConfigurationError('input', `must be a string or a non-empty array of strings, got ${describe(input)}`);
  }
  const bad = input.findIndex((item) => typeof item !== 'string');
  if (bad >= 0) throw new ConfigurationError(`input[${bad}]`, `must be a string, got ${describe(input[bad])}`);
  return input as string[];
}
