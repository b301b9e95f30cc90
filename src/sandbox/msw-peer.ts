// msw is an optional peer dependency that only keycard/sandbox needs. A static `import … from 'msw'`
// is resolved before any code of the sandbox runs, so a missing msw would surface as a bare
// module-not-found from inside dist/. Every sandbox module takes msw's values from here instead:
// the dynamic import lets the failure say what to install. (The CommonJS build, which has no
// top-level await, uses msw-peer-require.ts in its place: see tsup.config.ts.)
import type * as Msw from 'msw';
import { mswLoadError } from './msw-missing';

/**
 * msw opens a `BroadcastChannel` at import (for WebSocket mocks across tabs) and unrefs it where
 * the runtime can. Deno's channel has no `unref`, so it would keep the process alive after the
 * sandbox stops. While msw loads, channels without `ref`/`unref` get ones where `unref` closes the
 * channel: the sandbox mocks no WebSockets.
 */
function withUnrefableBroadcastChannel<T>(load: () => Promise<T>): Promise<T> {
  const Channel = globalThis.BroadcastChannel;
  if (Channel === undefined || typeof (Channel.prototype as { unref?: unknown }).unref === 'function') return load();
  class UnrefableChannel extends Channel {
    ref() {}
    unref() {
      this.close();
    }
  }
  globalThis.BroadcastChannel = UnrefableChannel;
  return load().finally(() => {
    globalThis.BroadcastChannel = Channel;
  });
}

const msw: typeof Msw = await withUnrefableBroadcastChannel(() => import('msw')).catch((cause: unknown) => {
  throw mswLoadError(cause);
});

export const { getResponse, http, HttpResponse } = msw;
