import { http, HttpResponse } from 'msw';
import { describe, expect, test, vi } from 'vitest';
import { ConfigurationError, InvalidClientError, InvalidScopeError, ScrydonClient } from '../../../src/apis/scrydon/index';
import { useScrydonSandbox } from './scrydon-test-kit';

const kit = useScrydonSandbox();
const { scrydon } = kit.sandbox.credentials;

function configurationError(build: () => unknown): ConfigurationError {
  try {
    build();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

function stubScrydonEnv(values: Record<string, string> = {}) {
  const all = {
    SCRYDON_URL: kit.sandbox.urls.scrydon,
    SCRYDON_AUTH_URL: kit.sandbox.urls.scrydonAuth,
    SCRYDON_CLIENT_ID: scrydon.clientId,
    SCRYDON_CLIENT_SECRET: scrydon.clientSecret,
    SCRYDON_SCOPES: scrydon.scopes.join(' '),
    SCRYDON_ENVIRONMENT_ID: scrydon.environmentId,
    ...values,
  };
  for (const [name, value] of Object.entries(all)) vi.stubEnv(name, value);
}

describe('options', () => {
  test('everything can come from SCRYDON_* variables', async () => {
    stubScrydonEnv();
    const client = new ScrydonClient();
    expect(client.baseUrl).toBe(kit.sandbox.urls.scrydon);
    expect(client.authUrl).toBe(kit.sandbox.urls.scrydonAuth);
    expect(client.scopes).toEqual(scrydon.scopes);
    expect(client.environmentId).toBe(scrydon.environmentId);
    expect(await client.whoami()).toMatchObject({ clientId: scrydon.clientId });
  });

  test('options win over the environment', () => {
    stubScrydonEnv({ SCRYDON_ENVIRONMENT_ID: 'env_from_env' });
    expect(new ScrydonClient({ environmentId: 'env_option', scopes: ['logs:read'] })).toMatchObject({
      environmentId: 'env_option',
      scopes: ['logs:read'],
    });
  });

  test('the auth host defaults to the API host, and the token URL hangs off it', async () => {
    stubScrydonEnv({ SCRYDON_AUTH_URL: '' });
    const client = new ScrydonClient({ baseUrl: 'https://acme.scrydon.example/' });
    expect(client.authUrl).toBe('https://acme.scrydon.example');
    const asked: string[] = [];
    kit.server.use(
      http.post('https://acme.scrydon.example/*', ({ request }) => {
        asked.push(request.url);
        return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
      }),
    );
    expect(await client.whoami().catch((caught: unknown) => caught)).toBeInstanceOf(InvalidClientError);
    expect(asked).toEqual(['https://acme.scrydon.example/api/auth/oauth2/token']);
  });

  test.each([
    ['baseUrl', 'SCRYDON_URL'],
    ['clientId', 'SCRYDON_CLIENT_ID'],
    ['clientSecret', 'SCRYDON_CLIENT_SECRET'],
    ['scopes', 'SCRYDON_SCOPES'],
  ])('a missing %s names the option and %s', (option, variable) => {
    stubScrydonEnv({ [variable]: '' });
    const error = configurationError(() => new ScrydonClient());
    expect(error.option).toBe(option);
    expect(error.message).toContain(variable);
  });

  test('Scrydon has no shared host: without SCRYDON_URL the client is not built', () => {
    stubScrydonEnv({ SCRYDON_URL: '' });
    expect(configurationError(() => new ScrydonClient()).message).toMatch(/no shared host/);
  });

  test.each([
    [['workflow:read'], /"workflow:read" is not a Scrydon scope/],
    [['workflows:admin'], /"workflows:admin" is not a Scrydon scope.*read or write/],
    [['workflows'], /resource:action/],
    [[], /at least one scope/],
    ['workflows:read', /must be an array/],
  ])('scopes %j are refused: %s', (scopes, message) => {
    stubScrydonEnv();
    const error = configurationError(() => new ScrydonClient({ scopes: scopes as never }));
    expect(error.option).toBe('scopes');
    expect(error.message).toMatch(message);
  });

  test('a bad scope from SCRYDON_SCOPES says it came from there', () => {
    stubScrydonEnv({ SCRYDON_SCOPES: 'workflows:read tool:read' });
    expect(configurationError(() => new ScrydonClient()).message).toMatch(/"tool:read" \(from SCRYDON_SCOPES\)/);
  });

  test('http to a non-loopback host, queries and unknown options are refused by name', () => {
    stubScrydonEnv();
    expect(configurationError(() => new ScrydonClient({ baseUrl: 'http://acme.scrydon.example' })).option).toBe('baseUrl');
    expect(configurationError(() => new ScrydonClient({ authUrl: 'https://auth.example?x=1' })).option).toBe('authUrl');
    const unknown = configurationError(() => new ScrydonClient({ scope: ['logs:read'] } as never));
    expect(unknown.option).toBe('scope');
    expect(unknown.message).toMatch(/is not an option of ScrydonClient; did you mean `scopes`\?/);
    expect(configurationError(() => new ScrydonClient({ timeout: 5 } as never)).message).toMatch(/did you mean `timeoutMs`/);
  });

  // DESIGN.md › Security: "In a browser, a client secret is refused unless the caller opts in explicitly."
  test('in a browser the client secret is refused unless dangerouslyAllowBrowser opts in', () => {
    stubScrydonEnv();
    vi.stubGlobal('window', { document: {} });
    expect(() => new ScrydonClient()).toThrow(/must not be used in a browser/);
    expect(() => new ScrydonClient({ dangerouslyAllowBrowser: true })).not.toThrow();
  });

  test('the secret never appears in a configuration error', () => {
    stubScrydonEnv({ SCRYDON_CLIENT_SECRET: 'secret-value\n' }); // refused for its line break
    const error = configurationError(() => new ScrydonClient());
    expect(error.option).toBe('clientSecret');
    expect(JSON.stringify(error)).not.toContain('secret-value');
    expect(error.message).not.toContain('secret-value');
  });
});

describe('the token request', () => {
  test('Basic auth, the requested scopes, and never a resource parameter', async () => {
    await kit.client({ scopes: ['workflows:read', 'logs:read'] }).whoami();
    const [request] = kit.tokenRequests();
    expect(request?.authorization).toBe(`Basic ${btoa(`${scrydon.clientId}:${scrydon.clientSecret}`)}`);
    const form = new URLSearchParams(request?.body);
    expect([...form.keys()].sort()).toEqual(['grant_type', 'scope']);
    expect(form.get('scope')).toBe('workflows:read logs:read');
    expect(form.has('resource')).toBe(false);
  });

  test('a scope the account was not granted fails the exchange with InvalidScopeError', async () => {
    const error = await kit.client({ scopes: ['tools:read'] }).whoami().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidScopeError);
    expect(error).toMatchObject({ error: 'invalid_scope', status: 400 });
    expect(kit.apiRequests()).toHaveLength(0);
  });
});

describe('hasScope: write implies read', () => {
  test('a write scope answers for the read scope of its resource, not for others', () => {
    const client = kit.client({ scopes: ['workflows:write', 'logs:read'] });
    expect(client.hasScope('workflows:write')).toBe(true);
    expect(client.hasScope('workflows:read')).toBe(true);
    expect(client.hasScope('logs:read')).toBe(true);
    expect(client.hasScope('logs:write')).toBe(false);
    expect(client.hasScope('storage:read')).toBe(false);
    expect(kit.seen).toHaveLength(0);
  });

  test('read does not imply write', () => {
    expect(kit.client({ scopes: ['workflows:read'] }).hasScope('workflows:write')).toBe(false);
  });

  test('what the scope check promises, the API grants: a write token reads', async () => {
    const client = kit.client({ scopes: ['workflows:write'] });
    expect(client.hasScope('workflows:read')).toBe(true);
    expect((await client.listWorkflows()).data.length).toBeGreaterThan(0);
  });

  test('a string that is no Scrydon scope is an error naming it', () => {
    expect(() => kit.client().hasScope('workflow:read' as never)).toThrow(/`scope`.*"workflow:read"/);
  });
});

describe('environmentId', () => {
  test("is added to every workspace call from the client's option", async () => {
    const client = kit.client();
    await client.listWorkflows();
    await client.getWorkflow('wf_onboarding');
    await client.listStorageFiles();
    await client.listKnowledgeBases();
    await client.listLogs({ level: 'info' });
    await client.triggerWorkflow('wf_onboarding', {});
    const workspaceCalls = kit.apiRequests();
    expect(workspaceCalls).toHaveLength(6);
    for (const request of workspaceCalls) expect(request.url.searchParams.get('environmentId')).toBe(scrydon.environmentId);
  });

  test('a call may name another environment', async () => {
    await kit.client().listWorkflows({ environmentId: 'env_staging' }).catch(() => undefined);
    expect(kit.apiRequests()[0]?.url.searchParams.get('environmentId')).toBe('env_staging');
  });

  test('naming none is a ConfigurationError before anything is sent', async () => {
    const client = kit.client({ environmentId: undefined });
    const error = await client.listWorkflows().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'environmentId' });
    expect((error as Error).message).toContain('SCRYDON_ENVIRONMENT_ID');
    expect(kit.seen).toHaveLength(0);
  });

  test('an environment id with spaces is refused when the client is built', () => {
    expect(configurationError(() => kit.client({ environmentId: 'env prod' })).option).toBe('environmentId');
  });
});

describe('discovery', () => {
  test('is read from the auth host without a token', async () => {
    const document = await kit.client().discovery();
    expect(document.token_endpoint).toBe(`${kit.sandbox.urls.scrydonAuth}/api/auth/oauth2/token`);
    expect(kit.seen).toHaveLength(1);
    expect(kit.seen[0]?.authorization).toBeNull();
    expect(kit.control.counts('scrydon').tokenExchanges).toBe(0);
  });
});
