import { isCredentialHeader } from '../transport/origin-guard';

/** What stands in for a removed secret. */
export const REDACTED = '[REDACTED]';

// Field names whose values are credentials in OAuth, API-key and cookie conventions.
// Echoed request headers count too (`{headers: {Proxy-Authorization}}`, httpbin's `{cookies}`).
const secretField =
  /(?:token|secret|password|passwd|apikey|api[-_]key|credentials?)$|^(?:(?:proxy-)?authorization|cookies?|set[-_]cookie)$/i;
// Query parameters add the short names signed URLs, sessions and key-in-query APIs use
// (`sig`, `code`, `sid`, `jwt`, `session_id`, `subscription-key`, `x-auth`).
const secretQuery =
  /(?:token|secret|password|passwd|key|credentials?|signature|jwt|session|session[-_]?id|auth)$|^(?:sig|code|sid|authorization)$/i;

/** True for header names that carry credentials or cookies: the origin guard's one list. */
export { isCredentialHeader as isSecretHeader };

/**
 * A copy of `headers` with credential and cookie values replaced by `[REDACTED]`, and the known
 * `secrets` scrubbed from every other value (a `WWW-Authenticate` that echoes the token sent).
 */
export function redactHeaders(headers: Headers, secrets: readonly string[] = []): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, isCredentialHeader(name) ? REDACTED : redactSecrets(value, secrets));
  });
  return copy;
}

/** The forms a secret takes inside a URL: as given, percent-encoded, form-encoded. */
function inUrl(secrets: readonly string[]): string[] {
  const forms: string[] = [];
  for (const secret of secrets) {
    // encodeURI: close to what URL parsing leaves of a secret in a path (`@`, `:`, `+` stay as they are).
    forms.push(secret, encodeURIComponent(secret), encodeURI(secret), new URLSearchParams({ v: secret }).toString().slice(2));
  }
  // Longest first, so that a secret's encoded form is not left half replaced by a shorter one.
  return forms.sort((a, b) => b.length - a.length);
}

/**
 * The URL with user info and secret-looking query values redacted, and the known `secrets` (the
 * client's key, secret, current token) removed wherever they appear: path, query, fragment.
 * Unparsable input is returned redacted whole.
 */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
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
  return secrets.length === 0 ? parsed.href : redactSecrets(parsed.href, inUrl(secrets));
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
export function parseJsonText(text: string): object | undefined {
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
