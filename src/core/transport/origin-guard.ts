/**
 * Headers that carry credentials or cookies, in requests and in answers, by name. One rule serves
 * both the redirect hop that leaves the API's origin (none of them crosses) and the redaction of
 * errors (none of their values is shown).
 */
export const credentialHeaders: readonly string[] = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];

const credentialHeaderSet = new Set(credentialHeaders);

/**
 * A vendor's own credential header, told by a word of its name: `x-api-key`, `x-auth-token`,
 * `x-amz-security-token`, a webhook's `x-…-secret`, `ocp-apim-subscription-key`. Ids and
 * idempotency keys are not credentials and keep their values.
 */
const credentialWord = /(?:^|-)(?:secret|token|password|passwd|api-?key|subscription-key|access-key|session)(?:-|$)/;

/** True for header names (any case) that carry credentials or cookies. */
export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return credentialHeaderSet.has(lower) || credentialWord.test(lower);
}

/**
 * Whether a request to `url` may carry the client's credential: only to the API's own origin,
 * given as `apiPrefix` (`https://api.example.com/`), so `https://api.example.com.evil.test` and
 * `http://api.example.com` never match.
 */
export function mayCarryCredential(url: string, apiPrefix: string): boolean {
  return url.startsWith(apiPrefix);
}

/** Removes every credential header, for a hop that leaves the API's origin. */
export function stripCredentials(headers: Headers): void {
  for (const name of [...headers.keys()]) if (isCredentialHeader(name)) headers.delete(name);
}

/** The values of the credential headers a request carries: what no error about it may show. */
export function credentialValues(headers: Headers): string[] {
  const values: string[] = [];
  for (const [name, value] of headers) if (isCredentialHeader(name)) values.push(value, value.replace(/^(?:bearer|basic)\s+/i, ''));
  return values;
}
