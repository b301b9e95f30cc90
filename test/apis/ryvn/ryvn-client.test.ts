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

describe('organizations, environments, services, installations and tasks', () => {
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

  test('installations of an environment, and one by name', async () => {
    const client = ryvn({ environment: 'production' });
    expect((await client.listInstallations()).map((installation) => installation.name)).toEqual(['api', 'web']);
    expect(await client.getInstallation('worker', { environment: 'staging' })).toMatchObject({ serviceName: 'worker', version: '0.8.3' });
    await expect(client.getInstallation('worker')).rejects.toBeInstanceOf(NotFoundError);
  });

  test("an installation's tasks, newest first, filtered by status, and one by id", async () => {
    const client = ryvn({ environment: 'production' });
    const tasks = await client.listInstallationTasks('api');
    expect(tasks.map((task) => [task.type, task.status])).toEqual([['dry_run', 'pending_approval'], ['deploy', 'succeeded']]);
    const waiting = await client.listInstallationTasks('api', { status: 'pending_approval' });
    expect(waiting).toEqual([expect.objectContaining({ type: 'dry_run', version: '1.4.2' })]);
    expect(control.counts('ryvn').requests).toBe(2);
    expect(await client.getTask(waiting[0]!.id)).toMatchObject({ installationName: 'api', status: 'pending_approval' });
  });

  test('approving a task waiting for approval starts it, with the reason kept; approving it again is a ConflictError', async () => {
    const client = ryvn({ environment: 'production' });
    const [plan] = await client.listInstallationTasks('api', { status: 'pending_approval' });
    const approved = await client.approveTask(plan!.id, { reason: 'plan reviewed' });
    expect(approved).toMatchObject({ status: 'pending', reason: 'plan reviewed' });
    control.advanceClock(30_000);
    expect(await client.getTask(plan!.id)).toMatchObject({ status: 'succeeded', finishedAt: expect.any(String) });
    await expect(client.approveTask(plan!.id)).rejects.toMatchObject({ name: 'ConflictError', status: 409 });
  });

  test('a running task can be cancelled; a finished one cannot', async () => {
    const client = ryvn({ environment: 'production' });
    const [update] = await client.listInstallationTasks('web');
    control.advanceClock(5_000);
    expect(await client.getTask(update!.id)).toMatchObject({ status: 'running' });
    expect(await client.cancelTask(update!.id, { reason: 'wrong version' })).toMatchObject({ status: 'cancelled' });
    const [done] = await client.listInstallationTasks('api', { status: 'succeeded' });
    await expect(client.cancelTask(done!.id)).rejects.toMatchObject({ name: 'ConflictError' });
  });

  test('a failed task can be retried: it runs again', async () => {
    const client = ryvn({ environment: 'staging' });
    const [failed] = await client.listInstallationTasks('worker', { status: 'failed' });
    expect(failed).toMatchObject({ message: expect.stringContaining('not found') });
    const retried = await client.retryTask(failed!.id);
    expect(retried.status).toBe('pending');
    expect(retried.message).toBeUndefined();
    control.advanceClock(30_000);
    expect(await client.getTask(failed!.id)).toMatchObject({ status: 'succeeded' });
  });

  test('task actions send the reason as the body, and check it before sending', async () => {
    const client = ryvn();
    await expect(client.retryTask('t-1', { reason: 'x'.repeat(1001) })).rejects.toMatchObject({ option: 'reason' });
    await expect(client.approveTask('')).rejects.toMatchObject({ option: 'taskId' });
    expect(control.counts('ryvn')).toMatchObject({ requests: 0, tokenExchanges: 0 });
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
    await expect(client.listInstallations({ orgId })).rejects.toMatchObject({ option: 'environment', message: expect.stringContaining('RYVN_ENVIRONMENT') });
    await expect(client.getService('' as string, { orgId })).rejects.toMatchObject({ option: 'name' });
    expect(control.counts('ryvn')).toMatchObject({ requests: 0, tokenExchanges: 0 });
  });
});
