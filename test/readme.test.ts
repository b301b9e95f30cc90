import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { providers } from '../src/apis/registry';
import { createSandbox, rynkoSandbox } from '../src/sandbox/index';
import { apiUrl, clientId, clientSecret, fakeOAuth, type FakeOAuthOptions } from './helpers/fake-oauth';
import { settle, useFakeTime } from './helpers/fake-time';
import { recordedSpans } from './helpers/fake-otel';
import { useMswServer } from './helpers/msw-server';

const root = join(import.meta.dirname, '..');
const scratch = join(import.meta.dirname, '.readme');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every ```ts block of the README, under the heading it appears in. */
const blocks = new Map<string, string[]>();
let heading = '';
for (const part of readme.split(/^(#{2,3} .+)$/m)) {
  if (/^#{2,3} /.test(part)) heading = part.replace(/^#+ /, '').trim();
  else for (const match of part.matchAll(/```ts\n([\s\S]*?)```/g)) blocks.set(heading, [...(blocks.get(heading) ?? []), match[1]!]);
}

const server = useMswServer();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());
let written = 0;

/**
 * Writes a README block as a module of the package source whose statements run in `main()`, so that
 * the module loads on the real clock and only the example itself runs on the fake one.
 */
async function load(section: string, index: number): Promise<() => Promise<void>> {
  const block = blocks.get(section)?.[index];
  if (block === undefined) throw new Error(`README has no example ${index} under "${section}"`);
  const source = block
    .replace(/from 'keycard\/sandbox'/g, `from '${join(root, 'src/sandbox/index.ts')}'`)
    .replace(/from 'keycard\/(\w+)'/g, (_match, api: string) => `from '${join(root, `src/apis/${api}/index.ts`)}'`)
    .replaceAll("from 'keycard'", `from '${join(root, 'src/index.ts')}'`)
    .replaceAll("from './things-api.gen'", `from '${join(root, 'test/example/things-api.gen.ts')}'`)
    .replaceAll("from '@opentelemetry/api'", `from '${join(root, 'test/helpers/fake-otel.ts')}'`);
  // The leading import statements (each may span lines, up to its `from '…';`) stay at the top.
  const lines = source.split('\n');
  let importEnd = 0;
  while (lines[importEnd]?.startsWith('import ')) {
    while (!/from '[^']+';$/.test(lines[importEnd]!)) importEnd += 1;
    importEnd += 1;
  }
  const imports = lines.slice(0, importEnd).join('\n');
  const body = lines.slice(importEnd).join('\n');
  mkdirSync(scratch, { recursive: true });
  written += 1;
  const file = join(scratch, `block-${written}.ts`);
  writeFileSync(file, `${imports}\nexport default async function main() {\n${body}\n}\n`);
  return ((await import(pathToFileURL(file).href)) as { default: () => Promise<void> }).default;
}

/** Runs the block under `section` and returns what it printed; `fakeTime` runs it on the fake clock. */
async function run(section: string, options: { index?: number; fakeTime?: boolean } = {}): Promise<string[]> {
  const main = await load(section, options.index ?? 0);
  const logged: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.join(' ')));
  if (options.fakeTime) {
    useFakeTime();
    const outcome = await settle(main());
    if (outcome instanceof Error) throw outcome;
  } else {
    await main();
  }
  return logged;
}

/** The fake OAuth server and things API the "Your own API" examples run against. */
function thingsApi(options: FakeOAuthOptions = {}) {
  const oauth = fakeOAuth(options);
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
  return oauth;
}

/** Every line written to the console's debug, info, warn and error while the returned array is in use. */
function consoleLines(): string[] {
  const lines: string[] = [];
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...values: unknown[]) => void lines.push(values.map(String).join(' ')));
  }
  return lines;
}

describe('README: your own API', () => {
  let oauth: ReturnType<typeof fakeOAuth>;
  beforeEach(() => {
    oauth = thingsApi();
  });

  test('typed calls with client credentials, one token exchange', async () => {
    expect(await run('Your own API')).toEqual(['first thing', '1 application/json']);
    expect(oauth.state.exchanges).toBe(1);
  });

  test('API keys and tokens from your backend', async () => {
    await run('API keys, and tokens from your backend');
    expect(oauth.state.exchanges).toBe(0);
  });

  test('errors', async () => {
    expect(await run('Errors')).toEqual(['already deleted (THING_NOT_FOUND, request req-7)']);
  });

  test('logging, hooks and tracing: the hooks see the exchange and each response, debug lines go to the logger', async () => {
    const lines = consoleLines();
    expect(await run('Logging, hooks and tracing')).toEqual(['token blocking: ok, 3600000 ms', 'GET https://api.example.com/things → 200 (attempt 1)']);
    expect(lines.some((line) => line.startsWith('keycard attempt method=GET url=https://api.example.com/things attempt=1 status=200 durationMs='))).toBe(true);
  });

  test('the OpenTelemetry bridge makes a span of the exchange and one of the call', async () => {
    consoleLines();
    await run('Logging, hooks and tracing', { index: 1 });
    await run('Your own API');
    expect(recordedSpans.slice(0, 2)).toEqual([
      { name: 'keycard token exchange', kind: 2, attributes: { 'keycard.credential': expect.stringMatching(/^credential:\w+$/), 'keycard.mode': 'blocking' }, status: undefined, ended: true },
      {
        name: 'keycard GET',
        kind: 2,
        attributes: { 'http.request.method': 'GET', 'url.full': 'https://api.example.com/things?limit=10', 'http.response.status_code': 200 },
        status: undefined,
        ended: true,
      },
    ]);
  });
});

describe('README at KEYCARD_LOG=debug: no secret, key or token in any line', () => {
  test('your own API, API keys and errors, with JWT-sized tokens', async () => {
    const oauth = thingsApi({ tokenLength: 3_000 });
    vi.stubEnv('KEYCARD_LOG', 'debug');
    const sent: string[] = [];
    const onRequest = ({ request }: { request: Request }) => void sent.push(...[request.headers.get('authorization'), request.headers.get('x-api-key')].filter((value) => value !== null));
    server.events.on('request:start', onRequest);
    const lines = consoleLines();
    try {
      for (const section of ['Your own API', 'API keys, and tokens from your backend', 'Errors', 'Logging, hooks and tracing']) await run(section);
    } finally {
      server.events.removeListener('request:start', onRequest);
    }
    const tokens = [...oauth.state.tokens.keys()];
    expect(tokens.every((token) => token.length >= 3_000)).toBe(true);
    const secrets = [clientSecret, 'things-key-42', 'from-backend', btoa(`${clientId}:${clientSecret}`), ...tokens, ...sent.map((value) => value.replace(/^(Bearer|Basic) /, ''))];
    expect(lines.filter((line) => line.startsWith('keycard attempt ') && line.includes(' status=200 ')).length).toBeGreaterThanOrEqual(5);
    expect(lines.some((line) => line.startsWith('keycard token-exchange credential='))).toBe(true);
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });

  test('the five APIs against the sandbox, with 4 kB JWTs', async () => {
    const sandbox = createSandbox({ tokenFormat: 'jwt', jwtLength: 4_096 });
    const { credentials, urls } = sandbox;
    server.use(...sandbox.handlers);
    const env: Record<string, string> = {
      KEYCARD_LOG: 'debug',
      RYVN_CLIENT_ID: credentials.ryvn.clientId,
      RYVN_CLIENT_SECRET: credentials.ryvn.clientSecret,
      RYVION_API_KEY: credentials.ryvion.apiKey,
      RIVERY_API_TOKEN: credentials.rivery.apiToken,
      RIVERY_ACCOUNT_ID: credentials.rivery.accountId,
      RIVERY_ENVIRONMENT_ID: credentials.rivery.environmentId,
      RYNKO_API_KEY: credentials.rynko.apiKey,
      SCRYDON_URL: urls.scrydon,
      SCRYDON_AUTH_URL: urls.scrydonAuth,
      SCRYDON_CLIENT_ID: credentials.scrydon.clientId,
      SCRYDON_CLIENT_SECRET: credentials.scrydon.clientSecret,
      SCRYDON_SCOPES: credentials.scrydon.scopes.join(' '),
      SCRYDON_ENVIRONMENT_ID: credentials.scrydon.environmentId,
      SCRYDON_WEBHOOK_SECRET: credentials.scrydon.webhookSecret,
    };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const sent: string[] = [];
    const onRequest = ({ request }: { request: Request }) => void sent.push(...[request.headers.get('authorization'), request.headers.get('x-api-key')].filter((value) => value !== null));
    server.events.on('request:start', onRequest);
    const lines = consoleLines();
    try {
      // Each API's README section is headed by its name.
      for (const { name } of providers) await run(`${name[0]!.toUpperCase()}${name.slice(1)}`, { fakeTime: true });
    } finally {
      server.events.removeListener('request:start', onRequest);
    }
    // Every key, secret and token the sandbox holds, whatever the API calls it, and every credential sent.
    const secretsOf = (value: unknown): string[] =>
      typeof value !== 'object' || value === null
        ? []
        : Object.entries(value).flatMap(([key, item]) => (typeof item === 'string' ? (/secret|key|token/i.test(key) ? [item] : []) : secretsOf(item)));
    const secrets = [...secretsOf(credentials), ...sent.map((value) => value.replace(/^(Bearer|Basic) /, ''))];
    expect(secretsOf(credentials).length).toBeGreaterThanOrEqual(5);
    expect(lines.filter((line) => line.startsWith('keycard attempt ') && / status=20\d /.test(line)).length).toBeGreaterThanOrEqual(15);
    expect(lines.some((line) => line.startsWith('keycard wait-end '))).toBe(true);
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});

describe('README: the APIs, against the in-process sandbox with default URLs and credentials from the environment', () => {
  const sandbox = createSandbox();
  const { credentials, urls, control } = sandbox;
  beforeEach(() => {
    control.reset();
    server.use(...sandbox.handlers);
  });

  test('Ryvn', async () => {
    vi.stubEnv('RYVN_CLIENT_ID', credentials.ryvn.clientId);
    vi.stubEnv('RYVN_CLIENT_SECRET', credentials.ryvn.clientSecret);
    expect(await run('Ryvn', { fakeTime: true })).toEqual([
      'Sandbox: api, web, worker',
      'dry_run of api 1.4.2: pending',
      'app-secrets v4: API_TOKEN, DATABASE_URL',
    ]);
    expect(control.counts('ryvn').tokenExchanges).toBe(1);
  });

  test('Ryvion, and its catch branch at the spending cap', async () => {
    vi.stubEnv('RYVION_API_KEY', credentials.ryvion.apiKey);
    expect(await run('Ryvion', { fakeTime: true })).toEqual([
      'refunds.txt: queued',
      'Sandbox answer from phi-4 to: Hello',
      'streamed: Sandbox answer from phi-4 to: Hello',
      '2 embeddings of 384 numbers',
      'receipt from n_ca_sandbox_01 for phi-4: verified true, 11 units',
    ]);
    control.inject('ryvion', { status: 429, path: '/v1/chat/completions' });
    expect((await run('Ryvion', { fakeTime: true })).at(-1)).toBe(
      'spending cap reached: Spending velocity limit exceeded. Current limit: $5.00 CAD/hour.',
    );
  });

  test('Rivery', async () => {
    vi.stubEnv('RIVERY_API_TOKEN', credentials.rivery.apiToken);
    vi.stubEnv('RIVERY_ACCOUNT_ID', credentials.rivery.accountId);
    vi.stubEnv('RIVERY_ENVIRONMENT_ID', credentials.rivery.environmentId);
    expect(await run('Rivery', { fakeTime: true })).toEqual(['25 rivers', 'pending', 'running', 'succeeded', 'ended succeeded', 'D time,level,message']);
  });

  test('Rynko, and its catch branch for a failed job', async () => {
    vi.stubEnv('RYNKO_API_KEY', credentials.rynko.apiKey);
    const printed = await run('Rynko', { fakeTime: true });
    expect(printed.slice(0, 4)).toEqual(['key of sandbox@rynko.dev', 'queued', 'processing', 'completed']);
    expect(printed[4]).toMatch(/^\d+ bytes of application\/pdf$/);
    expect(rynkoSandbox(control).storage).toEqual({ requests: 1, refusedCredentials: 0 });
    rynkoSandbox(control).templates.get('tmpl_invoice')!.renderError = 'Missing font Inter';
    expect((await run('Rynko', { fakeTime: true })).at(-1)).toBe('failed: ERR_DOC_004 Missing font Inter');
  });

  test('Rynko: template writes from a dashboard session through tokenFunction', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3Jfc2FuZGJveCJ9.c2Vzc2lvbg';
    vi.stubEnv('RYNKO_SESSION_JWT', jwt);
    rynkoSandbox(control).dashboardSessions.add(jwt);
    expect(await run('Rynko', { index: 1 })).toEqual(['created Cover letter']);
    expect([...rynkoSandbox(control).templates.values()].map((template) => template.name)).toContain('Cover letter');
  });

  test('Scrydon', async () => {
    vi.stubEnv('SCRYDON_URL', urls.scrydon);
    vi.stubEnv('SCRYDON_AUTH_URL', urls.scrydonAuth);
    vi.stubEnv('SCRYDON_CLIENT_ID', credentials.scrydon.clientId);
    vi.stubEnv('SCRYDON_CLIENT_SECRET', credentials.scrydon.clientSecret);
    vi.stubEnv('SCRYDON_SCOPES', credentials.scrydon.scopes.join(' '));
    vi.stubEnv('SCRYDON_ENVIRONMENT_ID', credentials.scrydon.environmentId);
    vi.stubEnv('SCRYDON_WEBHOOK_SECRET', credentials.scrydon.webhookSecret);
    expect(await run('Scrydon', { fakeTime: true })).toEqual([
      'sa_sandbox in org_sandbox',
      'true',
      '{"response":{"ok":true,"echo":{"customerId":"c_42"}}}',
      'no role in env_staging: WORKSPACE_ACCESS_DENIED',
    ]);
    expect(control.counts('scrydon').tokenExchanges).toBe(1);
  });
});

describe('README: the sandbox', () => {
  // These examples bring their own msw server, or real sockets: the test's server steps aside.
  beforeEach(() => server.close());
  afterEach(() => server.listen({ onUnhandledFrame: 'error' }));

  test('in-process, with msw', async () => {
    expect(await run('Sandbox', { index: 0 })).toEqual(['sandbox@rynko.dev', 'true']);
  });

  test('over real HTTP on 127.0.0.1', async () => {
    expect(await run('Sandbox', { index: 1 })).toEqual(['1']);
  });
});
