import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { apiUrl, clientId, clientSecret, fakeOAuth } from './helpers/fake-oauth';
import { useMswServer } from './helpers/msw-server';

const root = join(import.meta.dirname, '..');
const scratch = join(import.meta.dirname, '.readme');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

const server = useMswServer();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a README block as a module that imports the package source, runs it, and returns what it logged. */
async function run(index: number): Promise<string[]> {
  const source = blocks[index]!
    .replaceAll("from 'keycard'", `from '${join(root, 'src/index.ts')}'`)
    .replaceAll("from './things-api.gen'", `from '${join(root, 'test/example/things-api.gen.ts')}'`);
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, `block-${index}.ts`);
  writeFileSync(file, source);
  const logged: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.join(' ')));
  await import(pathToFileURL(file).href);
  return logged;
}

describe('README examples', () => {
  let oauth: ReturnType<typeof fakeOAuth>;
  beforeEach(() => {
    oauth = fakeOAuth();
    vi.stubEnv('THINGS_CLIENT_ID', clientId);
    vi.stubEnv('THINGS_CLIENT_SECRET', clientSecret);
    vi.stubEnv('THINGS_API_KEY', 'things-key-42');
    server.use(
      oauth.tokenHandler,
      // API keys and backend tokens are accepted alongside the OAuth tokens.
      http.get(`${apiUrl}/things`, ({ request }) =>
        request.headers.get('x-api-key') === 'things-key-42' || request.headers.get('authorization') === 'Bearer from-backend'
          ? HttpResponse.json({ items: [] })
          : (oauth.check(request) ?? HttpResponse.json({ items: [{ id: 't1', name: 'first thing' }] })),
      ),
      http.get(`${apiUrl}/things/:id`, ({ request, params }) => oauth.check(request) ?? HttpResponse.json({ id: params.id, name: 'first thing' })),
      http.get('https://my-backend.example.com/things-token', () => HttpResponse.json({ access_token: 'from-backend', expires_in: 300 })),
      http.delete(`${apiUrl}/things/:id`, () =>
        HttpResponse.json({ code: 'THING_NOT_FOUND', message: 'no such thing' }, { status: 404, headers: { 'x-request-id': 'req-7' } }),
      ),
    );
  });

  test('the README has its examples', () => {
    expect(blocks).toHaveLength(3);
  });

  test('your own API: typed calls with client credentials, one token exchange', async () => {
    expect(await run(0)).toEqual(['first thing', '1 application/json']);
    expect(oauth.state.exchanges).toBe(1);
  });

  test('API keys and tokens from your backend', async () => {
    await run(1);
    expect(oauth.state.exchanges).toBe(0);
  });

  test('errors', async () => {
    expect(await run(2)).toEqual(['already deleted (THING_NOT_FOUND, request req-7)']);
  });
});
