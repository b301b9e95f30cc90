// `npm start`: keycard against a local OAuth server and API on 127.0.0.1. No credentials, no network.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { clientCredentials, createClient, NotFoundError } from 'keycard';
import type { paths } from '../test/example/things-api.gen.ts';

const clientId = 'demo-client';
const clientSecret = 'demo-secret';
const tokens = new Map<string, number>();
const counts = { exchanges: 0, requests: 0, rejected: 0 };
let throttleNext = false;

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function handle(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method === 'POST' && url.pathname === '/oauth/token') {
    counts.exchanges += 1;
    if (request.headers.authorization !== `Basic ${btoa(`${clientId}:${clientSecret}`)}`) {
      return send(response, 401, { error: 'invalid_client' });
    }
    const token = `token-${counts.exchanges}`;
    tokens.set(token, Date.now() + 3_600_000);
    return send(response, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
  }
  counts.requests += 1;
  const token = request.headers.authorization?.replace('Bearer ', '') ?? '';
  if (!((tokens.get(token) ?? 0) > Date.now())) {
    counts.rejected += 1;
    return send(response, 401, { error: 'invalid_token', message: 'token unknown or expired' });
  }
  if (throttleNext) {
    throttleNext = false;
    return send(response, 429, { message: 'slow down' }, { 'retry-after': '1' });
  }
  if (url.pathname === '/things') return send(response, 200, { items: [{ id: 't1', name: 'first thing' }] });
  if (url.pathname === '/things/t1') return send(response, 200, { id: 't1', name: 'first thing' });
  return send(response, 404, { code: 'THING_NOT_FOUND', message: `no thing at ${url.pathname}` });
}

const server = createServer(handle);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };
const base = `http://127.0.0.1:${port}`;
const step = (text: string) => console.log(`\n▸ ${text}`);

try {
  const api = createClient<paths>({
    baseUrl: base,
    auth: clientCredentials({ tokenUrl: `${base}/oauth/token`, clientId, clientSecret, scopes: ['things:read'] }),
  });

  step('First call: the client exchanges its credentials for a token');
  const { items } = await api.GET('/things');
  console.log(`  ${items.length} thing(s); token exchanges so far: ${counts.exchanges}`);

  step('50 concurrent calls share that token');
  await Promise.all(Array.from({ length: 50 }, () => api.GET('/things/{id}', { params: { path: { id: 't1' } } })));
  console.log(`  token exchanges so far: ${counts.exchanges}`);

  step('The server revokes the token: one 401, one refresh, one resend');
  tokens.clear();
  const thing = await api.GET('/things/{id}', { params: { path: { id: 't1' } } });
  console.log(`  got "${thing.name}" after ${counts.rejected} rejected request(s); token exchanges: ${counts.exchanges}`);

  step('A 429 with Retry-After: 1 is waited out');
  throttleNext = true;
  const started = Date.now();
  await api.GET('/things');
  console.log(`  answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  step('A 404 becomes a typed error');
  try {
    await api.GET('/things/{id}', { params: { path: { id: 'nope' } } });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`  ${error.name}: ${error.code} — ${error.detail}`);
  }

  console.log(`\nDone: ${counts.exchanges} token exchanges, ${counts.requests} API requests, ${counts.rejected} rejected.`);
} finally {
  server.close();
}
