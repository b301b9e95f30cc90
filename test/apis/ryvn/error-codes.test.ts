import { describe, expect, test } from 'vitest';
import {
  ApiError,
  ConflictError,
  InvalidTokenError,
  MissingCredentialsError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RyvnClient,
  ryvnErrorCodes,
  ServerError,
  ValidationError,
  type ApiErrorClass,
} from '../../../src/apis/ryvn/index';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox();
const { clientId, clientSecret, orgId } = sandbox.credentials.ryvn;

const ryvn = () => new RyvnClient({ clientId, clientSecret, orgId, maxRetries: 0 });

describe('each Ryvn error code maps to its class, with code, status and request id', () => {
  test.each<[string, number, ApiErrorClass]>([
    ['unauthenticated', 401, MissingCredentialsError],
    ['invalid_token', 401, InvalidTokenError],
    ['permission_denied', 403, PermissionDeniedError],
    ['not_found', 404, NotFoundError],
    ['invalid_argument', 400, ValidationError],
    ['already_exists', 409, ConflictError],
    ['rate_limited', 429, RateLimitError],
    ['internal', 500, ServerError],
    ['unavailable', 503, ServerError],
  ])('%s (%i)', async (code, status, ErrorClass) => {
    // Twice, so that a 401 is still there after the one refresh and resend.
    control.inject('ryvn', { status, times: 2, body: { code, message: `the ${code} case`, requestId: 'req_body' }, headers: { 'x-request-id': 'req_header' } });
    const error = await ryvn().listServices().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ code, status, detail: `the ${code} case`, requestId: 'req_header', method: 'GET' });
  });

  test('the map covers exactly the codes the spec models', () => {
    expect(Object.keys(ryvnErrorCodes).sort()).toEqual(
      ['already_exists', 'internal', 'invalid_argument', 'invalid_token', 'not_found', 'permission_denied', 'rate_limited', 'unauthenticated', 'unavailable'],
    );
  });

  test('an unknown code falls back to the class of its status', async () => {
    control.inject('ryvn', { status: 409, body: { code: 'something_new', message: 'new' } });
    const error = await ryvn().listServices().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'something_new' });
  });
});

describe('errors the emulated API sends by itself', () => {
  test('a body failing the server’s validation is a ValidationError (invalid_argument, 400)', async () => {
    // The typed PATCH skips updateSecret's own checks, so the server's answer shows.
    const error = await ryvn()
      .PATCH('/v1/orgs/{orgId}/secrets/{secretName}', {
        params: { path: { orgId, secretName: 'app-secrets' } },
        body: { add: { A: '1' }, remove: ['A'] },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_argument', detail: 'key A cannot be both added and removed' });
    expect((error as ApiError).requestId).toMatch(/^req_[0-9a-f]{16}$/);
  });

  test('the request id of the header and the body agree', async () => {
    const error = (await ryvn().getService('nope').catch((caught: unknown) => caught)) as ApiError;
    expect(error.requestId).toBe((error.body as { requestId: string }).requestId);
  });
});
