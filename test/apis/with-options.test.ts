// `withOptions()` on the built-in clients: the derived client is of the same class, so its named
// methods are there, they carry the changed options, and it shares the original's credentials,
// token cache, defaults and counters.
import { describe, expect, test } from 'vitest';
import { RiveryClient } from '../../src/apis/rivery/index';
import { RynkoClient } from '../../src/apis/rynko/index';
import { RyvionClient } from '../../src/apis/ryvion/index';
import { RyvnClient } from '../../src/apis/ryvn/index';
import { ScrydonClient } from '../../src/apis/scrydon/index';
import { useSandbox } from '../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox();
const { ryvn, ryvion, rivery, rynko, scrydon } = sandbox.credentials;
const traced = { headers: { 'x-trace': 'derived' } };

/** The `x-trace` header and path of every request that reaches the sandbox from here on. */
function watch() {
  const seen: { path: string; trace: string | null }[] = [];
  server.events.on('request:start', ({ request }) => {
    seen.push({ path: new URL(request.url).pathname, trace: request.headers.get('x-trace') });
  });
  return seen;
}

describe('withOptions() keeps the client class', () => {
  test('RyvnClient: named methods with the new headers, the same token and the same default organization', async () => {
    const original = new RyvnClient({ clientId: ryvn.clientId, clientSecret: ryvn.clientSecret, orgId: ryvn.orgId });
    await original.listServices();
    const seen = watch();
    const derived = original.withOptions(traced);
    expect(derived).toBeInstanceOf(RyvnClient);
    expect(derived.orgId).toBe(ryvn.orgId);
    await derived.listServices();
    expect(seen).toEqual([{ path: `/v1/orgs/${ryvn.orgId}/services`, trace: 'derived' }]);
    expect(control.counts('ryvn').tokenExchanges).toBe(1);
    expect(derived.stats.tokenExchanges).toBe(1);
  });

  test('RyvionClient: named methods with the new headers, and the same key for openAIConfig()', async () => {
    const original = new RyvionClient({ apiKey: ryvion.apiKey });
    const seen = watch();
    const derived = original.withOptions(traced);
    expect(derived).toBeInstanceOf(RyvionClient);
    await expect(derived.me()).resolves.toMatchObject({ receiptCid: expect.any(String) });
    expect(seen.map((request) => request.trace)).toEqual(['derived']);
    expect(derived.openAIConfig()).toEqual(original.openAIConfig());
  });

  test('RiveryClient: named methods on both hosts, with the account and environment it was given', async () => {
    const original = new RiveryClient({ apiToken: rivery.apiToken, accountId: rivery.accountId, environmentId: rivery.environmentId });
    const seen = watch();
    const derived = original.withOptions(traced);
    expect(derived).toBeInstanceOf(RiveryClient);
    expect(derived.legacyUrl).toBe(original.legacyUrl);
    await derived.me();
    await derived.getRiver('64b1a0c2e4b0a1b2c3d41001');
    expect(seen).toEqual([
      { path: '/api/me', trace: 'derived' },
      { path: `/v1/accounts/${rivery.accountId}/environments/${rivery.environmentId}/rivers/64b1a0c2e4b0a1b2c3d41001`, trace: 'derived' },
    ]);
  });

  test('RynkoClient: named methods, downloads included, go through the new fetch; the counters are shared', async () => {
    const original = new RynkoClient({ apiKey: rynko.apiKey });
    const fetched: string[] = [];
    const derived = original.withOptions({
      fetch: (input, init) => {
        fetched.push(new URL(input instanceof Request ? input.url : input).host);
        return globalThis.fetch(input, init);
      },
    });
    expect(derived).toBeInstanceOf(RynkoClient);
    const { jobId } = await derived.generateDocument({ templateId: 'tmpl_invoice', format: 'pdf', variables: { invoiceNumber: 'INV-7' } });
    control.advanceClock(60_000);
    const file = await derived.downloadDocument(await derived.getJob(jobId));
    expect(file.size).toBeGreaterThan(0);
    expect(fetched).toEqual(['api.rynko.dev', 'api.rynko.dev', new URL(sandbox.urls.rynkoStorage).host]);

    control.inject('rynko', { status: 503, path: '/api/auth/verify' });
    await derived.verify();
    expect(original.stats.retries).toBe(1);
  });

  test('ScrydonClient: workspace calls keep the environment, and the auth host gets the new options too', async () => {
    const original = new ScrydonClient({
      baseUrl: sandbox.urls.scrydon,
      authUrl: sandbox.urls.scrydonAuth,
      clientId: scrydon.clientId,
      clientSecret: scrydon.clientSecret,
      scopes: [...scrydon.scopes],
      environmentId: scrydon.environmentId,
    });
    await original.discovery();
    await original.listWorkflows();
    const seen = watch();
    const derived = original.withOptions(traced);
    expect(derived).toBeInstanceOf(ScrydonClient);
    expect(derived.hasScope('workflows:read')).toBe(true);
    await derived.listWorkflows();
    await derived.discovery();
    expect(seen).toEqual([
      { path: '/api/v1/workflows', trace: 'derived' },
      { path: '/api/auth/.well-known/openid-configuration', trace: 'derived' },
    ]);
    expect(control.counts('scrydon').tokenExchanges).toBe(1);
  });
});
