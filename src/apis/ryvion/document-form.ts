import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import { requireText } from '../../core/client/api-call';

/**
 * The multipart body of a document upload: the file in the `file` field, under its file name. The
 * browser or runtime sets the `Content-Type` with its boundary.
 */
export function documentForm(file: Blob, filename: string): FormData {
  if (!(file instanceof Blob)) {
    throw new ConfigurationError('file', `must be a Blob or File, got ${describe(file)}`);
  }
  const form = new FormData();
  form.append('file', file, requireText('filename', filename));
  return form;
}
