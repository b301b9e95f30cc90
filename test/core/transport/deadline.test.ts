import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clientCredentials, createClient, ServerError, TimeoutError } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, fakeOAuth, tokenUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

// DESIGN.md › Retries: one overall deadline per call (totalTimeoutMs), "including while waiting for a token".
describe('the overall deadline (totalTimeoutMs)', () => {
  test('covers the wait for a token', async () => {
    // Each token answer takes 8 s: inside the 10 s token timeout, past the call's 5 s deadline.
    const oauth = fakeOAuth({ respond: () => new Promise((resolve) => setTimeout(() => resolve(undefined), 8_000)) });
    server.use(...oauth.handlers);
    const api = createClient<paths>({ baseUrl: apiUrl, totalTimeoutMs: 5_000, auth: clientCredentials({ tokenUrl, clientId, clientSecret }) });
    const before = Date.now();
    expect(await settle(api.GET('/things'))).toBeInstanceOf(TimeoutError);
    expect(Date.now() - before).toBeLessThanOrEqual(5_000);
    expect(oauth.state.sent).toEqual([]);
  });

  test('a retry wait it would cut short fails at once, with the last failure as the cause', async () => {
    let attempts = 0;
    server.use(
      http.get(`${apiUrl}/things`, () => {
        attempts += 1;
        return HttpResponse.json({}, { status: 503, headers: { 'retry-after': '30' } });
      }),
    );
    const api = createClient<paths>({ baseUrl: apiUrl, totalTimeoutMs: 10_000 });
    const before = Date.now();
    const error = await settle(api.GET('/things'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).cause).toBeInstanceOf(ServerError);
    expect(Date.now() - before).toBeLessThan(10_000);
    await vi.advanceTimersByTimeAsync(60_000); // no wait left behind to send or count a retry later
    expect(attempts).toBe(1);
    expect(api.stats.retries).toBe(0);
  });
});
