import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler } from 'msw';
import { getResponse } from './msw-peer';
import { createSandbox, type Sandbox, type SandboxOptions } from './create-sandbox';
import { secondOriginHosts, servedPaths, type SandboxUrls } from './sandbox-urls';

/** A sandbox served over HTTP on 127.0.0.1. */
export interface RunningSandbox extends Sandbox {
  /** Closes the servers and their connections. */
  stop(): Promise<void>;
}

/** Options of `startSandbox()`. */
export interface StartSandboxOptions extends Pick<SandboxOptions, 'control' | 'tokenFormat' | 'jwtLength'> {
  /** Port of the API server. @default a free port */
  port?: number;
  /** Port of the second origin, for hosts that must not share the APIs' origin (signed download URLs). @default a free port */
  storagePort?: number;
}

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** CORS for browser clients: any page may call the sandbox, with credentials in headers (not cookies). */
function cors(request: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': request.headers.origin ?? '*',
    'access-control-expose-headers': '*',
    vary: 'origin',
  };
}

function bridge(handlers: HttpHandler[], origin: string) {
  return async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    try {
      if (incoming.method === 'OPTIONS' && incoming.headers['access-control-request-method']) {
        outgoing.writeHead(204, {
          ...cors(incoming),
          'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
          'access-control-allow-headers': incoming.headers['access-control-request-headers'] ?? '*',
          'access-control-max-age': '600',
        });
        outgoing.end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const body = await readBody(incoming);
      const request = new Request(new URL(incoming.url ?? '/', origin), {
        method: incoming.method,
        headers,
        ...(body === undefined ? {} : { body: new Uint8Array(body) }),
      });
      const response =
        (await getResponse(handlers, request)) ?? Response.json({ message: `No sandbox route for ${request.method} ${new URL(request.url).pathname}` }, { status: 404 });
      outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), ...cors(incoming) });
      if (response.body !== null && incoming.method !== 'HEAD') {
        // Streamed, so that server-sent events reach the client as they are written.
        const reader = response.body.getReader();
        // A client that goes away cancels the stream, so that an emulator stops writing to nobody.
        outgoing.once('close', () => void reader.cancel().catch(() => undefined));
        for (let part = await reader.read(); !part.done; part = await reader.read()) outgoing.write(part.value);
      }
      outgoing.end();
    } catch (error) {
      if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ message: `sandbox failure: ${error instanceof Error ? error.message : String(error)}` }));
    }
  };
}

/**
 * Serves the emulated APIs over real HTTP on 127.0.0.1: one server for the APIs (each host under
 * its own path) and one for the second origin that signed download URLs point to.
 *
 * @example
 * ```ts
 * import { startSandbox } from 'keycard/sandbox';
 * import { RynkoClient } from 'keycard/rynko';
 * const sandbox = await startSandbox();
 * const rynko = new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey, baseUrl: sandbox.urls.rynko });
 * // …
 * await sandbox.stop();
 * ```
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const api = createServer();
  const storage = createServer();
  const apiOrigin = `http://127.0.0.1:${await listen(api, options.port ?? 0)}`;
  const storageOrigin = `http://127.0.0.1:${await listen(storage, options.storagePort ?? 0)}`;
  const urls = Object.fromEntries(
    Object.entries(servedPaths).map(([name, path]) => [name, `${secondOriginHosts.has(name) ? storageOrigin : apiOrigin}${path}`]),
  ) as SandboxUrls;
  const { control, tokenFormat, jwtLength } = options;
  const sandbox = createSandbox({ urls, control, tokenFormat, jwtLength });
  api.on('request', bridge(sandbox.handlers, apiOrigin));
  storage.on('request', bridge(sandbox.handlers, storageOrigin));
  const close = (server: Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { ...sandbox, stop: async () => void (await Promise.all([close(api), close(storage)])) };
}
