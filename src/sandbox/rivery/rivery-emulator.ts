import type { HttpHandler } from 'msw';
import { defineEmulator, type EmulatedHost } from '../define-emulator';
import { guard } from '../emulator-kit';
import { riveryCredentials } from './rivery-credentials';
import { riveryHandlers } from './rivery-handlers';
import { faultBody } from './rivery-route';
import { riveryState } from './rivery-state';

/** Where Rivery's hosts live, under their names in `sandbox.urls`. */
export type RiveryHosts = {
  /** Rivery's legacy API (`…/api`). */
  riveryLegacy: EmulatedHost;
  /** Rivery's v1 API. */
  rivery: EmulatedHost;
};

const hosts: RiveryHosts = {
  riveryLegacy: { publicUrl: 'https://console.rivery.io/api', servedPath: '/rivery-console/api' },
  rivery: { publicUrl: 'https://api.rivery.io', servedPath: '/rivery' },
};

/**
 * Rivery as PROVIDERS.md describes it: API tokens with scopes, the legacy console API and the v1
 * API. Runs wait 1 s and run until 3 s on the sandbox clock, then end as their river is configured
 * (legacy `W` → `R` → `D`/`E`/`F`; v1 `pending` → `running` → `succeeded`, `failed`, `skipped` or
 * `partially succeeded`; `canceled` once a cancellation takes effect). Operations are activation,
 * validation and cancellation, never runs. `riveryState(control)` picks the documented answer shapes.
 */
export const riveryEmulator = defineEmulator({
  name: 'rivery',
  auth: 'keys',
  hosts,
  credentials: riveryCredentials,
  defaultKey: riveryCredentials.apiToken,
  seed(control) {
    control.addKey('rivery', riveryCredentials.apiToken, ['river:execute', 'river:list', 'activity:list', 'operations:list', 'me:list']);
  },
  state: riveryState,
  handlers: ({ urls, control }): HttpHandler[] => [
    guard({ api: 'rivery', base: urls.riveryLegacy, control, errorBody: faultBody('legacy') }),
    guard({ api: 'rivery', base: urls.rivery, control, errorBody: faultBody('v1') }),
    ...riveryHandlers({ urls, control }),
  ],
});
