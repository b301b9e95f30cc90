import { beforeEach } from 'vitest';
import { createSandbox } from '../../../src/sandbox/index';
import { useMswServer } from '../../helpers/msw-server';

/**
 * The in-process sandbox for a test file: msw serves the emulated APIs on their real hosts, so
 * clients keep their default URLs. State and handlers start afresh before each test.
 */
export function useRyvionSandbox() {
  const server = useMswServer();
  const sandbox = createSandbox();
  beforeEach(() => {
    sandbox.control.reset();
    server.use(...sandbox.handlers);
  });
  return { server, sandbox, control: sandbox.control, keys: sandbox.credentials.ryvion };
}

/** A `fetch` that records the credential headers of every request it sends. */
export function recordingFetch() {
  const sent: { authorization: string | null; xApiKey: string | null; url: string }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    sent.push({ authorization: request.headers.get('authorization'), xApiKey: request.headers.get('x-api-key'), url: request.url });
    return globalThis.fetch(request);
  };
  return { sent, fetch };
}
