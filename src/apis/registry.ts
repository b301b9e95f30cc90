// The one list of the APIs keycard ships a client for. Everything that iterates over them (build
// entries, package exports, the bench, the package tests, the demo, the sandbox) reads it here.
import type { ApiProvider } from '../core/client/api-provider';
import { riveryProvider } from './rivery/provider';
import { rynkoProvider } from './rynko/provider';
import { ryvionProvider } from './ryvion/provider';
import { ryvnProvider } from './ryvn/provider';
import { scrydonProvider } from './scrydon/provider';

export const providers = [ryvnProvider, ryvionProvider, riveryProvider, rynkoProvider, scrydonProvider] as const satisfies readonly ApiProvider[];

/** The name of an API keycard ships a client for, e.g. `rynko`. */
export type ProviderName = (typeof providers)[number]['name'];

/** Build entries of the API clients: `rynko` → `src/apis/rynko/index.ts`. */
export function providerEntries(): Record<string, string> {
  return Object.fromEntries(providers.map((provider) => [provider.name, `src/apis/${provider.name}/index.ts`]));
}
