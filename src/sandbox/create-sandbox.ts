import type { HttpHandler } from 'msw';
import { defaultCredentials, emulators } from './emulators';
import { SandboxControl, type TokenShape } from './sandbox-control';
import { publicUrls, type SandboxUrls } from './sandbox-urls';

/** The emulated APIs, ready for msw or for the sandbox server. */
export interface Sandbox {
  /** msw handlers for every emulated host: `setupServer(...sandbox.handlers)`. */
  handlers: HttpHandler[];
  /** Where each API lives. */
  urls: SandboxUrls;
  /** Clock, accounts, keys, faults and counters. */
  control: SandboxControl;
  /** The credentials the sandbox accepts out of the box. */
  credentials: typeof defaultCredentials;
}

/** Options of `createSandbox()`; `tokenFormat: 'jwt'` issues JWT-sized tokens, as identity providers do. */
export interface SandboxOptions extends TokenShape {
  /** Hosts to emulate instead of the real ones. @default the APIs' public URLs */
  urls?: Partial<SandboxUrls>;
  /** State to share with another sandbox. @default a fresh one */
  control?: SandboxControl;
}

/**
 * The emulated APIs as msw handlers, for tests in the same process. Clients keep their default URLs.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createSandbox } from 'keycard/sandbox';
 * const sandbox = createSandbox();
 * const server = setupServer(...sandbox.handlers);
 * server.listen({ onUnhandledFrame: 'error' });
 * ```
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const urls = { ...publicUrls, ...options.urls };
  const control = options.control ?? new SandboxControl();
  control.setTokenShape({ tokenFormat: options.tokenFormat, jwtLength: options.jwtLength });
  return { handlers: emulators.flatMap((emulator) => emulator.handlers({ urls, control })), urls, control, credentials: defaultCredentials };
}
