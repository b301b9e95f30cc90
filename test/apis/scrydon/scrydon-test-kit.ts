import { http } from 'msw';
import { beforeEach } from 'vitest';
import { ScrydonClient, type ScrydonClientOptions } from '../../../src/apis/scrydon/index';
import { createSandbox } from '../../../src/sandbox/index';
import { useMswServer } from '../../helpers/msw-server';

/** A request as it left the client. */
export interface SeenRequest {
  method: string;
  url: URL;
  authorization: string | null;
  body: string;
  /** Date.now() when it was sent (fake under fake time). */
  at: number;
}

/**
 * One msw server with the whole sandbox, reset before each test, and a log of every request the
 * clients send (read before the sandbox answers it).
 */
export function useScrydonSandbox() {
  const server = useMswServer();
  const sandbox = createSandbox();
  const seen: SeenRequest[] = [];
  const recorder = http.all('*', async ({ request }) => {
    seen.push({
      method: request.method,
      url: new URL(request.url),
      authorization: request.headers.get('authorization'),
      body: await request.clone().text(),
      at: Date.now(),
    });
    return undefined;
  });
  beforeEach(() => {
    sandbox.control.reset();
    seen.length = 0;
    server.use(recorder, ...sandbox.handlers);
  });
  const { scrydon } = sandbox.credentials;

  return {
    server,
    sandbox,
    control: sandbox.control,
    seen,
    /** Requests to the token endpoint. */
    tokenRequests: () => seen.filter((request) => request.url.pathname.endsWith('/api/auth/oauth2/token')),
    /** Requests to the API host. */
    apiRequests: () => seen.filter((request) => request.url.href.startsWith(`${sandbox.urls.scrydon}/`)),
    /** A client of the sandbox tenant with its default credentials. */
    client: (options: ScrydonClientOptions = {}) =>
      new ScrydonClient({
        baseUrl: sandbox.urls.scrydon,
        authUrl: sandbox.urls.scrydonAuth,
        clientId: scrydon.clientId,
        clientSecret: scrydon.clientSecret,
        scopes: [...scrydon.scopes],
        environmentId: scrydon.environmentId,
        ...options,
      }),
  };
}
