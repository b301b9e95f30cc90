import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';

/** Longest file name (without extension) Rynko accepts. */
export const maxFilenameLength = 200;

/**
 * What is wrong with a document's `filename`, if anything. Checked before sending because Rynko
 * refuses a longer name only after counting the request against the generation limit.
 */
export function filenameProblem(field: string, filename: unknown): ConfigurationError | undefined {
  if (filename === undefined) return undefined;
  if (typeof filename !== 'string' || filename === '') return new ConfigurationError(field, `must be a non-empty string, got ${describe(filename)}`);
  if (filename.length > maxFilenameLength) {
    return new ConfigurationError(field, `must be at most ${maxFilenameLength} characters (without extension), got ${filename.length}`);
  }
  return undefined;
}

/** The problem with a single generation's input, if any: the shape, then the filename. */
export function generationProblem(input: unknown): ConfigurationError | undefined {
  if (typeof input !== 'object' || input === null) return new ConfigurationError('input', `must be an object, got ${describe(input)}`);
  return filenameProblem('filename', (input as { filename?: unknown }).filename);
}
