import { afterAll, beforeAll, expect, test } from 'vitest';
import { RyvnClient } from '../../../src/apis/ryvn/index';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index';

// Real HTTP on 127.0.0.1, so no msw in this file: it would intercept the loopback requests.
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

test('the client runs over real HTTP against the served sandbox, with one token exchange', async () => {
  const { clientId, clientSecret, orgId } = sandbox.credentials.ryvn;
  const ryvn = new RyvnClient({ clientId, clientSecret, orgId, apiUrl: sandbox.urls.ryvnApi, authUrl: sandbox.urls.ryvnAuth });
  expect(sandbox.urls.ryvnApi).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ryvn$/);

  const [organization] = await ryvn.listOrganizations();
  expect(organization?.id).toBe(orgId);
  const secret = await ryvn.updateSecret('app-secrets', { add: { FROM_LOOPBACK: 'yes' } });
  expect(secret.keys).toContain('FROM_LOOPBACK');
  await expect(ryvn.getService('nope')).rejects.toMatchObject({ name: 'NotFoundError', code: 'not_found' });
  expect(sandbox.control.counts('ryvn')).toMatchObject({ tokenExchanges: 1, requests: 3 });
});
