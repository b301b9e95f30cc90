import { describe, expect, test } from 'vitest';
import { InsufficientScopeError, RyvionClient } from '../../../src/apis/ryvion/index';
import { useRyvionSandbox } from './ryvion-test-kit';

const { control, keys } = useRyvionSandbox();

describe('receipts', () => {
  test('every named method surfaces its receipt as receiptCid, and the receipt verifies', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const kb = await ryvion.createKnowledgeBase('audited', { jurisdiction: 'DE' });
    const results = [await ryvion.me(), kb, await ryvion.listKnowledgeBases(), await ryvion.searchKnowledgeBase(kb.id, 'x')];
    const cids = results.map((result) => result.receiptCid);
    for (const cid of cids) expect(cid).toMatch(/^ryv1:sha256:[0-9a-f]{64}$/);
    expect(new Set(cids).size).toBe(cids.length);
    const receipt = await ryvion.getReceipt(kb.receiptCid!);
    expect(receipt).toMatchObject({ cid: kb.receiptCid, node: 'n_de_sandbox_01', model: null, signature: expect.stringMatching(/^ed25519:/), verified: true });
  });

  test('receiptCid is an ordinary field next to the body, and the response stays reachable', async () => {
    const { data, response } = await new RyvionClient({ apiKey: keys.apiKey }).me().withResponse();
    expect(data.receiptCid).toBe(response.headers.get('x-ryvion-receipt-cid'));
    expect(JSON.parse(JSON.stringify(data))).toHaveProperty('receiptCid', data.receiptCid);
  });

  test('receipts are public: a client whose key was deactivated still reads them', async () => {
    const { receiptCid } = await new RyvionClient({ apiKey: keys.apiKey }).listModels();
    control.deactivateKey('ryvion', keys.writeOnlyKey);
    expect(await new RyvionClient({ apiKey: keys.writeOnlyKey }).getReceipt(receiptCid!)).toMatchObject({ verified: true });
  });
});

describe('account and keys', () => {
  test('me() tells each key its scopes', async () => {
    for (const [apiKey, scope] of [
      [keys.apiKey, 'buyer'],
      [keys.readOnlyKey, 'read-only'],
      [keys.writeOnlyKey, 'write-only'],
    ] as const) {
      expect(await new RyvionClient({ apiKey }).me()).toMatchObject({ id: 'acct_sandbox', scopes: [scope] });
    }
  });

  test('a created key is shown once, works at once, and is listed without its value', async () => {
    const ryvion = new RyvionClient({ apiKey: keys.apiKey });
    const created = await ryvion.createApiKey('deploy-bot');
    expect(created).toMatchObject({ name: 'deploy-bot', scopes: ['buyer'], key: expect.stringMatching(/^ryv_/) });
    expect(await new RyvionClient({ apiKey: created.key }).me()).toMatchObject({ scopes: ['buyer'] });
    const { api_keys: listed } = await ryvion.listApiKeys();
    expect(listed.find((key) => key.id === created.id)).toMatchObject({ name: 'deploy-bot', prefix: created.key.slice(0, 8) + '…' });
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  test('only a buyer key manages keys', async () => {
    const readOnly = new RyvionClient({ apiKey: keys.readOnlyKey });
    await expect(readOnly.createApiKey('nope')).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(readOnly.listApiKeys()).rejects.toBeInstanceOf(InsufficientScopeError);
    expect(control.keys('ryvion')).toHaveLength(3);
  });
});
