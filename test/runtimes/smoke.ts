// The smoke every runtime runs against the packed keycard: one client-credentials exchange shared by
// concurrent calls, a typed GET, and errors that stay typed in that runtime. It uses web APIs only,
// so the same code runs in Node, Bun, Deno and a Cloudflare Worker.
import { InvalidClientError, isKeycardError, KeycardError, NotFoundError } from 'keycard';
import type { RunningSandbox } from 'keycard/sandbox';
import { ScrydonClient, type ScrydonClientOptions } from 'keycard/scrydon';

/** Where the smoke finds the sandbox's Scrydon emulator, and the account it uses. */
export interface SmokeInput {
  baseUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: NonNullable<ScrydonClientOptions['scopes']>;
  environmentId: string;
}

export const concurrentCalls = 8;

/** The smoke's input from a running sandbox. */
export function smokeInput(sandbox: RunningSandbox): SmokeInput {
  const { clientId, clientSecret, scopes, environmentId } = sandbox.credentials.scrydon;
  return { baseUrl: sandbox.urls.scrydon, authUrl: sandbox.urls.scrydonAuth, clientId, clientSecret, scopes: [...scopes], environmentId };
}

/** What a failed call looked like from inside the runtime. */
function typed(error: unknown, expected: abstract new (...args: never[]) => Error) {
  return {
    name: (error as Error).name,
    instanceOfExpected: error instanceof expected,
    instanceOfKeycardError: error instanceof KeycardError,
    isKeycardError: isKeycardError(error),
  };
}

export async function runSmoke(input: SmokeInput) {
  let tokenRequests = 0;
  // The token URL is on the auth origin: counting there counts exchanges, whatever the runtime's fetch.
  const countingFetch: typeof fetch = (request, init) => {
    const url = request instanceof Request ? request.url : String(request);
    if (url.startsWith(input.authUrl) && url.includes('/token')) tokenRequests += 1;
    return fetch(request, init);
  };
  const { clientSecret, ...account } = input;
  const scrydon = new ScrydonClient({ ...account, clientSecret, fetch: countingFetch });
  const answers = await Promise.all(Array.from({ length: concurrentCalls }, () => scrydon.whoami()));
  const tokenRequestsForConcurrentCalls = tokenRequests;
  const missing = await scrydon.getWorkflow('wf_missing').then(
    () => undefined,
    (error: unknown) => typed(error, NotFoundError),
  );
  const wrongSecret = new ScrydonClient({ ...account, clientSecret: 'not-the-secret', fetch: countingFetch, maxRetries: 0 });
  const refused = await wrongSecret.whoami().then(
    () => undefined,
    (error: unknown) => typed(error, InvalidClientError),
  );
  return {
    runtime: navigator.userAgent,
    /** Node's full version (the user agent names only its major), where the runtime has one. */
    nodeVersion: (globalThis as { process?: { version?: string } }).process?.version,
    calls: answers.length,
    clientIds: [...new Set(answers.map((answer) => answer.clientId))],
    tokenRequestsForConcurrentCalls,
    missing,
    refused,
  };
}

export type SmokeResult = Awaited<ReturnType<typeof runSmoke>>;
