/** The most specific code in an error's cause chain (`ECONNREFUSED`, `ENOTFOUND`, …), else its message. */
export function describeCause(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return error instanceof Error ? error.message : 'network error';
}

/** Codes that prove the request never reached the server, so even a POST may be sent again. */
const neverSent = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** True when the cause chain shows the connection was never established. */
export function provablyNotSent(error: unknown): boolean {
  return neverSent.has(describeCause(error));
}
