import type { EmulatedHost } from './define-emulator';
import { riveryEmulator } from './rivery/rivery-emulator';
import { rynkoEmulator } from './rynko/rynko-emulator';
import { ryvionEmulator } from './ryvion/ryvion-emulator';
import { ryvnEmulator } from './ryvn/ryvn-emulator';
import { scrydonEmulator } from './scrydon/scrydon-emulator';

/**
 * The emulated APIs, in the order their handlers are tried: the one list that the control surface,
 * `createSandbox`, `startSandbox` and the sandbox URLs iterate over.
 */
export const emulators = [ryvnEmulator, ryvionEmulator, riveryEmulator, rynkoEmulator, scrydonEmulator] as const;

type AnyEmulator = (typeof emulators)[number];
type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (whole: infer I) => void ? I : never;

/** The emulated APIs. */
export type SandboxApi = AnyEmulator['name'];
/** The APIs that issue OAuth client-credentials tokens. */
export type OAuthApi = Extract<AnyEmulator, { auth: 'oauth' }>['name'];
/** The APIs authenticated by keys or API tokens. */
export type KeyApi = Extract<AnyEmulator, { auth: 'keys' }>['name'];
/** Every host of every emulated API, by its name in `sandbox.urls`. */
export type SandboxHosts = UnionToIntersection<AnyEmulator['hosts']>;

/** The emulator of an API. */
export const emulatorOf = <Api extends SandboxApi>(api: Api): Extract<AnyEmulator, { name: Api }> =>
  emulators.find((emulator) => emulator.name === api) as Extract<AnyEmulator, { name: Api }>;

/** Every host of every emulated API, by its name in `sandbox.urls`. */
export const sandboxHosts = Object.fromEntries(emulators.flatMap((emulator) => Object.entries(emulator.hosts as Record<string, EmulatedHost>))) as Record<
  keyof SandboxHosts,
  EmulatedHost
>;

/** The credentials the sandbox accepts out of the box, by API. */
export const defaultCredentials = Object.fromEntries(emulators.map((emulator) => [emulator.name, emulator.credentials])) as {
  readonly [E in AnyEmulator as E['name']]: E['credentials'];
};
