import { http, HttpResponse } from 'msw';
import { describe, expect, test, vi } from 'vitest';
import { ConfigurationError, NotFoundError, RyvnClient, type RyvnClientOptions } from '../../../src/apis/ryvn/index';
import { createSandbox } from '../../../src/sandbox/index';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox();
const { clientId, clientSecret, orgId } = sandbox.credentials.ryvn;

const ryvn = (options: RyvnClientOptions = {}) => new RyvnClient({ clientId, clientSecret, orgId, ...options });

function configurationError(build: () => unknown): ConfigurationError {
  try {
    build();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('options', () => {
  test('credentials, organization and environment come from the RYVN_* variables by default', async () => {
    vi.stubEnv('RYVN_CLIENT_ID', clientId);
    vi.stubEnv('RYVN_CLIENT_SECRET', clientSecret);
    vi.stubEnv('RYVN_ORG_ID', orgId);
    vi.stubEnv('RYVN_ENVIRONMENT', 'staging');
    const client = new RyvnClient();
    expect(client.baseUrl).toBe('https://api.ryvn.app');
    expect([client.orgId, client.environment]).toEqual([orgId, 'staging']);
    expect(await client.getEnvironment()).toMatchObject({ name: 'staging' });
  });

  test('RYVN_API_URL and RYVN_AUTH_URL move both hosts', async () => {
    const moved = createSandbox({ urls: { ryvnApi: 'https://ryvn.internal.example', ryvnAuth: 'https://login.internal.example' }, control });
    server.use(...moved.handlers);
    vi.stubEnv('RYVN_API_URL', 'https://ryvn.internal.example/');
    vi.stubEnv('RYVN_AUTH_URL', 'https://login.internal.example');
    const client = ryvn();
    expect(client.baseUrl).toBe('https://ryvn.internal.example');
    expect(await client.listOrganizations()).toHaveLength(1);
    expect(control.counts('ryvn').tokenExchanges).toBe(1);
  });

  test('options win over the environment', () => {
    vi.stubEnv('RYVN_ORG_ID', 'org_from_env');
    expect(ryvn({ orgId: 'org_given' }).orgId).toBe('org_given');
  });

  test.each([
    ['clientId', 'RYVN_CLIENT_ID'],
    ['clientSecret', 'RYVN_CLIENT_SECRET'],
  ] as const)('a missing %s names the option and %s', (option, variable) => {
    const error = configurationError(() => new RyvnClient({ clientId, clientSecret, [option]: undefined }));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`\`${option}\``);
    expect(error.message).toContain(variable);
  });

  test('a bad URL from the environment says where it came from', () => {
    vi.stubEnv('RYVN_AUTH_URL', 'http://auth.ryvn.app');
    const error = configurationError(() => ryvn());
    expect(error.option).toBe('authUrl');
    expect(error.message).toMatch(/must use https.*\(read from RYVN_AUTH_URL\)/);
  });

  test('a bad URL given directly names the option only', () => {
    const error = configurationError(() => ryvn({ apiUrl: 'ftp://api.ryvn.app' }));
    expect(error.option).toBe('apiUrl');
    expect(error.message).not.toContain('RYVN_API_URL');
  });

  test('a mistyped option is named, with the one that was meant', () => {
    const error = configurationError(() => ryvn({ clientID: 'x' } as RyvnClientOptions));
    expect(error.option).toBe('clientID');
    expect(error.message).toContain('did you mean `clientId`?');
  });

  test('the generic baseUrl and auth are refused with the Ryvn options to use instead', () => {
    expect(configurationError(() => ryvn({ baseUrl: 'https://x.example' } as RyvnClientOptions)).message).toContain('`apiUrl`');
    expect(configurationError(() => ryvn({ auth: {} } as RyvnClientOptions)).message).toContain('`clientSecret`');
  });

  test('an empty orgId is refused when the client is built', () => {
    expect(configurationError(() => ryvn({ orgId: ' ' })).option).toBe('orgId');
  });

  // DESIGN.md › Security: "In a browser, a client secret is refused unless the caller opts in explicitly."
  test('in a browser the client secret is refused unless dangerouslyAllowBrowser opts in', () => {
    vi.stubGlobal('window', { document: {} });
    expect(() => ryvn()).toThrow(/must not be used in a browser/);
    expect(() => ryvn({ dangerouslyAllowBrowser: true })).not.toThrow();
  });

  test('the secret never appears in a configuration error', () => {
    const error = configurationError(() => ryvn({ clientSecret: 'secret-value\n' }));
    expect(error.option).toBe('clientSecret');
    expect(JSON.stringify(error)).not.toContain('secret-value');
    expect(error.message).not.toContain('secret-value');
  });

  test('asks Zitadel for Ryvn’s scope string with HTTP Basic', async () => {
    const seen: { authorization: string | null; form: string }[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/oauth/v2/token')) void request.clone().text().then((form) => seen.push({ authorization: request.headers.get('authorization'), form }));
    });
    await ryvn().listOrganizations();
    server.events.removeAllListeners();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.authorization).toBe(`Basic ${btoa(`${clientId}:${clientSecret}`)}`);
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.form))).toEqual({
      grant_type: 'client_credentials',
      scope: 'openid email profile offline_access urn:zitadel:iam:org:project:id:298766811497774120:aud',
    });
  });

  test('caller error codes refine Ryvn’s without replacing them', async () => {
    class GoneError extends NotFoundError {
      override name = 'GoneError';
    }
    server.use(http.get('https://api.ryvn.app/v1/orgs/:orgId/services/:name', () => HttpResponse.json({ code: 'gone', message: 'gone' }, { status: 404 })));
    const client = ryvn({ errorCodes: { gone: GoneError } });
    await expect(client.getService('api')).rejects.toBeInstanceOf(GoneError);
    await expect(client.getEnvironment('qa')).rejects.toMatchObject({ name: 'NotFoundError', code: 'not_found' });
  });
});

describe('organizations, environments, services and deployments', () => {
  test('list and get organizations', async () => {
    const client = ryvn();
    const [organization] = await client.listOrganizations();
    expect(organization).toMatchObject({ id: orgId, name: 'Sandbox' });
    expect(await client.getOrganization()).toEqual(organization);
    await expect(client.getOrganization('org_other')).rejects.toMatchObject({ name: 'NotFoundError', status: 404 });
  });

  test('list and get environments and services of the default organization', async () => {
    const client = ryvn();
    expect((await client.listEnvironments()).map((environment) => environment.name)).toEqual(['production', 'staging']);
    expect(await client.getEnvironment('production')).toMatchObject({ provider: 'aws', region: 'us-east-1' });
    expect((await client.listServices()).map((service) => service.name)).toEqual(['api', 'web', 'worker']);
    expect(await client.getService('worker')).toMatchObject({ type: 'job' });
  });

  test('a per-call orgId overrides the client’s', async () => {
    const client = ryvn({ orgId: 'org_other' });
    await expect(client.listServices()).rejects.toMatchObject({ status: 404, code: 'not_found' });
    expect(await client.listServices({ orgId })).toHaveLength(3);
  });

  test('deployments of an environment, filtered by service, and one by id', async () => {
    const client = ryvn({ environment: 'production' });
    expect((await client.listDeployments()).map((deployment) => deployment.id)).toEqual(['dep_c3d8e5', 'dep_4f1c2a']);
    const failed = await client.listDeployments({ environment: 'staging', service: 'worker' });
    expect(failed).toEqual([expect.objectContaining({ status: 'failed', version: '0.9.0' })]);
    expect(await client.getDeployment('dep_4f1c2a')).toMatchObject({ serviceName: 'api', status: 'succeeded' });
  });

  test('a list keeps its Response reachable', async () => {
    const { data, response } = await ryvn().listServices().withResponse();
    expect(data).toHaveLength(3);
    expect(response.status).toBe(200);
  });

  test('per-call options reach the transport: an aborted signal stops the call', async () => {
    const error = await ryvn().listServices({ signal: AbortSignal.abort() }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(control.counts('ryvn').requests).toBe(0);
  });

  test('the resource schema', async () => {
    const schema = await ryvn().resourceSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.oneOf).toHaveLength(9);
  });

  test('a call that needs an organization or environment nobody gave fails before sending', async () => {
    const client = new RyvnClient({ clientId, clientSecret });
    await expect(client.listServices()).rejects.toMatchObject({ name: 'ConfigurationError', option: 'orgId', message: expect.stringContaining('RYVN_ORG_ID') });
    await expect(client.listDeployments({ orgId })).rejects.toMatchObject({ option: 'environment', message: expect.stringContaining('RYVN_ENVIRONMENT') });
    await expect(client.getService('' as string, { orgId })).rejects.toMatchObject({ option: 'name' });
    expect(control.counts('ryvn')).toMatchObject({ requests: 0, tokenExchanges: 0 });
  });
});
