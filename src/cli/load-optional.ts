/**
 * Loads one of the package's own entries beside the CLI (`./sandbox.js`, `./redis.js`) or an optional
 * peer itself (`redis`); when the peer is not installed, says which and how to add it instead of a
 * stack trace.
 */
export async function loadOptional<T>(entry: string, peer: string, purpose: string): Promise<T> {
  try {
    return (await import(entry.startsWith('./') ? new URL(entry, import.meta.url).href : entry)) as T;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(`'${peer}'`)) {
      throw new MissingPeerError(`${purpose} needs the optional peer dependency ${peer}: npm install ${peer}`);
    }
    throw error;
  }
}

/** An optional peer dependency that a command needs is not installed. */
export class MissingPeerError extends Error {
  override readonly name = 'MissingPeerError';
}
