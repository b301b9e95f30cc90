/** What goes into a JWT-shaped token's claims. */
export interface JwtClaims {
  /** Who issued it (the token endpoint's origin). */
  issuer: string;
  /** The client it was issued to. */
  subject: string;
  scopes: readonly string[];
  /** Epoch ms. */
  issuedAt: number;
  /** Epoch ms. */
  expiresAt: number;
}

/** Shortest length a JWT-shaped token can take: header, the standard claims and an RS256-sized signature. */
export const minJwtLength = 1_024;
/** Longest: keycard refuses access tokens over 64 kB. */
export const maxJwtLength = 64 * 1024;

const base64url = (bytes: Uint8Array) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const encode = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));
const randomBytes = (count: number) => crypto.getRandomValues(new Uint8Array(count));

/**
 * A token that looks like an identity provider's JWT (three base64url parts, RS256-sized signature),
 * `length` characters long (one more where base64url has no string of that length, more when the
 * claims alone are longer): group claims fill it, as they fill real tokens. The signature is random: the sandbox knows its tokens by their
 * whole text and verifies nothing else.
 */
export function jwtShapedToken(claims: JwtClaims, length: number): string {
  const header = encode({ alg: 'RS256', typ: 'JWT', kid: 'sandbox-1' });
  const signature = base64url(randomBytes(256));
  const payload = {
    iss: claims.issuer,
    sub: claims.subject,
    client_id: claims.subject,
    scope: claims.scopes.join(' '),
    iat: Math.floor(claims.issuedAt / 1000),
    nbf: Math.floor(claims.issuedAt / 1000),
    exp: Math.ceil(claims.expiresAt / 1000),
    jti: base64url(randomBytes(12)),
    groups: [] as string[],
    pad: '',
  };
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
  // Unpadded base64url turns n bytes into ⌈4n/3⌉ characters: the payload needs this many bytes.
  const payloadBytes = Math.ceil(((length - header.length - signature.length - 2) * 3) / 4);
  // Each group claim takes 22 bytes of JSON; a last claim makes up the rest.
  const groups = Math.max(0, Math.floor((payloadBytes - bytes(payload) - 8) / 22));
  for (let group = 1; group <= groups; group += 1) payload.groups.push(`sandbox-group-${String(group).padStart(5, '0')}`);
  payload.pad = 'x'.repeat(Math.max(0, payloadBytes - bytes(payload)));
  return `${header}.${encode(payload)}.${signature}`;
}
