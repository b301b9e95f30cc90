import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError, createClient, KeycardError } from '../../../src/index';
import { apiUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

/** Every method on one path, which the example API does not have. */
type AnyMethod = Record<string, (path: string, init?: object) => Promise<unknown>>;
const client = () => createClient<never>({ baseUrl: apiUrl }) as unknown as AnyMethod;

/** `/r` fails once with `status` for `method`, then succeeds; records key and body of each attempt. */
function failOnce(method: string, status: number | 'network') {
  const seen: { key: string | null; body: string }[] = [];
  server.use(
    http.all(`${apiUrl}/r`, async ({ request }) => {
      if (request.method !== method) return HttpResponse.json({}, { status: 405 });
      seen.push({ key: request.headers.get('idempotency-key'), body: await request.text() });
      if (seen.length > 1) return method === 'HEAD' ? new HttpResponse(null) : HttpResponse.json({ ok: true });
      return status === 'network' ? HttpResponse.error() : HttpResponse.json({ message: 'x' }, { status });
    }),
  );
  return seen;
}

const transient = [408, 429, 500, 502, 503, 504, 'network'] as const;
// retry-policy.test.ts already pins these.
const pinned = new Set(['GET 503', 'GET network', 'POST 503', 'POST network', 'POST+key 503']);
const transientFor = (label: string) => transient.filter((status) => !pinned.has(`${label} ${status}`));

// RFC 9110 §9.2.2: idempotent methods may be sent again after a transient failure.
describe.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])('%s', (method) => {
  const init = method === 'PUT' ? { body: { a: 1 } } : {};

  test.each(transientFor(method))('is retried on %s', async (status) => {
    const seen = failOnce(method, status);
    expect(await settle(client()[method]!('/r', init))).not.toBeInstanceOf(Error);
    expect(seen.map((attempt) => attempt.body)).toEqual(method === 'PUT' ? ['{"a":1}', '{"a":1}'] : ['', '']);
  });

  test.each([400, 403, 404, 409, 413, 422, 501, 505])('is not retried on %s', async (status) => {
    const seen = failOnce(method, status);
    expect(await settle(client()[method]!('/r', init))).toBeInstanceOf(ApiError);
    expect(seen).toHaveLength(1);
  });
});

// Not idempotent: sent again only under an Idempotency-Key, which makes the resend safe.
describe.each(['POST', 'PATCH'])('%s', (method) => {
  test.each(transientFor(method))('without an Idempotency-Key is not retried on %s', async (status) => {
    const seen = failOnce(method, status);
    expect(await settle(client()[method]!('/r', { body: { a: 1 } }))).toBeInstanceOf(KeycardError);
    expect(seen).toHaveLength(1);
  });

  test.each(transientFor(`${method}+key`))('with an Idempotency-Key is retried on %s, with the same key and body', async (status) => {
    const seen = failOnce(method, status);
    expect(await settle(client()[method]!('/r', { body: { a: 1 }, headers: { 'Idempotency-Key': 'k-9' } }))).not.toBeInstanceOf(Error);
    expect(seen).toEqual([
      { key: 'k-9', body: '{"a":1}' },
      { key: 'k-9', body: '{"a":1}' },
    ]);
  });
});
