import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { AbortError, apiKey, ConnectionError, createClient, TimeoutError } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';

// Real sockets on 127.0.0.1 (no msw in this file): the failures happen inside undici's body stream.
const key = 'sk_live_body_read_4f1c9a7e';
let server: Server | undefined;

/** Serves every request with `respond`; resolves with the base URL. */
async function serve(respond: (response: ServerResponse) => void): Promise<string> {
  server = createServer((_request, response) => respond(response));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A client whose `fetch` tells when the response headers have arrived, so an abort lands mid-body. */
function clientOf(baseUrl: string) {
  let headersArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (headersArrived = resolve));
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    headersArrived();
    return response;
  };
  return { api: createClient<paths>({ baseUrl, auth: apiKey(key), fetch, maxRetries: 0 }), arrived };
}

/** Headers and the first bytes of a JSON body, then nothing more. */
const stallMidBody = (response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"items": [');
};

describe('failures while reading the body are typed', () => {
  test('a connection reset mid-body is a ConnectionError naming method and URL', async () => {
    const baseUrl = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"items": [', () => response.socket?.destroy());
    });
    const { api } = clientOf(baseUrl);
    const error = await api.GET('/things/{id}', { params: { path: { id: '7' } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(`GET ${baseUrl}/things/7`);
    expect((error as Error).message).toMatch(/reading the response/);
  });

  test('an abort by the caller mid-body is an AbortError naming method and URL', async () => {
    const baseUrl = await serve(stallMidBody);
    const { api, arrived } = clientOf(baseUrl);
    const controller = new AbortController();
    const call = api.GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    await arrived;
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toContain(`GET ${baseUrl}/things`);
  });

  test('AbortSignal.timeout firing mid-body is a TimeoutError naming method and URL', async () => {
    const baseUrl = await serve(stallMidBody);
    const { api, arrived } = clientOf(baseUrl);
    const call = api.GET('/things', { signal: AbortSignal.timeout(300) }).catch((caught: unknown) => caught);
    await arrived;
    const error = await call;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain(`GET ${baseUrl}/things`);
  });

  test('the client’s key in the URL is not in the message of a body-phase failure', async () => {
    const baseUrl = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{', () => response.socket?.destroy());
    });
    const { api } = clientOf(baseUrl);
    const error = await api.GET('/things/{id}', { params: { path: { id: key } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).not.toContain(key);
    expect(JSON.stringify(error)).not.toContain(key);
  });
});
