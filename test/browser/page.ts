// Runs inside headless Chromium: what a browser app does with keycard.
import { RyvionClient } from '../../src/apis/ryvion/index';
import { apiKey, clientCredentials, ConfigurationError, createClient, isKeycardError, tokenFunction } from '../../src/index';

export interface PageInput {
  /** A sandbox URL on another origin than the page. */
  apiUrl: string;
  tokenUrl: string;
  key: string;
}

async function outcome<T>(work: () => Promise<T>): Promise<{ value?: T; error?: { name: string; message: string; status?: number } }> {
  try {
    return { value: await work() };
  } catch (error) {
    if (!isKeycardError(error)) throw error;
    return { error: { name: error.name, message: error.message, status: (error as { status?: number }).status } };
  }
}

async function runChecks(input: PageInput) {
  let secretRefusal: string | undefined;
  try {
    clientCredentials({ tokenUrl: input.tokenUrl, clientId: 'browser-app', clientSecret: 'must-not-ship' });
  } catch (error) {
    secretRefusal = error instanceof ConfigurationError ? `${error.option}: ${error.message}` : String(error);
  }
  const allowed = (() => {
    try {
      clientCredentials({ tokenUrl: input.tokenUrl, clientId: 'a', clientSecret: 'b', dangerouslyAllowBrowser: true });
      return true;
    } catch {
      return false;
    }
  })();

  // A scoped key across origins: the Authorization header makes the browser send a CORS preflight.
  const keyed = createClient<Record<string, never>>({ baseUrl: input.apiUrl, auth: apiKey(input.key) });
  const missing = await outcome(() => (keyed as unknown as { GET(path: string): Promise<unknown> }).GET('/no-such-route'));

  let calls = 0;
  const fromBackend = createClient<Record<string, never>>({
    baseUrl: input.apiUrl,
    auth: tokenFunction(() => {
      calls += 1;
      return { token: 'from-my-backend', expiresInSeconds: 300 };
    }),
  });
  const viaToken = await outcome(() => (fromBackend as unknown as { GET(path: string): Promise<unknown> }).GET('/no-such-route'));

  // A built-in client with a scoped key: reading works, the receipt header is readable through CORS,
  // and what the scope does not allow is a typed 403.
  const ryvion = new RyvionClient({ apiKey: input.key, baseUrl: input.apiUrl });
  const me = await outcome(async () => {
    const account = await ryvion.me();
    return { scopes: account.scopes, receipt: account.receiptCid?.slice(0, 5) };
  });
  const upload = await outcome(() => ryvion.createKnowledgeBase('from-the-browser'));

  return { secretRefusal, allowed, missing, viaToken, tokenFunctionCalls: calls, me, upload };
}

(globalThis as { runChecks?: typeof runChecks }).runChecks = runChecks;
