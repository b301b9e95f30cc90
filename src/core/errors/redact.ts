/** What stands in for a removed secret. */
export const REDACTED = '[REDACTED]';

const secretHeaders = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
  'x-auth-token',
  'x-amz-security-token',
]);

// Field names whose values are credentials in OAuth, API-key and cookie conventions.
// Echoed request headers count too (`{headers: {Proxy-Authorization}}`, httpbin's `{cookies}`).
const secretField =
  /(?:token|secret|password|passwd|apikey|api[-_]key|credentials?)$|^(?:(?:proxy-)?authorization|cookies?|set[-_]cookie)$/i;
// Query parameters add the short names signed URLs and key-in-query APIs use.
const secretQuery = /(?:token|secret|password|passwd|apikey|api[-_]key|credentials?|signature)$|^(?:sig|key|code|auth|authorization)$/i;

/** True for header names that carry credentials or cookies. */
export function isSecretHeader(name: string): boolean {
  return secretHeaders.has(name.toLowerCase());
}

/** A copy of `headers` with credential and cookie values replaced by `[REDACTED]`. */
export function redactHeaders(headers: Headers): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, isSecretHeader(name) ? REDACTED : value);
  });
  return copy;
}

/** The URL with user info and secret-looking query values redacted; unparsable input is returned redacted whole. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return REDACTED;
  }
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
  }
  for (const name of new Set(parsed.searchParams.keys())) {
    if (secretQuery.test(name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.href;
}

/** Replaces every occurrence of the given secrets inside `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would mangle ordinary words and cannot be meaningful secrets.
    if (secret.length >= 6 && result.includes(secret)) result = result.replaceAll(secret, REDACTED);
  }
  return result;
}

/** The object or array a text holds, when it is JSON. */
function parseJsonText(text: string): object | undefined {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A copy of a parsed body with secret-named fields replaced and known secret values scrubbed from
 * strings. Depth and size are bounded so that hostile bodies cannot make error handling expensive.
 */
export function redactBody(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') {
    const json = depth === 0 ? parseJsonText(value) : undefined;
    // JSON served as text is redacted field by field too, and stays text.
    return json === undefined ? redactSecrets(value, secrets) : JSON.stringify(redactBody(json, secrets, depth + 1));
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 8) return REDACTED;
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactBody(item, secrets, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = secretField.test(key) && item !== null && item !== '' ? REDACTED : redactBody(item, secrets, depth + 1);
  }
  return copy;
}
