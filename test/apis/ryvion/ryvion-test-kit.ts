import { useSandbox } from '../../helpers/use-sandbox';

/** The in-process sandbox for a test file (see `useSandbox`), with Ryvion's keys. */
export function useRyvionSandbox() {
  const kit = useSandbox();
  return { ...kit, keys: kit.sandbox.credentials.ryvion };
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
