// apiKey() with a function: read on first use, then again in the background every `rereadAfterMs`. A
// key does not expire by the clock, so a secrets store that is down at a re-read must not take the
// calls down while the key in hand still works.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { apiKey, ConfigurationError, createClient } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, recordingThingsApi } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

const minute = 60_000;

/** A key function over a vault the test can take down. */
function vault(key = 'key-1') {
  const state = { key, down: false };
  const read = vi.fn(() => {
    if (state.down) throw new Error('vault unavailable');
    return state.key;
  });
  return { state, read };
}

describe('apiKey(() => key)', () => {
  test('the key is re-read in the background after rereadAfterMs; the call at that moment sends the key in hand', async () => {
    const sent = recordingThingsApi(server);
    const { state, read } = vault();
    const api = createClient<paths>({ baseUrl: apiUrl, auth: apiKey(read, { rereadAfterMs: 10 * minute }) });
    await settle(api.GET('/things'));
    state.key = 'key-2';
    vi.advanceTimersByTime(11 * minute);
    await settle(api.GET('/things'));
    await settle(api.GET('/things'));
    expect(sent).toEqual(['Bearer key-1', 'Bearer key-1', 'Bearer key-2']);
    expect(read).toHaveBeenCalledTimes(2);
  });

  test('a re-read that fails keeps the key in hand in service', async () => {
    const sent = recordingThingsApi(server);
    const { state, read } = vault();
    const api = createClient<paths>({ baseUrl: apiUrl, auth: apiKey(read) });
    await settle(api.GET('/things'));
    state.down = true;
    vi.advanceTimersByTime(61 * minute);
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    vi.advanceTimersByTime(48 * 60 * minute);
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    expect(sent).toEqual(['Bearer key-1', 'Bearer key-1', 'Bearer key-1']);
  });

  test('a re-read that fails is counted in stats.renewalFailures', async () => {
    recordingThingsApi(server);
    const { state, read } = vault();
    const api = createClient<paths>({ baseUrl: apiUrl, auth: apiKey(read) });
    await settle(api.GET('/things'));
    state.down = true;
    vi.advanceTimersByTime(61 * minute);
    await settle(api.GET('/things'));
    expect(api.stats.renewalFailures).toBe(1);
  });
});

describe('apiKey() options', () => {
  test.each([
    [999, '999'],
    [1_500.5, '1500.5'],
    ['1h', 'a string'],
    // Past the timer range (about 24.8 days), as for every other millisecond option.
    [2 ** 31, '2147483648'],
  ])('rereadAfterMs %s is refused, naming the option and the rule', (rereadAfterMs, got) => {
    const read = () => 'key';
    expect(() => apiKey(read, { rereadAfterMs: rereadAfterMs as number })).toThrow(
      new ConfigurationError('rereadAfterMs', `must be a whole number of milliseconds ≥ 1000, got ${got}`),
    );
  });

  test('a key function returning an unsendable value names the option and never repeats the value', async () => {
    const api = createClient<paths>({ baseUrl: apiUrl, auth: apiKey(() => 'key with spaces') });
    const error = await api.GET('/things').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String((error as Error).message)).toMatch(/apiKey.*function returned a string that contains whitespace/);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('key with spaces');
  });
});
