/**
 * Headers that carry credentials or cookies, in requests and in answers. One list serves both the
 * redirect hop that leaves the API's origin (none of them crosses) and the redaction of errors
 * (none of their values is shown). The list is data: a vendor header that carries a secret (a
 * signing secret sent as `x-scrydon-secret`, issue 13) belongs here too.
 */
export const credentialHeaders: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-auth-token',
  'x-amz-security-token',
  'x-scrydon-secret',
  'cookie',
  'set-cookie',
];

const credentialHeaderSet = new Set(credentialHeaders);

/** True for header names (any case) that carry credentials or cookies. */
export function isCredentialHeader(name: string): boolean {
  return credentialHeaderSet.has(name.toLowerCase());
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
  for (const name of credentialHeaders) headers.delete(name);
}
