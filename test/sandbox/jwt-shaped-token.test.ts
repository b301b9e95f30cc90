import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RyvnClient } from '../../src/apis/ryvn/index';
import { ScrydonClient } from '../../src/apis/scrydon/index';
import { createSandbox, SandboxControl, startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { jwtShapedToken } from '../../src/sandbox/jwt-shaped-token';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A `fetch` that records the Authorization header of every request it sends. */
function recordingFetch() {
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    const authorization = request.headers.get('authorization');
    if (authorization?.startsWith('Bearer ')) sent.push(authorization.slice('Bearer '.length));
    return globalThis.fetch(request);
  };
  return { fetch, sent };
}

describe('JWT-shaped tokens', () => {
  test.each([1_024, 2_048, 4_096, 65_536])('a %i-character token has three base64url parts and readable claims', (length) => {
    const token = jwtShapedToken({ issuer: 'https://ryvn.sandbox', subject: 'svc', scopes: ['a:read'], issuedAt: 1_000_000, expiresAt: 4_600_000 }, length);
    expect(token.length - length).toBeGreaterThanOrEqual(0);
    expect(token.length - length).toBeLessThanOrEqual(1);
    const [header, payload, signature] = token.split('.');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decode(header!)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(decode(payload!)).toMatchObject({ iss: 'https://ryvn.sandbox', sub: 'svc', scope: 'a:read', iat: 1_000, exp: 4_600 });
    expect(Buffer.from(signature!, 'base64url')).toHaveLength(256);
  });

  test('tokenFormat jwt makes the sandbox issue JWT-sized tokens that it accepts, and reset() keeps the format', () => {
    const { control } = createSandbox({ tokenFormat: 'jwt', jwtLength: 3_000 });
    control.reset();
    const { token } = control.issueToken('scrydon', 'sa_sandbox', ['logs:read']);
    expect(token.length).toBeGreaterThanOrEqual(3_000);
    expect(token.split('.')).toHaveLength(3);
    expect(control.verifyToken('scrydon', token)).toHaveProperty('record');
    expect(control.verifyToken('scrydon', token.slice(0, 500))).toEqual({ reason: 'unknown' });
  });

  test('the control surface switches the token shape, and refuses a length it cannot issue', () => {
    const control = new SandboxControl();
    expect(control.issueToken('ryvn', 'ryvn-sandbox-client', []).token).toMatch(/^ryvn_at_[0-9a-f]{32}$/);
    control.setTokenShape({ tokenFormat: 'jwt' });
    expect(control.tokenShape()).toEqual({ tokenFormat: 'jwt', jwtLength: 2_048 });
    expect(control.issueToken('ryvn', 'ryvn-sandbox-client', []).token.length).toBeGreaterThanOrEqual(2_048);
    expect(() => control.setTokenShape({ jwtLength: 100 })).toThrow(/jwtLength must be a whole number from 1024 to 65536/);
    expect(() => control.setTokenShape({ tokenFormat: 'jwe' as 'jwt' })).toThrow(/tokenFormat must be 'opaque' or 'jwt'/);
  });
});

// Real HTTP on 127.0.0.1, so no msw in this file: it would intercept the loopback requests.
describe('JWT-sized tokens over the loopback sandbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ tokenFormat: 'jwt', jwtLength: 4_096 });
  });
  afterAll(() => sandbox.stop());

  test('Ryvn is sent its 4 kB token whole', async () => {
    const { clientId, clientSecret, orgId } = sandbox.credentials.ryvn;
    const recording = recordingFetch();
    const ryvn = new RyvnClient({ clientId, clientSecret, orgId, apiUrl: sandbox.urls.ryvnApi, authUrl: sandbox.urls.ryvnAuth, fetch: recording.fetch });
    const [organization] = await ryvn.listOrganizations();
    expect(organization?.id).toBe(orgId);
    await ryvn.listOrganizations();
    expect(recording.sent).toHaveLength(2);
    expect(recording.sent[0]!.length).toBeGreaterThanOrEqual(4_096);
    expect(sandbox.control.counts('ryvn')).toMatchObject({ tokenExchanges: 1, requests: 2, rejected: 0 });
  });

  test('Scrydon is sent its 4 kB token whole', async () => {
    const { scrydon } = sandbox.credentials;
    const recording = recordingFetch();
    const client = new ScrydonClient({
      baseUrl: sandbox.urls.scrydon,
      authUrl: sandbox.urls.scrydonAuth,
      clientId: scrydon.clientId,
      clientSecret: scrydon.clientSecret,
      scopes: ['workflows:write', 'logs:read'],
      environmentId: scrydon.environmentId,
      fetch: recording.fetch,
    });
    expect(await client.whoami()).toMatchObject({ clientId: scrydon.clientId });
    await client.listWorkflows();
    expect(recording.sent).toHaveLength(2);
    expect(recording.sent[0]!.length).toBeGreaterThanOrEqual(4_096);
    expect(sandbox.control.counts('scrydon')).toMatchObject({ tokenExchanges: 1, requests: 2, rejected: 0 });
  });
});
