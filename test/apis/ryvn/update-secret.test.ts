import { describe, expect, test } from 'vitest';
import { ConfigurationError, NotFoundError, PermissionDeniedError, RyvnClient, ServerError, type SecretChanges } from '../../../src/apis/ryvn/index';
import { ryvnViewerRole } from '../../../src/sandbox/ryvn/ryvn-emulator';
import { ryvnState } from '../../../src/sandbox/ryvn/ryvn-state';
import { useSandbox } from '../../helpers/use-sandbox';

const { sandbox, control } = useSandbox();
const { clientId, clientSecret, orgId } = sandbox.credentials.ryvn;

const ryvn = () => new RyvnClient({ clientId, clientSecret, orgId });
const stored = (key: string) => ryvnState(control).secrets.get('app-secrets')?.values.get(key);

describe('updateSecret', () => {
  test('sets and deletes keys and resolves to the metadata, without values', async () => {
    const secret = await ryvn().updateSecret('app-secrets', { add: { STRIPE_KEY: 'sk_sandbox_123456' }, remove: ['SESSION_KEY'] });
    expect(secret).toMatchObject({ name: 'app-secrets', version: 4, keys: ['DATABASE_URL', 'STRIPE_KEY'] });
    expect(JSON.stringify(secret)).not.toContain('sk_sandbox_123456');
    expect(stored('STRIPE_KEY')).toBe('sk_sandbox_123456');
    expect(stored('SESSION_KEY')).toBeUndefined();
  });

  test('add alone or remove alone is enough: the other is sent empty, as Ryvn requires both', async () => {
    const client = ryvn();
    expect((await client.updateSecret('app-secrets', { add: { A: '1' } })).keys).toContain('A');
    expect((await client.updateSecret('app-secrets', { remove: ['A'] })).keys).not.toContain('A');
  });

  test('a name of exactly 63 characters is sent', async () => {
    await expect(ryvn().updateSecret('s'.repeat(63), { add: { A: '1' } })).rejects.toBeInstanceOf(NotFoundError);
    expect(control.counts('ryvn').requests).toBe(1);
  });

  test('an unknown secret is a NotFoundError with Ryvn’s code and request id', async () => {
    const error = await ryvn().updateSecret('missing', { remove: ['A'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', requestId: expect.stringMatching(/^req_/) });
  });

  test('a read-only service user gets a PermissionDeniedError', async () => {
    control.addOAuthClient('ryvn', 'viewer', 'viewer-secret', [ryvnViewerRole]);
    const viewer = new RyvnClient({ clientId: 'viewer', clientSecret: 'viewer-secret', orgId });
    await expect(viewer.updateSecret('app-secrets', { add: { A: '1' } })).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(stored('A')).toBeUndefined();
  });

  test('a 503 on the PATCH is not resent, as it carries no Idempotency-Key', async () => {
    control.inject('ryvn', { status: 503, path: '/secrets/' });
    await expect(ryvn().updateSecret('app-secrets', { add: { A: '1' } })).rejects.toBeInstanceOf(ServerError);
    expect(control.counts('ryvn').requests).toBe(1);
  });
});

describe('updateSecret checks its input before sending anything', () => {
  test.each<[string, string, unknown, unknown, RegExp]>([
    ['a name over 63 characters', 'name', 'x'.repeat(64), { add: { A: '1' } }, /at most 63 characters, got 64/],
    ['an empty name', 'name', '', { add: { A: '1' } }, /needs the secret's name/],
    ['a key both added and removed', 'remove', 'app-secrets', { add: { A: '1', B: '2' }, remove: ['B'] }, /`B` is also in `add`; a key may be added or removed, not both/],
    ['changes that are not an object', 'changes', 'app-secrets', ['A'], /must be an object/],
    ['add that is not an object', 'add', 'app-secrets', { add: 'A=1' }, /must be an object of key → value strings/],
    ['a value that is not a string', 'add.PIN', 'app-secrets', { add: { PIN: 918273 } }, /must be a string, got number/],
    ['remove that is not an array', 'remove', 'app-secrets', { remove: 'A' }, /must be an array of keys/],
    ['an empty key to remove', 'remove[1]', 'app-secrets', { remove: ['A', ''] }, /must be a non-empty key/],
    ['a mistyped field', 'removes', 'app-secrets', { removes: ['A'] }, /did you mean `remove`/],
  ])('%s', async (_case, option, name, changes, message) => {
    const error = await ryvn()
      .updateSecret(name as string, changes as SecretChanges)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option, message: expect.stringMatching(message) });
    expect(control.counts('ryvn')).toMatchObject({ requests: 0, tokenExchanges: 0 });
  });

  test('values never appear in the error, even when given as numbers', async () => {
    const error = await ryvn()
      .updateSecret('app-secrets', { add: { PIN: 918273 } } as unknown as SecretChanges)
      .catch((caught: unknown) => caught);
    expect(JSON.stringify(error) + String(error)).not.toContain('918273');
  });
});
