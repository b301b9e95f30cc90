import { ApiError } from '../../core/errors/api-error';

/** `ERR_DOC_004`: Rynko could not generate the document (whatever the HTTP status it came with). */
export class DocumentGenerationError extends ApiError {
  override name = 'DocumentGenerationError';
}
