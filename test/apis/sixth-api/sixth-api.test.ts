import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, expectTypeOf, test, vi } from 'vitest';
import { defineApiClient } from '../../../src/core/client/define-api-client';
import { ConfigurationError, MemoryTokenStore, NotFoundError } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { useMswServer } from '../../helpers/msw-server';
import { thingsProvider, ThingTakenError } from './provider';

const ThingsClient = defineApiClient<paths, typeof thingsProvider>(thingsProvider);
const key = 'things_key_1234';

const server = useMswServer();
beforeEach(() => {
  for (const name of ['THINGS_API_KEY', 'THINGS_API_URL', 'THINGS_SHELF']) vi.stubEnv(name, '');
});

/** Answers `/things` on `origin` with the key it was sent, so tests see which key and host were used. */
function serveThings(origin = 'https://api.example.com') {
  server.use(
    http.get(`${origin}/things`, ({ request }) => HttpResponse.json({ items: [{ id: '1', name: request.headers.get('authorization') ?? 'none' }] })),
    http.post(`${origin}/things`, () => HttpResponse.json({ code: 'thing_taken', message: 'taken' }, { status: 409 })),
    http.get(`${origin}/things/:id`, () => HttpResponse.json({ code: 'no_such_thing', message: 'gone' }, { status: 404 })),
  );
}

describe('a sixth API from a spec and a provider.ts alone', () => {
  test('gets a typed client', () => {
    const things = new ThingsClient({ apiKey: key });
    expectTypeOf(things.GET).parameter(0).toEqualTypeOf<'/things' | '/things/{id}'>();
    expectTypeOf<Awaited<ReturnType<typeof things.GET<'/things', {}>>>>().toHaveProperty('items');
    expectTypeOf<NonNullable<ConstructorParameters<typeof ThingsClient>[0]>>().toHaveProperty('shelf').toEqualTypeOf<string | undefined>();
    // Checked by the compiler only, never run.
    const typeOnly = () => {
      // @ts-expect-error units are in the names
      void new ThingsClient({ apiKey: key, timeout: 5 });
      // @ts-expect-error not a path of the spec
      void things.GET('/nothing');
    };
    void typeOnly;
  });

  test('reads its key and URL from the environment, else its defaults', async () => {
    serveThings();
    vi.stubEnv('THINGS_API_KEY', key);
    const things = new ThingsClient();
    expect(things.baseUrl).toBe('https://api.example.com');
    expect((await things.GET('/things')).items[0]!.name).toBe(`Bearer ${key}`);
    vi.stubEnv('THINGS_API_URL', 'https://eu.things.example');
    serveThings('https://eu.things.example');
    expect(new ThingsClient().baseUrl).toBe('https://eu.things.example');
  });

  test('a missing key or a bad value says which option, and which variable it was read from', () => {
    expect(() => new ThingsClient()).toThrow(
      expect.objectContaining({ option: 'apiKey', message: expect.stringContaining('is required: pass `apiKey` or set THINGS_API_KEY (Things → Settings → Keys)') }),
    );
    vi.stubEnv('THINGS_API_URL', 'http://things.example');
    expect(() => new ThingsClient({ apiKey: key })).toThrow(expect.objectContaining({ option: 'baseUrl', message: expect.stringMatching(/https.*\(read from THINGS_API_URL\)/) }));
    vi.stubEnv('THINGS_API_URL', '');
    vi.stubEnv('THINGS_SHELF', 'Top Shelf');
    expect(() => new ThingsClient({ apiKey: key })).toThrow(expect.objectContaining({ option: 'shelf', message: expect.stringContaining('(from THINGS_SHELF)') }));
  });

  test('the core options are checked as createClient checks them, naming the option', () => {
    const store = new MemoryTokenStore();
    const keyFunction = () => key;
    expect(() => new ThingsClient({ apiKey: keyFunction, tokenStore: store, tokenStoreTimeoutMs: 0 })).toThrow(
      expect.objectContaining({ option: 'tokenStoreTimeoutMs', message: expect.stringContaining('whole number of milliseconds ≥ 1, got 0') }),
    );
    expect(() => new ThingsClient({ apiKey: key, maxRetries: 11 })).toThrow(expect.objectContaining({ option: 'maxRetries' }));
    expect(() => new ThingsClient({ apiKey: key, headers: { authorization: 'Bearer x' } })).toThrow(expect.objectContaining({ option: 'headers' }));
  });

  test('maps its own error codes, and unknown codes to their status class', async () => {
    serveThings();
    const things = new ThingsClient({ apiKey: key });
    await expect(things.POST('/things', { body: { name: 'x' } })).rejects.toBeInstanceOf(ThingTakenError);
    await expect(things.GET('/things/{id}', { params: { path: { id: '9' } } })).rejects.toBeInstanceOf(NotFoundError);
  });

  test('refuses unknown options with the one that was meant', () => {
    expect(() => new ThingsClient({ apiKey: key, shelv: 'top' } as never)).toThrow(/`shelv`.*ThingsClient; did you mean `shelf`\?/);
    expect(() => new ThingsClient({ apikey: key } as never)).toThrow(/did you mean `apiKey`\?/);
    expect(() => new ThingsClient({ apiKey: key, tokenStore: 'redis' as never })).toThrow(ConfigurationError);
    expect(() => new ThingsClient({ apiKey: () => key, tokenStore: new MemoryTokenStore() })).not.toThrow();
  });

  test('withOptions returns the same class, sharing the key and settings', async () => {
    serveThings();
    const things = new ThingsClient({ apiKey: key, shelf: 'top' });
    const derived = things.withOptions({ headers: { 'x-trace': 'derived' } });
    expect(derived).toBeInstanceOf(ThingsClient);
    expect((await derived.GET('/things')).items[0]!.name).toBe(`Bearer ${key}`);
    expect(() => things.withOptions({ apiKey: 'other' } as never)).toThrow(ConfigurationError);
  });
});
