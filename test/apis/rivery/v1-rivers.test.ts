import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AbortError, RiveryClient, type River } from '../../../src/apis/rivery/index';
import { sandboxOperationIds } from '../../../src/sandbox/index';
import { sandboxRivers } from '../../../src/sandbox/rivery/sandbox-rivers';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox } = useSandbox();
const { apiToken, accountId, environmentId } = sandbox.credentials.rivery;
const riversUrl = `https://api.rivery.io/v1/accounts/${accountId}/environments/${environmentId}/rivers`;

/** Records the paths and queries the API was asked for. */
function requests() {
  const seen: string[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    seen.push(`${request.method} ${url.pathname}${url.search}`);
  });
  return seen;
}

beforeEach(() => {
  vi.stubEnv('RIVERY_ACCOUNT_ID', '');
  vi.stubEnv('RIVERY_ENVIRONMENT_ID', '');
});
afterEach(() => {
  server.events.removeAllListeners();
  vi.useRealTimers();
});

describe('listRivers', () => {
  test('pages through all 25 rivers, 10 at a time, to the end', async () => {
    const seen = requests();
    const rivery = new RiveryClient({ apiToken, accountId, environmentId });
    const rivers: River[] = [];
    for await (const river of rivery.listRivers()) rivers.push(river);
    expect(rivers.map((river) => river.cross_id)).toEqual(sandboxRivers.map((river) => river.cross_id));
    expect(seen.map((line) => line.replace(/.*\/rivers/, ''))).toEqual(['?page=1', '?page=2', '?page=3']);
  });

  test('awaited, listRivers() is its first page, with the Response reachable', async () => {
    const seen = requests();
    const rivery = new RiveryClient({ apiToken, accountId, environmentId });
    const page = await rivery.listRivers();
    expect(page.items.map((river) => river.cross_id)).toEqual(sandboxRivers.slice(0, 10).map((river) => river.cross_id));
    expect(page.next_page).toBe(2);
    const { response } = await rivery.listRivers().withResponse();
    expect(response.status).toBe(200);
    expect(seen.map((line) => line.replace(/.*\/rivers/, ''))).toEqual(['?page=1', '?page=1']);
  });

  test('reads a page only when the previous one is used up', async () => {
    const seen = requests();
    const rivery = new RiveryClient({ apiToken, accountId, environmentId });
    let count = 0;
    for await (const _river of rivery.listRivers()) if (++count === 10) break;
    expect(seen).toHaveLength(1);
  });

  test('next_page 0 ends the listing too', async () => {
    const pages: Record<string, { items: River[]; next_page: number }> = {
      '1': { items: [{ cross_id: 'a'.repeat(24), river_name: 'one' }], next_page: 2 },
      '2': { items: [{ cross_id: 'b'.repeat(24), river_name: 'two' }], next_page: 0 },
    };
    server.use(http.get(riversUrl, ({ request }) => HttpResponse.json(pages[new URL(request.url).searchParams.get('page')!])));
    const rivers = await new RiveryClient({ apiToken, accountId, environmentId }).listRivers().all();
    expect(rivers.map((river) => river.river_name)).toEqual(['one', 'two']);
  });

  test('next_page as a URL string (the Boomi reference) reads the page it names, and null ends the listing', async () => {
    const seen = requests();
    const pages: Record<string, { items: River[]; next_page: string | null }> = {
      '1': { items: [{ cross_id: 'a'.repeat(24), river_name: 'one' }], next_page: `${riversUrl}?page=2&items_per_page=1` },
      '2': { items: [{ cross_id: 'b'.repeat(24), river_name: 'two' }], next_page: null },
    };
    server.use(http.get(riversUrl, ({ request }) => HttpResponse.json(pages[new URL(request.url).searchParams.get('page')!])));
    const rivers = await new RiveryClient({ apiToken, accountId, environmentId }).listRivers().all();
    expect(rivers.map((river) => river.river_name)).toEqual(['one', 'two']);
    expect(seen.map((line) => line.replace(/.*\/rivers/, ''))).toEqual(['?page=1', '?page=2']);
  });

  test('a page that points backwards fails instead of looping', async () => {
    server.use(http.get(riversUrl, () => HttpResponse.json({ items: [], next_page: 1 })));
    const error = await new RiveryClient({ apiToken, accountId, environmentId }).listRivers().all().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'KeycardError', message: 'Listing rivers: page 1 points back to page 1' });
  });

  test('listRivers().all() collects every page', async () => {
    const rivers = await new RiveryClient({ apiToken, accountId, environmentId }).listRivers().all();
    expect(rivers).toHaveLength(25);
    expect(rivers[24]).toMatchObject({ river_name: 'Nightly orchestration', river_type: 'logic' });
    // What the sandbox knows about a river's runs is not part of the API's answer.
    expect(rivers[2]).not.toHaveProperty('outcome');
  });
});

describe('account and environment', () => {
  test('without them, the client reads them once from me(), even for concurrent calls', async () => {
    const seen = requests();
    const rivery = new RiveryClient({ apiToken });
    const [river] = await Promise.all([rivery.getRiver(sandboxRivers[0]!.cross_id), rivery.getRiver(sandboxRivers[1]!.cross_id)]);
    await rivery.listRivers().all();
    expect(river.river_name).toBe(sandboxRivers[0]!.river_name);
    expect(seen.filter((line) => line === 'GET /api/me')).toHaveLength(1);
    expect(seen.filter((line) => line.includes(`/v1/accounts/${accountId}/environments/${environmentId}/`))).toHaveLength(5);
  });

  test('a failed lookup is not remembered', async () => {
    sandbox.control.inject('rivery', { status: 500, path: '/me', times: 3 });
    const rivery = new RiveryClient({ apiToken, maxRetries: 2 });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await expect(rivery.getRiver(sandboxRivers[0]!.cross_id)).rejects.toMatchObject({ name: 'ServerError', status: 500 });
    expect((await rivery.getRiver(sandboxRivers[0]!.cross_id)).cross_id).toBe(sandboxRivers[0]!.cross_id);
  });

  test('an account given alone is kept; the environment comes from me()', async () => {
    const seen = requests();
    await new RiveryClient({ apiToken, accountId }).getRiver(sandboxRivers[0]!.cross_id);
    expect(seen).toEqual(['GET /api/me', `GET /v1/accounts/${accountId}/environments/${environmentId}/rivers/${sandboxRivers[0]!.cross_id}`]);
  });

  test('a caller that aborts stops waiting for the lookup; others still get it', async () => {
    useFakeTime();
    sandbox.control.inject('rivery', { path: '/me', latencyMs: 1_000 });
    const rivery = new RiveryClient({ apiToken });
    const controller = new AbortController();
    const aborted = rivery.getRiver(sandboxRivers[0]!.cross_id, { signal: controller.signal });
    const patient = rivery.getRiver(sandboxRivers[1]!.cross_id);
    controller.abort();
    expect(await settle(aborted)).toBeInstanceOf(AbortError);
    expect(await settle(patient)).toMatchObject({ cross_id: sandboxRivers[1]!.cross_id });
  });
});

describe('operations', () => {
  test('an activation operation ended D, with its result', async () => {
    const operation = await new RiveryClient({ apiToken, accountId, environmentId }).getOperation(sandboxOperationIds.activation);
    expect(operation).toMatchObject({ operation_type: 'activate_river', status: 'D', result: { river_status: 'active' }, error_message: null });
  });

  test('a failed validation ended E with its error_message', async () => {
    const operation = await new RiveryClient({ apiToken, accountId, environmentId }).getOperation(sandboxOperationIds.failedValidation);
    expect(operation).toMatchObject({ operation_type: 'validate', status: 'E', error_message: expect.stringContaining('Validation failed') });
  });

  test('a run group is not an operation: runs are followed with getRiverRun', async () => {
    const rivery = new RiveryClient({ apiToken, accountId, environmentId });
    const { run_group_id } = await rivery.runRiverV1(sandboxRivers[0]!.cross_id);
    expect(await rivery.getOperation(run_group_id).catch((caught: unknown) => caught)).toMatchObject({ name: 'NotFoundError', status: 404 });
  });

  test('operations need the operations:list scope', async () => {
    sandbox.control.addKey('rivery', 'rivery-no-operations', ['river:list', 'river:execute', 'activity:list', 'me:list']);
    const rivery = new RiveryClient({ apiToken: 'rivery-no-operations', accountId, environmentId });
    expect(await rivery.getOperation(sandboxOperationIds.activation).catch((caught: unknown) => caught)).toMatchObject({
      name: 'InsufficientScopeError',
      status: 403,
      detail: 'The API token is missing the required scope: operations:list',
    });
  });

  test('an unknown operation is a NotFoundError with FastAPI’s detail', async () => {
    const error = await new RiveryClient({ apiToken, accountId, environmentId }).getOperation('f'.repeat(32)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'NotFoundError', status: 404, detail: `Operation ${'f'.repeat(32)} not found` });
  });
});
