import { describe, expect, test } from 'vitest';
import { credentialLabel, defaultCredentials, SandboxControl } from '../../src/sandbox/index';

describe('SandboxControl', () => {
  test('tokens expire on the sandbox clock, which can be moved without touching the real one', () => {
    const control = new SandboxControl();
    control.setTokenLifetime('scrydon', 60);
    const { token, expiresIn } = control.issueToken('scrydon', 'sa_sandbox', ['logs:read']);
    expect(expiresIn).toBe(60);
    expect(control.verifyToken('scrydon', token)).toMatchObject({ record: { clientId: 'sa_sandbox', scopes: ['logs:read'] } });
    expect(control.verifyToken('ryvn', token)).toEqual({ reason: 'unknown' });
    control.advanceClock(60_000);
    expect(control.verifyToken('scrydon', token)).toEqual({ reason: 'expired' });
    expect(control.counts('scrydon')).toMatchObject({ tokenExchanges: 1, expiredTokenUses: 1 });
  });

  test('rotating a secret replaces it at once; disabling keeps issued tokens; deleting ends them', () => {
    const control = new SandboxControl();
    const before = control.oauthClient('ryvn', defaultCredentials.ryvn.clientId)!.secret;
    const rotated = control.rotateSecret('ryvn');
    expect(rotated).not.toBe(before);
    expect(control.oauthClient('ryvn', defaultCredentials.ryvn.clientId)?.secret).toBe(rotated);

    const { token } = control.issueToken('ryvn', defaultCredentials.ryvn.clientId, []);
    control.disableAccount('ryvn');
    expect(control.oauthClient('ryvn', defaultCredentials.ryvn.clientId)?.disabled).toBe(true);
    expect(control.verifyToken('ryvn', token)).toHaveProperty('record');
    control.deleteAccount('ryvn');
    expect(control.verifyToken('ryvn', token)).toEqual({ reason: 'unknown' });
    expect(() => control.rotateSecret('ryvn')).toThrow(/no client/);
  });

  test('keys can be deactivated and revoked; unknown keys are not confused across APIs', () => {
    const control = new SandboxControl();
    control.deactivateKey('rynko');
    expect(control.key('rynko', defaultCredentials.rynko.apiKey)?.status).toBe('deactivated');
    control.revokeKey('ryvion', defaultCredentials.ryvion.readOnlyKey);
    expect(control.key('ryvion', defaultCredentials.ryvion.readOnlyKey)?.status).toBe('revoked');
    expect(control.key('rivery', defaultCredentials.rynko.apiKey)).toBeUndefined();
  });

  test('faults apply to as many matching requests as asked, API and token endpoint apart', () => {
    const control = new SandboxControl();
    control.inject('rynko', { status: 503, times: 2, path: '/jobs' });
    control.inject('scrydon', { status: 500, tokenEndpoint: true });
    expect(control.takeFault('rynko', '/api/v1/templates', false)).toBeUndefined();
    expect(control.takeFault('rynko', '/api/v1/documents/jobs/1', false)?.status).toBe(503);
    expect(control.takeFault('rynko', '/api/v1/documents/jobs/1', false)?.status).toBe(503);
    expect(control.takeFault('rynko', '/api/v1/documents/jobs/1', false)).toBeUndefined();
    expect(control.takeFault('scrydon', '/api/v1/workflows', false)).toBeUndefined();
    expect(control.takeFault('scrydon', '/api/auth/oauth2/token', true)?.status).toBe(500);
    expect(control.counts('rynko').faults).toBe(2);
  });

  test('a fault injected with times: 0 applies to no request; a count of requests that is no whole number is refused', () => {
    const control = new SandboxControl();
    control.inject('ryvn', { status: 500, times: 0 });
    expect(control.takeFault('ryvn', '/v1/orgs', false)).toBeUndefined();
    expect(control.counts('ryvn').faults).toBe(0);
    for (const times of [-1, 1.5, Number.NaN]) expect(() => control.inject('ryvn', { status: 500, times })).toThrow(/times must be a whole number/);
    control.inject('ryvn', { status: 500, times: Infinity });
    for (let request = 0; request < 3; request += 1) expect(control.takeFault('ryvn', '/v1/orgs', false)?.status).toBe(500);
  });

  test('counts requests per credential without storing the credential whole', () => {
    const control = new SandboxControl();
    control.countRequest('ryvion', 'ryv_abcdefghijklmnop');
    control.countRequest('ryvion', 'ryv_abcdefghijklmnop');
    control.countRequest('ryvion', undefined);
    expect(credentialLabel('ryv_abcdefghijklmnop')).toMatch(/^ryv_ab…[0-9a-f]{8}$/);
    expect(control.counts('ryvion')).toEqual(expect.objectContaining({ requests: 3, byCredential: { [credentialLabel('ryv_abcdefghijklmnop')]: 2 } }));
    expect(JSON.stringify(control.totals())).not.toContain('ryv_abcdefghijklmnop');
  });

  test('credentials that share their first and last characters are counted apart', () => {
    const control = new SandboxControl();
    const { apiKey, readOnlyKey, writeOnlyKey } = defaultCredentials.ryvion; // all ryv_sa…_key
    for (const key of [apiKey, readOnlyKey, readOnlyKey, writeOnlyKey, writeOnlyKey, writeOnlyKey]) control.countRequest('ryvion', key);
    expect(Object.values(control.counts('ryvion').byCredential).sort()).toEqual([1, 2, 3]);
  });

  test('a short credential is masked too, never stored whole', () => {
    const control = new SandboxControl();
    for (const credential of ['tok_abc12345', 'ab']) control.countRequest('rivery', credential);
    const totals = JSON.stringify(control.totals());
    expect(totals).not.toContain('tok_abc12345');
    expect(Object.keys(control.counts('rivery').byCredential)).toEqual([credentialLabel('tok_abc12345'), credentialLabel('ab')]);
    expect(credentialLabel('ab')).toMatch(/^a…[0-9a-f]{8}$/);
  });

  test('counters read before reset() stay live: reset zeroes them in place', () => {
    const control = new SandboxControl();
    const counts = control.counts('ryvn');
    control.countRequest('ryvn', 'ryvn_at_before');
    control.reset();
    expect(counts).toEqual({ tokenExchanges: 0, requests: 0, rejected: 0, expiredTokenUses: 0, faults: 0, byCredential: {} });
    control.countRequest('ryvn', 'ryvn_at_after');
    expect(counts).toMatchObject({ requests: 1, byCredential: { [credentialLabel('ryvn_at_after')]: 1 } });
    expect(control.counts('ryvn')).toBe(counts);
  });

  test('a request with an expired key is counted as an expired token use', () => {
    const control = new SandboxControl();
    control.addKey('rynko', 'fm_expiring', [], { expiresAt: control.now() + 1_000 });
    const record = control.key('rynko', 'fm_expiring')!;
    expect(control.keyExpired(record)).toBe(false);
    control.advanceClock(1_000);
    expect(control.keyExpired(record)).toBe(true);
    expect(control.keyExpired(control.key('rynko', defaultCredentials.rynko.apiKey)!)).toBe(false);
    expect(control.counts('rynko').expiredTokenUses).toBe(1);
  });

  test('reset returns to the defaults', () => {
    const control = new SandboxControl();
    const runs = control.scoped('rivery:runs', () => new Map<string, string>());
    runs.set('run', 'R');
    expect(control.scoped('rivery:runs', () => new Map())).toBe(runs);
    control.advanceClock(1_000_000);
    control.rotateSecret('scrydon');
    control.inject('ryvn', { status: 500 });
    control.reset();
    expect(Math.abs(control.now() - Date.now())).toBeLessThan(1_000);
    expect(control.oauthClient('scrydon', 'sa_sandbox')?.secret).toBe(defaultCredentials.scrydon.clientSecret);
    expect(control.takeFault('ryvn', '/v1/orgs', false)).toBeUndefined();
    expect(control.scoped('rivery:runs', () => new Map()).size).toBe(0);
  });
});
