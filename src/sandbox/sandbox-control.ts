import { randomHex } from './emulator-kit';
import { emulatorOf, emulators, type KeyApi, type OAuthApi, type SandboxApi } from './emulators';
import { jwtShapedToken, maxJwtLength, minJwtLength } from './jwt-shaped-token';

export { defaultCredentials } from './emulators';
export type { KeyApi, OAuthApi, SandboxApi } from './emulators';

/** A failure to inject into the next matching requests of an API. */
export interface Fault {
  /** Status to answer with; omit to only add latency. */
  status?: number;
  /** How many requests it applies to: a whole number, `0` for none, `Infinity` for every one. @default 1 */
  times?: number;
  /** Only requests whose path contains this. */
  path?: string;
  /** Response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** Response body; the API's usual error body when omitted. */
  body?: unknown;
  /** Delay before answering, in ms. */
  latencyMs?: number;
  /** Apply to token requests instead of API requests. @default false */
  tokenEndpoint?: boolean;
}

/** What an API has seen. */
export interface ApiCounts {
  tokenExchanges: number;
  requests: number;
  /** Requests answered 401. */
  rejected: number;
  /** Requests that carried a token or key past its expiry. */
  expiredTokenUses: number;
  /** Requests answered by an injected fault. */
  faults: number;
  /** Requests per credential, under its masked label (see `credentialLabel`). */
  byCredential: Record<string, number>;
}

export interface OAuthClientRecord {
  secret: string;
  scopes: string[];
  disabled: boolean;
}

/** A token the sandbox issued: whose it is, its scopes, and when it was issued and expires (sandbox clock, ms). */
export interface TokenRecord {
  api: OAuthApi;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}

/** An API key the sandbox knows: its permissions, whether it still works, and its expiry if any. */
export interface KeyRecord {
  api: KeyApi;
  /** Scopes or permissions the key carries. */
  permissions: string[];
  status: 'active' | 'deactivated' | 'revoked';
  /** Expiry (sandbox clock, ms), if the key has one. */
  expiresAt?: number;
  name?: string;
}

/** How the sandbox's access tokens look. */
export interface TokenShape {
  /**
   * `opaque`: short random strings, as Ryvn and Scrydon issue. `jwt`: three-part base64url tokens of
   * `jwtLength` characters, as identity providers (Azure AD, Auth0, Keycloak) issue. @default 'opaque'
   */
  tokenFormat?: 'opaque' | 'jwt';
  /** Length of a `jwt` token in characters, from 1 024 to 65 536 (real ones run 1–4 kB). @default 2_048 */
  jwtLength?: number;
}

const apis: SandboxApi[] = emulators.map((emulator) => emulator.name);
/** Each OAuth API's token lifetime until `setTokenLifetime()` changes it, in seconds. */
const defaultLifetimes = (): Record<OAuthApi, number> =>
  Object.fromEntries(emulators.flatMap((emulator) => (emulator.auth === 'oauth' ? [[emulator.name, emulator.tokenLifetimeSec]] : []))) as Record<OAuthApi, number>;
const emptyCounts = (): ApiCounts => ({ tokenExchanges: 0, requests: 0, rejected: 0, expiredTokenUses: 0, faults: 0, byCredential: {} });
/** FNV-1a (32 bits) over the UTF-16 code units of a string, in hex: tells credentials apart, and is no secret hash. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The label a credential is counted under in `byCredential`: its first characters (at most 6, and
 * never more than half of it), then `…` and a hash of the whole credential, so that keys sharing a
 * prefix are told apart and no credential is stored whole, e.g. `ryv_sa…6fa3c656` for `ryv_sandbox_buyer_key`.
 */
export const credentialLabel = (credential: string): string =>
  `${credential.slice(0, Math.min(6, Math.floor(credential.length / 2)))}…${fnv1a(credential)}`;

const randomId = (bytes = 16) => randomHex(bytes);

/**
 * The sandbox's state and its control surface: a clock, the accounts and keys, issued tokens,
 * injected faults and counters. One instance serves every emulated API; each emulator seeds its own
 * accounts and keys (see `emulators`).
 */
export class SandboxControl {
  #offsetMs = 0;
  #lifetimes: Record<OAuthApi, number> = defaultLifetimes();
  #tokenShape: Required<TokenShape> = { tokenFormat: 'opaque', jwtLength: 2_048 };
  readonly #clients = new Map<string, OAuthClientRecord>();
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #keys = new Map<string, KeyRecord>();
  readonly #faults = new Map<SandboxApi, (Fault & { remaining: number })[]>();
  /** Kept across `reset()`, which zeroes them in place: the objects `counts(api)` returns stay live. */
  readonly #counts = new Map<SandboxApi, ApiCounts>(apis.map((api) => [api, emptyCounts()]));
  readonly #scoped = new Map<string, unknown>();

  constructor(shape: TokenShape = {}) {
    this.setTokenShape(shape);
    this.reset();
  }

  /** Forgets everything: accounts, tokens, keys, faults, counters and clock offset return to the defaults. */
  reset(): void {
    this.#offsetMs = 0;
    this.#lifetimes = defaultLifetimes();
    this.#clients.clear();
    this.#tokens.clear();
    this.#keys.clear();
    this.#faults.clear();
    this.#scoped.clear();
    for (const counts of this.#counts.values()) {
      const { byCredential } = counts;
      for (const label of Object.keys(byCredential)) delete byCredential[label];
      Object.assign(counts, emptyCounts(), { byCredential });
    }
    for (const emulator of emulators) emulator.seed(this);
  }

  /**
   * State an emulator keeps beside the shared one (runs, jobs, documents), created on first use and
   * dropped by `reset()`.
   */
  scoped<T>(name: string, create: () => T): T {
    if (!this.#scoped.has(name)) this.#scoped.set(name, create());
    return this.#scoped.get(name) as T;
  }

  // ── clock ────────────────────────────────────────────────────────────────

  /** The sandbox's clock (ms since the epoch): the real clock plus any offset set by `advanceClock`. */
  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Moves the sandbox's clock forward (tokens expire, jobs advance) without touching the client's. */
  advanceClock(ms: number): void {
    this.#offsetMs += ms;
  }

  // ── OAuth accounts and tokens ────────────────────────────────────────────

  /** Lifetime, in seconds, of the tokens an API issues from now on. */
  tokenLifetime(api: OAuthApi): number {
    return this.#lifetimes[api];
  }

  /** Sets the lifetime, in seconds, of the tokens an API issues from now on. */
  setTokenLifetime(api: OAuthApi, seconds: number): void {
    this.#lifetimes[api] = seconds;
  }

  /** An OAuth client (service user, service account), if it exists. */
  oauthClient(api: OAuthApi, clientId: string): OAuthClientRecord | undefined {
    return this.#clients.get(`${api}:${clientId}`);
  }

  /** Creates or replaces an OAuth client. */
  addOAuthClient(api: OAuthApi, clientId: string, secret: string, scopes: string[] = []): void {
    this.#clients.set(`${api}:${clientId}`, { secret, scopes, disabled: false });
  }

  /** Gives a client a new secret, returned; the old one stops working at once. */
  rotateSecret(api: OAuthApi, clientId: string = emulatorOf(api).defaultClientId): string {
    const client = this.#require(api, clientId);
    client.secret = `${api}-secret-${randomId(8)}`;
    return client.secret;
  }

  /** Disables a client: no new tokens; tokens already issued live out their lifetime. */
  disableAccount(api: OAuthApi, clientId: string = emulatorOf(api).defaultClientId): void {
    this.#require(api, clientId).disabled = true;
  }

  /** Enables a disabled client again: it gets tokens at its next exchange. */
  enableAccount(api: OAuthApi, clientId: string = emulatorOf(api).defaultClientId): void {
    this.#require(api, clientId).disabled = false;
  }

  /** Deletes a client for good; its tokens stop working too. */
  deleteAccount(api: OAuthApi, clientId: string = emulatorOf(api).defaultClientId): void {
    this.#clients.delete(`${api}:${clientId}`);
    for (const [token, record] of this.#tokens) if (record.api === api && record.clientId === clientId) this.#tokens.delete(token);
  }

  /** Changes the scopes an OAuth client was granted. */
  grantScopes(api: OAuthApi, scopes: string[], clientId: string = emulatorOf(api).defaultClientId): void {
    this.#require(api, clientId).scopes = [...scopes];
  }

  /** How tokens look from now on. Part of how the sandbox was set up, so `reset()` keeps it. */
  setTokenShape(shape: TokenShape): void {
    const { tokenFormat = this.#tokenShape.tokenFormat, jwtLength = this.#tokenShape.jwtLength } = shape;
    if (tokenFormat !== 'opaque' && tokenFormat !== 'jwt') throw new RangeError(`tokenFormat must be 'opaque' or 'jwt', not ${String(tokenFormat)}`);
    if (!Number.isInteger(jwtLength) || jwtLength < minJwtLength || jwtLength > maxJwtLength) {
      throw new RangeError(`jwtLength must be a whole number from ${minJwtLength} to ${maxJwtLength}, not ${jwtLength}`);
    }
    this.#tokenShape = { tokenFormat, jwtLength };
  }

  /** How tokens look. */
  tokenShape(): Required<TokenShape> {
    return { ...this.#tokenShape };
  }

  /** Issues a token, opaque or JWT-shaped (see `setTokenShape`), and counts the exchange. */
  issueToken(api: OAuthApi, clientId: string, scopes: string[]): { token: string; expiresIn: number } {
    const expiresIn = this.#lifetimes[api];
    const issuedAt = this.now();
    const token =
      this.#tokenShape.tokenFormat === 'jwt'
        ? jwtShapedToken({ issuer: `https://${api}.sandbox`, subject: clientId, scopes, issuedAt, expiresAt: issuedAt + expiresIn * 1000 }, this.#tokenShape.jwtLength)
        : `${api}_at_${randomId()}`;
    this.#tokens.set(token, { api, clientId, scopes, issuedAt, expiresAt: issuedAt + expiresIn * 1000 });
    this.counts(api).tokenExchanges += 1;
    return { token, expiresIn };
  }

  /**
   * Looks a bearer token up: its record, or why it is not valid. A request that carries an expired
   * token is counted; pass `{ count: false }` for lookups that only ask about a token (introspection).
   */
  verifyToken(api: OAuthApi, token: string, options: { count?: boolean } = {}): { record: TokenRecord } | { reason: 'unknown' | 'expired' } {
    const record = this.#tokens.get(token);
    if (record === undefined || record.api !== api) return { reason: 'unknown' };
    if (this.now() >= record.expiresAt) {
      if (options.count ?? true) this.counts(api).expiredTokenUses += 1;
      return { reason: 'expired' };
    }
    return { record };
  }

  /** Revokes every token an API issued (all, or one client's). */
  revokeTokens(api: OAuthApi, clientId?: string): void {
    for (const [token, record] of this.#tokens) {
      if (record.api === api && (clientId === undefined || record.clientId === clientId)) this.#tokens.delete(token);
    }
  }

  // ── API keys ─────────────────────────────────────────────────────────────

  /** Creates a key with the given scopes or permissions. */
  addKey(api: KeyApi, key: string, permissions: string[], options: { expiresAt?: number; name?: string } = {}): void {
    this.#keys.set(key, { api, permissions, status: 'active', ...options });
  }

  /** A key's record, if the API knows it. */
  key(api: KeyApi, key: string): KeyRecord | undefined {
    const record = this.#keys.get(key);
    return record?.api === api ? record : undefined;
  }

  /** Every key an API knows. */
  keys(api: KeyApi): [string, KeyRecord][] {
    return [...this.#keys].filter(([, record]) => record.api === api);
  }

  /** Deactivates a key (it exists, but is refused). */
  deactivateKey(api: KeyApi, key: string = this.#defaultKey(api)): void {
    this.#requireKey(api, key).status = 'deactivated';
  }

  /**
   * Whether a key is past its expiry on the sandbox clock. A request that carries an expired key is
   * counted (`expiredTokenUses`), as `verifyToken` counts expired tokens.
   */
  keyExpired(record: KeyRecord): boolean {
    if (record.expiresAt === undefined || this.now() < record.expiresAt) return false;
    this.counts(record.api).expiredTokenUses += 1;
    return true;
  }

  /** Revokes a key (as if deleted). */
  revokeKey(api: KeyApi, key: string = this.#defaultKey(api)): void {
    this.#requireKey(api, key).status = 'revoked';
  }

  // ── faults ───────────────────────────────────────────────────────────────

  /** Makes the next matching request(s) of an API fail (or wait) as described; `times: 0` applies to none. */
  inject(api: SandboxApi, fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(Number.isInteger(times) || times === Infinity) || times < 0) {
      throw new RangeError(`inject(${api}): times must be a whole number of requests (0 or more, or Infinity), not ${times}`);
    }
    if (times === 0) return;
    const queue = this.#faults.get(api) ?? [];
    queue.push({ ...fault, remaining: times });
    this.#faults.set(api, queue);
  }

  /** Takes the fault that applies to this request, if any. */
  takeFault(api: SandboxApi, path: string, tokenEndpoint: boolean): Fault | undefined {
    const queue = this.#faults.get(api);
    const index = queue?.findIndex((fault) => (fault.tokenEndpoint ?? false) === tokenEndpoint && (fault.path === undefined || path.includes(fault.path))) ?? -1;
    if (queue === undefined || index < 0) return undefined;
    const fault = queue[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) queue.splice(index, 1);
    if (fault.status !== undefined) this.counts(api).faults += 1;
    return fault;
  }

  // ── counters ─────────────────────────────────────────────────────────────

  /** The live counters of an API. */
  counts(api: SandboxApi): ApiCounts {
    return this.#counts.get(api)!;
  }

  /** Counters of every API, as a snapshot. */
  totals(): Record<SandboxApi, ApiCounts> {
    return Object.fromEntries(apis.map((api) => [api, structuredClone(this.counts(api))])) as Record<SandboxApi, ApiCounts>;
  }

  /** Counts a request and the credential it carried, under its `credentialLabel` (never stored whole). */
  countRequest(api: SandboxApi, credential: string | undefined): void {
    const counts = this.counts(api);
    counts.requests += 1;
    if (credential) {
      const label = credentialLabel(credential);
      counts.byCredential[label] = (counts.byCredential[label] ?? 0) + 1;
    }
  }

  #require(api: OAuthApi, clientId: string): OAuthClientRecord {
    const client = this.oauthClient(api, clientId);
    if (client === undefined) throw new Error(`The ${api} sandbox has no client ${clientId}`);
    return client;
  }

  #requireKey(api: KeyApi, key: string): KeyRecord {
    const record = this.key(api, key);
    if (record === undefined) throw new Error(`The ${api} sandbox has no such key`);
    return record;
  }

  #defaultKey(api: KeyApi): string {
    return emulatorOf(api).defaultKey;
  }
}
