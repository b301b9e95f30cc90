import { ConfigurationError } from '../errors/configuration-error';

/** What a call's init may carry that the transport has to look at before anything is sent. */
interface CallInit {
  fetch?: unknown;
  middleware?: unknown;
  headers?: unknown;
  params?: { header?: unknown };
}

// A byte that would end the header line (response splitting) or that no header may carry.
const unsafeValue = /[\r\n\0]/;

function headerProblem(option: string, headers: unknown): ConfigurationError | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entries: Iterable<[string, unknown]> =
    headers instanceof Headers ? headers.entries() : Array.isArray(headers) ? (headers as [string, unknown][]) : Object.entries(headers);
  for (const [name, value] of entries) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((item) => typeof item === 'string' && unsafeValue.test(item))) {
      // Named, never quoted: the value may be a token the caller passes through.
      return new ConfigurationError(`${option}.${name}`, 'must not contain line breaks (CR/LF) or NUL; the request was not sent');
    }
  }
  return undefined;
}

/**
 * Problems with a call's own options, found before the request is built.
 *
 * A per-call `fetch` or `middleware` (openapi-fetch's own request options) is refused rather than
 * routed through the transport: a `fetch` given here would replace the transport itself, so the
 * call would leave without the credential, the origin guard and retries, and wrapping it would
 * mean a second pipeline per call on the hot path. A client derived with `withOptions({ fetch })`
 * gets all of them, and is cheap.
 */
export function callInitProblem(init: CallInit): ConfigurationError | undefined {
  for (const option of ['fetch', 'middleware'] as const) {
    if (init[option] !== undefined) {
      return new ConfigurationError(option, 'cannot be set per call, where it would bypass the credential and retries; derive a client with withOptions({ fetch }) instead');
    }
  }
  return headerProblem('headers', init.headers) ?? headerProblem('params.header', init.params?.header);
}
