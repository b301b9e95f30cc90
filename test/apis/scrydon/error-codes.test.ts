import { describe, expect, test } from 'vitest';
import {
  ApiError,
  InsufficientScopeError,
  InvalidTokenError,
  MissingCredentialsError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  scrydonErrorCodes,
  ServerError,
  ValidationError,
  WorkspaceAccessError,
} from '../../../src/apis/scrydon/index';
import { scrydonState } from '../../../src/sandbox/scrydon/scrydon-state';
import { useScrydonSandbox } from './scrydon-test-kit';

const kit = useScrydonSandbox();
const { scrydon } = kit.sandbox.credentials;

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

/** Every code Scrydon sends, provoked through the sandbox, and the class it must become. */
const cases: [code: string, status: number, expected: typeof ApiError, provoke: () => Promise<unknown>][] = [
  [
    'UNAUTHORIZED',
    401,
    MissingCredentialsError,
    () => {
      // A client always sends its token; the sandbox says what Scrydon says to a request without one.
      kit.control.inject('scrydon', { status: 401, times: 2, body: { code: 'UNAUTHORIZED', message: 'A bearer token is required', requestId: 'req_inj1' } });
      return kit.client().whoami();
    },
  ],
  [
    'INVALID_TOKEN',
    401,
    InvalidTokenError,
    () => {
      // Refused twice: once for the token in hand, once for the renewed one.
      kit.control.inject('scrydon', { status: 401, times: 2 });
      return kit.client().whoami();
    },
  ],
  ['INSUFFICIENT_SCOPE', 403, InsufficientScopeError, () => kit.client({ scopes: ['logs:read'] }).listWorkflows()],
  ['WORKSPACE_ACCESS_DENIED', 403, WorkspaceAccessError, () => kit.client().listWorkflows({ environmentId: 'env_staging' })],
  ['WORKSPACE_ROLE_REQUIRED', 403, WorkspaceAccessError, () => kit.client().deleteWorkflow('wf_churn_alert')],
  ['VALIDATION_ERROR', 400, ValidationError, () => kit.client().listWorkflows({ limit: 0 })],
  ['ENVIRONMENT_NOT_FOUND', 404, NotFoundError, () => kit.client().listWorkflows({ environmentId: 'env_nowhere' })],
  ['NOT_FOUND', 404, NotFoundError, () => kit.client().getWorkflow('wf_nowhere')],
  [
    'RATE_LIMITED',
    429,
    RateLimitError,
    () => {
      kit.control.inject('scrydon', { status: 429, path: '/whoami' });
      return kit.client().whoami({ maxRetries: 0 });
    },
  ],
  [
    'INTERNAL_ERROR',
    500,
    ServerError,
    () => {
      kit.control.inject('scrydon', { status: 500 });
      return kit.client().listWorkflows({ maxRetries: 0 });
    },
  ],
];

describe('Scrydon error codes', () => {
  test('the map covers every code the API documents, and nothing else', () => {
    expect(Object.keys(scrydonErrorCodes).sort()).toEqual(cases.map(([code]) => code).sort());
  });

  test.each(cases)('%s (%i) becomes %O with code, status and request id', async (code, status, expected, provoke) => {
    const error = await failure(provoke());
    expect(error).toBeInstanceOf(expected);
    expect(error.constructor).toBe(expected);
    expect(error).toMatchObject({ code, status });
    expect(error.requestId).toMatch(/^req_/);
  });
});

describe('workspace access versus scope', () => {
  test('an account with the scope but no role in the environment gets WorkspaceAccessError', async () => {
    const error = await failure(kit.client().listWorkflows({ environmentId: 'env_staging' }));
    expect(error).toBeInstanceOf(WorkspaceAccessError);
    // Still an InsufficientScopeError and a PermissionDeniedError for code that only knows those.
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.name).toBe('WorkspaceAccessError');
    expect(error.detail).toBe(`Service account ${scrydon.clientId} has no role in environment env_staging`);
    expect(error.body).toMatchObject({ details: { environmentId: 'env_staging' } });
  });

  test('a missing scope is an InsufficientScopeError, not a WorkspaceAccessError', async () => {
    const error = await failure(kit.client({ scopes: ['logs:read'] }).listStorageFiles());
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error).not.toBeInstanceOf(WorkspaceAccessError);
    expect(error.body).toMatchObject({ details: { requiredScope: 'storage:read' } });
  });

  test('once an admin assigns the account, the same call succeeds', async () => {
    const client = kit.client();
    await expect(client.listWorkflows({ environmentId: 'env_staging' })).rejects.toBeInstanceOf(WorkspaceAccessError);
    scrydonState(kit.control).assign(scrydon.clientId, 'env_staging', 'member');
    expect((await client.listWorkflows({ environmentId: 'env_staging' })).data.map((workflow) => workflow.id)).toEqual(['wf_staging_smoke']);
  });

  test('a caller-supplied code map extends Scrydon’s instead of replacing it', async () => {
    class TeapotError extends ApiError {
      override name = 'TeapotError';
    }
    kit.control.inject('scrydon', { status: 418, body: { code: 'TEAPOT', message: 'short and stout' } });
    const client = kit.client({ errorCodes: { TEAPOT: TeapotError } });
    expect(await failure(client.whoami())).toBeInstanceOf(TeapotError);
    expect(await failure(client.listWorkflows({ environmentId: 'env_staging' }))).toBeInstanceOf(WorkspaceAccessError);
  });
});

describe('errors carry no secrets', () => {
  test('neither the token nor the client secret appears in an API error', async () => {
    const error = await failure(kit.client().listWorkflows({ environmentId: 'env_staging' }));
    const views = [error.message, JSON.stringify(error), JSON.stringify([...error.headers])];
    for (const view of views) {
      expect(view).not.toContain(scrydon.clientSecret);
      expect(view).not.toMatch(/scrydon_at_/);
    }
  });
});
