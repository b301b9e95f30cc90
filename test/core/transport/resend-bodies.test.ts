import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createClient } from '../../../src/index';
import { apiUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

/** PUT on a path the example API does not have, with any body. */
const put = (init: object) =>
  (createClient<never>({ baseUrl: apiUrl }) as unknown as { PUT: (path: string, init: object) => Promise<unknown> }).PUT('/r', init);
const raw = { bodySerializer: (body: unknown) => body };

/** `/r` answers the given statuses in turn, then 200; records content type and body, multipart boundaries masked. */
function answering(...statuses: number[]) {
  const seen: { type: string | null; body: string }[] = [];
  server.use(
    http.put(`${apiUrl}/r`, async ({ request }) => {
      seen.push({
        type: request.headers.get('content-type')?.replace(/boundary=.*/, 'boundary=…') ?? null,
        body: (await request.text()).replace(/-{2,}[\w-]+/g, '--B'),
      });
      const status = statuses[seen.length - 1] ?? 200;
      return HttpResponse.json({ ok: status === 200 }, { status });
    }),
  );
  return seen;
}

// A PUT may be resent after a transient failure (RFC 9110 §9.2.2): each resend must carry the whole body again.
describe('a request body arrives intact on every resend', () => {
  test('FormData, with a file', async () => {
    const seen = answering(503, 502);
    const form = new FormData();
    form.append('name', 'büro ✓');
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    expect(await settle(put({ body: form }))).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    expect(seen[0]!.body).toContain('hello');
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });

  test('a Blob', async () => {
    const seen = answering(503);
    const bytes = new Uint8Array([1, 2, 3, 250]);
    await settle(put({ body: new Blob([bytes]), ...raw, headers: { 'content-type': 'application/octet-stream' } }));
    const sent = { type: 'application/octet-stream', body: new TextDecoder().decode(bytes) };
    expect(seen).toEqual([sent, sent]);
  });

  test('a URL-encoded form', async () => {
    const seen = answering(503);
    await settle(put({ body: { a: 'x y', b: '1' }, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    const sent = { type: 'application/x-www-form-urlencoded', body: 'a=x+y&b=1' };
    expect(seen).toEqual([sent, sent]);
  });

  test('a ReadableStream', async () => {
    const seen = answering(503);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('chunk-1;'));
        controller.enqueue(encoder.encode('chunk-2'));
        controller.close();
      },
    });
    await settle(put({ body: stream, duplex: 'half', ...raw, headers: { 'content-type': 'text/plain' } }));
    const sent = { type: 'text/plain', body: 'chunk-1;chunk-2' };
    expect(seen).toEqual([sent, sent]);
  });
});
