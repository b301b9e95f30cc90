import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InsufficientScopeError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RiveryClient,
  ServerError,
  ValidationError,
} from '../../../src/apis/rivery/index';
import { sandboxRivers } from '../../../src/sandbox/rivery/sandbox-rivers';
import { settle } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox } = useSandbox({ fakeTime: true });
const { apiToken, accountId, environmentId } = sandbox.credentials.rivery;
const river = sandboxRivers[0]!.cross_id;
const scope = { account_id: accountId, environment_id: environmentId };

afterEach(() => vi.useRealTimers());

const client = (token: string = apiToken) => new RiveryClient({ apiToken: token, accountId, environmentId });
const failure = async (call: Promise<unknown>) => {
  const outcome = await settle(call);
  expect(outcome).toBeInstanceOf(ApiError);
  return outcome as ApiError;
};

describe('each status becomes its class, in each host’s error style', () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, InsufficientScopeError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, ValidationError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
  ])('%i → %o', async (status, ErrorClass) => {
    sandbox.control.inject('rivery', { status, times: 6 });
    const legacy = await failure(client().me({ maxRetries: 0 }));
    const v1 = await failure(client().getRiver(river, { maxRetries: 0 }));
    for (const error of [legacy, v1]) {
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, code: undefined, requestId: undefined });
      expect(error.detail.length).toBeGreaterThan(0);
    }
    // Legacy errors say `{message}`, v1 errors FastAPI's `{detail}`.
    expect(Object.keys(legacy.body as object)).toEqual(['message']);
    expect(Object.keys(v1.body as object)).toEqual(['detail']);
    expect(legacy.url).toBe('https://console.rivery.io/api/me');
  });
});

describe('scopes', () => {
  const limited = 'rivery-list-only-token';
  beforeEach(() => sandbox.control.addKey('rivery', limited, ['river:list']));

  test('a missing scope is an InsufficientScopeError naming it, on both hosts', async () => {
    const legacy = await failure(client(limited).runRiver(river));
    expect(legacy).toBeInstanceOf(InsufficientScopeError);
    expect(legacy).toBeInstanceOf(PermissionDeniedError);
    expect(legacy.detail).toBe('The API token is missing the required scope: river:execute');
    const v1 = await failure(client(limited).runRiverV1(river));
    expect(v1).toBeInstanceOf(InsufficientScopeError);
    expect(v1).toMatchObject({ status: 403, detail: 'The API token is missing the required scope: river:execute' });
    expect(sandbox.control.counts('rivery').requests).toBe(2);
  });

  test('the scope it has works', async () => {
    expect(await client(limited).getRiver(river)).toMatchObject({ cross_id: river });
  });

  test('typed calls get the precise class too', async () => {
    const error = await failure(client(limited).GET('/check_run', { params: { query: { run_id: 'a'.repeat(32) } } }));
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error.message).toContain('activity:list');
  });

  test('a 403 whose code maps to a class of its own keeps that class', async () => {
    class AccountLockedError extends PermissionDeniedError {
      override name = 'AccountLockedError';
    }
    sandbox.control.inject('rivery', { status: 403, body: { detail: 'account locked', code: 'account_locked' } });
    const rivery = new RiveryClient({ apiToken, accountId, environmentId, errorCodes: { account_locked: AccountLockedError } });
    const error = await failure(rivery.getRiver(river));
    expect(error).toBeInstanceOf(AccountLockedError);
    expect(error).not.toBeInstanceOf(InsufficientScopeError);
  });

  test('another account is refused as out of the token’s reach', async () => {
    const other = new RiveryClient({ apiToken, accountId: 'f'.repeat(24), environmentId });
    const error = await failure(other.getRiver(river));
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error.detail).toContain(`account ${'f'.repeat(24)}`);
  });
});

describe('the token', () => {
  test('a deleted token is an AuthenticationError at once: a fixed token cannot be refreshed', async () => {
    sandbox.control.revokeKey('rivery');
    const error = await failure(client().me());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, detail: 'Invalid API token' });
    expect(sandbox.control.counts('rivery')).toMatchObject({ requests: 1, rejected: 1 });
  });

  test('an expired token is refused on the v1 host in FastAPI style', async () => {
    sandbox.control.addKey('rivery', 'rivery-short-lived', ['river:list'], { expiresAt: Date.now() + 60_000 });
    expect(await client('rivery-short-lived').getRiver(river)).toMatchObject({ cross_id: river });
    vi.setSystemTime(Date.now() + 60_000);
    const error = await failure(client('rivery-short-lived').getRiver(river));
    expect(error).toMatchObject({ name: 'AuthenticationError', body: { detail: 'Token expired' } });
  });

  test('a token given as a function is read again after a 401, picking up a new one', async () => {
    let current = 'rivery-old-token';
    const rivery = new RiveryClient({ apiToken: () => current });
    expect(await failure(rivery.me())).toBeInstanceOf(AuthenticationError);
    current = apiToken;
    expect(await settle(rivery.me())).toEqual(scope);
  });

  test('the token appears in no error, message, JSON or inspection', async () => {
    sandbox.control.inject('rivery', { status: 401, body: { message: `bad token ${apiToken}` } });
    const error = await failure(client().me());
    for (const view of [error.message, JSON.stringify(error), inspect(error, { depth: 5 }), error.headers.get('authorization') ?? '']) {
      expect(view).not.toContain(apiToken);
    }
  });
});

describe('validation', () => {
  test('a 422 from FastAPI is a ValidationError with a readable message', async () => {
    const error = await failure(
      client().GET('/v1/accounts/{account_id}/environments/{environment_id}/rivers', { params: { path: scope, query: { page: 0 } } }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.detail).toBe('query.page: Input should be greater than or equal to 1');
    expect(error.body).toMatchObject({ detail: [{ loc: ['query', 'page'], type: 'greater_than_equal' }] });
  });

  test('a malformed id in a path is named by its location', async () => {
    const error = await failure(
      client().GET('/v1/accounts/{account_id}/environments/{environment_id}/rivers/{river_id}', {
        params: { path: { ...scope, river_id: 'river-1' } },
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.detail).toBe("path.river_id: String should match pattern '^[0-9a-f]{24}$'");
  });

  test('the legacy host answers a malformed body with 400 and its message', async () => {
    const error = await failure(client().POST('/run', { body: {} as never }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.detail).toBe('river_id is required');
  });
});

describe('429', () => {
  test('with retry-after: 1, the call waits a second and succeeds', async () => {
    sandbox.control.inject('rivery', { status: 429, headers: { 'retry-after': '1' } });
    const times: number[] = [];
    server.events.on('request:start', () => void times.push(Date.now()));
    expect(await settle(client().getRiver(river))).toMatchObject({ cross_id: river });
    server.events.removeAllListeners();
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBe(1_000);
    expect(sandbox.control.counts('rivery').faults).toBe(1);
  });

  test('without headers, as Rivery may send it, a GET is retried with backoff', async () => {
    const { run_id } = await client().runRiver(river);
    sandbox.control.inject('rivery', { status: 429, times: 2 });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const times: number[] = [];
    server.events.on('request:start', () => void times.push(Date.now()));
    expect(await settle(client().checkRun(run_id))).toMatchObject({ river_run_status: 'W' });
    server.events.removeAllListeners();
    // Full jitter at half the cap: 250 ms, then 500 ms.
    expect(times.map((time) => time - times[0]!)).toEqual([0, 250, 750]);
    expect(sandbox.control.counts('rivery').faults).toBe(2);
  });

  test('a POST is not resent after a 429: starting a run twice is not safe', async () => {
    sandbox.control.inject('rivery', { status: 429, headers: { 'retry-after': '1' } });
    const error = await failure(client().runRiver(river));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(1_000);
    expect(sandbox.control.counts('rivery').requests).toBe(1);
  });

  test('with an Idempotency-Key header, a POST is resent', async () => {
    sandbox.control.inject('rivery', { status: 429, headers: { 'retry-after': '1' } });
    const run = await settle(client().POST('/run', { body: { river_id: river }, headers: { 'Idempotency-Key': 'run-orders-1' } }));
    expect(run).toMatchObject({ river_id: river, river_run_status: 'W' });
  });
});
