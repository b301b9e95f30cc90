import { beforeEach, describe, expect, test, vi } from 'vitest';
import { ConfigurationError, NotFoundError, RiveryClient } from '../../../src/apis/rivery/index';
import { MemoryTokenStore } from '../../../src/index';
import { credentialLabel } from '../../../src/sandbox/index';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox } = useSandbox();
const { apiToken, accountId, environmentId } = sandbox.credentials.rivery;

beforeEach(() => {
  // The tests decide which variables are set; none leak in from the machine.
  for (const name of ['RIVERY_API_TOKEN', 'RIVERY_REGION', 'RIVERY_ACCOUNT_ID', 'RIVERY_ENVIRONMENT_ID']) vi.stubEnv(name, '');
});

const configError = (build: () => unknown): ConfigurationError => {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
};

describe('options', () => {
  test('a missing token names the option and the environment variable', () => {
    const error = configError(() => new RiveryClient());
    expect(error.option).toBe('apiToken');
    expect(error.message).toContain('RIVERY_API_TOKEN');
  });

  test('the token, account and environment come from the environment', async () => {
    vi.stubEnv('RIVERY_API_TOKEN', apiToken);
    vi.stubEnv('RIVERY_ACCOUNT_ID', accountId);
    vi.stubEnv('RIVERY_ENVIRONMENT_ID', environmentId);
    const rivery = new RiveryClient();
    expect((await rivery.getRiver('64b1a0c2e4b0a1b2c3d41001')).river_name).toBe('Orders: PostgreSQL → Snowflake');
    // The account and environment were known: no /me lookup.
    expect(sandbox.control.counts('rivery').requests).toBe(1);
  });

  test('a token given as a function is read once for both hosts', async () => {
    const read = vi.fn(() => apiToken);
    const rivery = new RiveryClient({ apiToken: read });
    await rivery.me();
    await rivery.listRivers().all();
    expect(sandbox.control.counts('rivery').requests).toBe(5);
    expect(read).toHaveBeenCalledTimes(1);
  });

  test('the region picks the v1 host and the console host', () => {
    expect(new RiveryClient({ apiToken }).baseUrl).toBe('https://api.rivery.io');
    expect(new RiveryClient({ apiToken }).legacyUrl).toBe('https://console.rivery.io/api');
    const eu = new RiveryClient({ apiToken, region: 'eu' });
    expect([eu.baseUrl, eu.legacyUrl]).toEqual(['https://api.eu-west-1.rivery.io', 'https://eu-west-1.console.rivery.io/api']);
    expect(new RiveryClient({ apiToken, region: 'ap-southeast-2' }).baseUrl).toBe('https://api.ap-southeast-2.rivery.io');
    vi.stubEnv('RIVERY_REGION', 'IL-Central-1');
    expect(new RiveryClient({ apiToken }).baseUrl).toBe('https://api.il-central-1.rivery.io');
  });

  test('an unknown region lists the valid ones', () => {
    const error = configError(() => new RiveryClient({ apiToken, region: 'us-east-1' as never }));
    expect(error.option).toBe('region');
    expect(error.message).toContain('"us-east-1"');
    expect(error.message).toContain('us, eu (eu-west-1), il (il-central-1), au (ap-southeast-2)');
    vi.stubEnv('RIVERY_REGION', 'mars');
    expect(configError(() => new RiveryClient({ apiToken })).message).toContain('(from RIVERY_REGION)');
  });

  test('baseUrl and legacyUrl override the region', () => {
    const rivery = new RiveryClient({ apiToken, region: 'eu', baseUrl: 'http://127.0.0.1:9/rivery', legacyUrl: 'http://localhost:9/console/api/' });
    expect([rivery.baseUrl, rivery.legacyUrl]).toEqual(['http://127.0.0.1:9/rivery', 'http://localhost:9/console/api']);
    expect(configError(() => new RiveryClient({ apiToken, legacyUrl: 'http://console.example.com/api' })).option).toBe('legacyUrl');
    expect(configError(() => new RiveryClient({ apiToken, baseUrl: 'ftp://api.rivery.io' })).option).toBe('baseUrl');
  });

  test('a legacyUrl with a query string is refused naming legacyUrl', () => {
    expect(configError(() => new RiveryClient({ apiToken, legacyUrl: 'https://console.rivery.io/api?tenant=1' })).option).toBe('legacyUrl');
  });

  test('account and environment ids must be ObjectIds, wherever they come from', () => {
    expect(configError(() => new RiveryClient({ apiToken, accountId: 'acct-1' })).message).toContain('24-character hex ObjectId');
    vi.stubEnv('RIVERY_ENVIRONMENT_ID', '64A1F0C2');
    const error = configError(() => new RiveryClient({ apiToken }));
    expect(error.option).toBe('environmentId');
    expect(error.message).toContain('(from RIVERY_ENVIRONMENT_ID)');
  });

  test('unknown options and bad overrides are named', () => {
    expect(configError(() => new RiveryClient({ apiToken, timeout: 5 } as never)).message).toMatch(/`timeout`.*RiveryClient.*timeoutMs/);
    expect(configError(() => new RiveryClient({ apiToken, maxRetries: -1 })).option).toBe('maxRetries');
    expect(configError(() => new RiveryClient({ apiToken: 'has space' })).option).toBe('apiToken');
  });

  test('a mistyped option is refused with the Rivery option that was meant', () => {
    const error = configError(() => new RiveryClient({ apiToken, regoin: 'eu' } as never));
    expect(error.option).toBe('regoin');
    expect(error.message).toMatch(/is not an option of RiveryClient; did you mean `region`\?/);
  });

  test('a tokenStore given at runtime is kept, and checked like any other option', () => {
    // A token read from a function may be kept in a store; a fixed one has nothing to keep (issue 14).
    expect(() => new RiveryClient({ apiToken: () => apiToken, tokenStore: new MemoryTokenStore() })).not.toThrow();
    expect(configError(() => new RiveryClient({ apiToken, tokenStore: new MemoryTokenStore() })).option).toBe('tokenStore');
    expect(configError(() => new RiveryClient({ apiToken, tokenStore: {} as never })).option).toBe('tokenStore');
  });

  test('the token never appears in a configuration error', () => {
    const error = configError(() => new RiveryClient({ apiToken: 'secret token value' }));
    expect(JSON.stringify(error)).not.toContain('secret token value');
    expect(error.message).not.toContain('secret token value');
  });
});

describe('ids are checked before any request', () => {
  const rivery = () => new RiveryClient({ apiToken, accountId, environmentId });

  test.each([
    ['runRiver', (client: RiveryClient) => client.runRiver('not-an-id'), 'riverId'],
    ['getRiver', (client: RiveryClient) => client.getRiver('64B1A0C2E4B0A1B2C3D41001'), 'riverId'],
    ['runRiverV1', (client: RiveryClient) => client.runRiverV1('64b1a0c2e4b0a1b2c3d4100'), 'riverId'],
    ['checkRun', (client: RiveryClient) => client.checkRun('64b1a0c2e4b0a1b2c3d41001'), 'runId'],
    ['cancelRun', (client: RiveryClient) => client.cancelRun(''), 'runId'],
    ['waitForRun', (client: RiveryClient) => client.waitForRun('../me'), 'run'],
    ['waitForRun of a legacy run', (client: RiveryClient) => client.waitForRun({ run_id: '../me', river_id: 'x', river_run_status: 'W' }), 'run.run_id'],
    ['getOperation', (client: RiveryClient) => client.getOperation('a/b'), 'operationId'],
  ])('%s', async (_name, call, option) => {
    const client = rivery();
    // A rejected promise, not a throw: `.catch()` on the call sees it.
    await expect(call(client)).rejects.toMatchObject({ name: 'ConfigurationError', option });
    expect(sandbox.control.counts('rivery').requests).toBe(0);
  });
});

describe('one client, two hosts', () => {
  test('legacy paths go to the console API, /v1 paths to the v1 host', async () => {
    const rivery = new RiveryClient({ apiToken });
    const me = await rivery.GET('/me');
    const page = await rivery.GET('/v1/accounts/{account_id}/environments/{environment_id}/rivers', {
      params: { path: me, query: { page: 3 } },
    });
    expect(page.items).toHaveLength(5);
    expect(page.next_page).toBeNull();
  });

  test('the Response stays reachable through the routing', async () => {
    const rivery = new RiveryClient({ apiToken });
    const { data, response } = await rivery.GET('/me').withResponse();
    expect(data.account_id).toBe(accountId);
    expect(response.url).toBe('https://console.rivery.io/api/me');
  });

  test('every named method returns an ApiPromise: withResponse() gives the Response of either host', async () => {
    const rivery = new RiveryClient({ apiToken });
    const me = await rivery.me().withResponse();
    expect(me.response.url).toBe('https://console.rivery.io/api/me');
    const river = await rivery.getRiver('64b1a0c2e4b0a1b2c3d41001').withResponse();
    expect(river.data.cross_id).toBe('64b1a0c2e4b0a1b2c3d41001');
    expect(river.response.url).toMatch(/^https:\/\/api\.rivery\.io\/v1\/accounts\//);
    await expect(rivery.checkRun('nope').withResponse()).rejects.toMatchObject({ name: 'ConfigurationError', option: 'runId' });
  });

  test('me() reads the token’s account and environment', async () => {
    expect(await new RiveryClient({ apiToken }).me()).toEqual({ account_id: accountId, environment_id: environmentId });
  });

  test('the token goes to both hosts', async () => {
    const rivery = new RiveryClient({ apiToken });
    await rivery.me();
    await rivery.listRivers().all();
    // /me twice (once for the account), three pages of rivers.
    expect(sandbox.control.counts('rivery').byCredential[credentialLabel(apiToken)]).toBe(5);
  });

  test('withOptions derives a client over both hosts', async () => {
    const rivery = new RiveryClient({ apiToken }).withOptions({ headers: { 'x-trace': 't-1' } });
    const traces: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => void traces.push(request.headers.get('x-trace')));
    await rivery.GET('/me');
    await rivery.GET('/v1/accounts/{account_id}/environments/{environment_id}/rivers/{river_id}', {
      params: { path: { account_id: accountId, environment_id: environmentId, river_id: '64b1a0c2e4b0a1b2c3d41001' } },
    });
    server.events.removeAllListeners();
    expect(traces).toEqual(['t-1', 't-1']);
  });

  test('a client derived with withOptions shares the account read from me() instead of reading it again', async () => {
    const rivery = new RiveryClient({ apiToken });
    const paths: string[] = [];
    server.events.on('request:start', ({ request }) => void paths.push(new URL(request.url).pathname));
    await rivery.listRivers().all();
    await rivery.withOptions({ timeoutMs: 60_000 }).listRivers().all();
    server.events.removeAllListeners();
    expect(paths.filter((path) => path.endsWith('/me'))).toEqual(['/api/me']);
  });

  test('stats add up both hosts', async () => {
    sandbox.control.inject('rivery', { status: 503, path: '/me' });
    sandbox.control.inject('rivery', { status: 503, path: '/rivers' });
    const rivery = new RiveryClient({ apiToken, maxRetries: 1 });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await rivery.me();
    await rivery.listRivers().all();
    expect(rivery.stats.retries).toBe(2);
  });

  test('an unknown river is a NotFoundError with Rivery’s message', async () => {
    const error = await new RiveryClient({ apiToken }).runRiver('64b1a0c2e4b0a1b2c3d4ffff').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, detail: 'River 64b1a0c2e4b0a1b2c3d4ffff was not found in this environment' });
  });
});
