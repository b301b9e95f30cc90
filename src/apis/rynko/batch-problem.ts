import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import { filenameProblem } from './filename-problem';

/** Most documents one batch request may carry. */
export const maxBatchDocuments = 100;

/**
 * What is wrong with a batch before it is sent, if anything. Checked here because a rejected batch
 * of 101 still costs a request and a rate-limit slot, and the answer is known in advance.
 */
export function batchProblem(input: unknown): ConfigurationError | undefined {
  if (typeof input !== 'object' || input === null) return new ConfigurationError('input', `must be an object, got ${describe(input)}`);
  const { documents } = input as { documents?: unknown };
  if (!Array.isArray(documents)) return new ConfigurationError('documents', `must be an array, got ${describe(documents)}`);
  if (documents.length === 0 || documents.length > maxBatchDocuments) {
    return new ConfigurationError('documents', `must hold 1 to ${maxBatchDocuments} documents, got ${documents.length}; split larger runs into several batches`);
  }
  const index = documents.findIndex((document: unknown) => {
    const variables = (document as { variables?: unknown } | null)?.variables;
    return typeof variables !== 'object' || variables === null || Array.isArray(variables);
  });
  if (index >= 0) return new ConfigurationError(`documents[${index}].variables`, 'must be an object of template variables');
  for (const [at, document] of documents.entries()) {
    const problem = filenameProblem(`documents[${at}].filename`, (document as { filename?: unknown }).filename);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
