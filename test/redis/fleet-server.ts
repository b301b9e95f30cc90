// A token endpoint and a protected API on 127.0.0.1, shared by the processes of a fleet: it counts
// exchanges, remembers when each token was issued, and counts calls that arrived with an expired
// token (on a loaded machine a request sent just in time can arrive late: the processes themselves
// count what they send, which is what keycard controls).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';

export const clientId = 'fleet-client';
export const clientSecret = 'fleet-secret-5c1f0e';

export interface Exchange {
  token: string;
  /** When it was issued (Date.now). */
  at: number;
  /** The `x-worker` header of the request: which process asked. */
  worker: string | null;
}

export interface FleetServerOptions {
  lifetimeSeconds: number;
  /** The client id it accepts. @default clientId */
  clientId?: string;
  /** Holds the answer to a token request while it returns a promise (to kill the asker meanwhile). */
  hold?: (exchange: Exchange, index: number) => Promise<unknown> | undefined;
}

export async function startFleetServer(options: FleetServerOptions) {
  const state = { exchanges: [] as Exchange[], calls: 0, expiredUses: 0, unknownUses: 0, lateBy: [] as number[] };
  const tokens = new Map<string, number>();
  const basic = `Basic ${Buffer.from(`${options.clientId ?? clientId}:${clientSecret}`).toString('base64')}`;

  async function token(request: IncomingMessage, response: ServerResponse) {
    for await (const _chunk of request);
    if (request.headers.authorization !== basic) {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client' }));
      return;
    }
    const at = Date.now();
    const expiresAt = at + options.lifetimeSeconds * 1000;
    // The expiry is in the token, so that a process can tell whether it sends an expired one.
    const exchange: Exchange = { token: `fleet-${state.exchanges.length + 1}-${expiresAt}-${Math.random().toString(36).slice(2)}`, at, worker: String(request.headers['x-worker'] ?? '') || null };
    state.exchanges.push(exchange);
    tokens.set(exchange.token, expiresAt);
    await options.hold?.(exchange, state.exchanges.length);
    if (response.destroyed) return;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ access_token: exchange.token, token_type: 'Bearer', expires_in: options.lifetimeSeconds }));
  }

  function api(request: IncomingMessage, response: ServerResponse) {
    state.calls += 1;
    const sent = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const expiresAt = tokens.get(sent);
    if (expiresAt === undefined || Date.now() >= expiresAt) {
      if (expiresAt === undefined) state.unknownUses += 1;
      else {
        state.expiredUses += 1;
        // How long past its expiry the token arrived: a few ms is a loaded machine, seconds a defect.
        state.lateBy.push(Date.now() - expiresAt);
      }
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'invalid token' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
  }

  const server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/oauth/token') void token(request, response);
    else api(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    state,
    tokenUrl: `http://127.0.0.1:${port}/oauth/token`,
    apiUrl: `http://127.0.0.1:${port}`,
    /** Makes the API reject a token from now on, as a revocation would. */
    revoke: (value: string) => tokens.delete(value),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
