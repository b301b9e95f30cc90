import type { HttpHandler } from 'msw';
import type { EmulatorContext } from './emulator-kit';
import type { SandboxControl } from './sandbox-control';

/** Where one host of an emulated API lives. */
export interface EmulatedHost {
  /** Its real URL, which msw intercepts in-process. */
  publicUrl: string;
  /** Its path prefix on the sandbox server (`startSandbox`). */
  servedPath: string;
  /** Served on the sandbox's second origin, for URLs that must not share the APIs' origin (signed downloads). @default false */
  secondOrigin?: boolean;
}

/** What every emulated API brings to the sandbox: its hosts, accounts, handlers and own state. */
interface EmulatorParts<Name extends string, Credentials, State> {
  /** How the control surface, its counters and its faults name the API. */
  name: Name;
  /** Its hosts, under the names `sandbox.urls` gives them. */
  hosts: Record<string, EmulatedHost>;
  /** The credentials it accepts out of the box (`sandbox.credentials[name]`). */
  credentials: Credentials;
  /** Creates its accounts and keys in a fresh control, and again at every `control.reset()`. */
  seed(control: SandboxControl): void;
  /** Its msw handlers, for the sandbox's URLs. */
  handlers(context: EmulatorContext): HttpHandler[];
  /** Its own state beside the control (see `emulatorState`). */
  state(control: SandboxControl): State;
}

/** An API that issues OAuth client-credentials tokens. */
export interface OAuthEmulator<Name extends string = string, Credentials = unknown, State = unknown> extends EmulatorParts<Name, Credentials, State> {
  auth: 'oauth';
  /** The client that `rotateSecret()`, `disableAccount()` and the like act on when given none. */
  defaultClientId: string;
  /** Lifetime of its tokens until `setTokenLifetime()` changes it, in seconds. */
  tokenLifetimeSec: number;
}

/** An API authenticated by keys or API tokens. */
export interface KeyEmulator<Name extends string = string, Credentials = unknown, State = unknown> extends EmulatorParts<Name, Credentials, State> {
  auth: 'keys';
  /** The key that `deactivateKey()` and `revokeKey()` act on when given none. */
  defaultKey: string;
}

export type EmulatorDefinition = OAuthEmulator | KeyEmulator;

/** Declares an emulated API, keeping its name, host names and credentials as literal types. */
export const defineEmulator = <const E extends EmulatorDefinition>(emulator: E): E => emulator;
