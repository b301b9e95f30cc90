import type { HttpHandler } from 'msw';
import { defineEmulator, type EmulatedHost } from '../define-emulator';
import { guard } from '../emulator-kit';
import { accountHandlers } from './ryvion-account-handlers';
import { ryvionCredentials } from './ryvion-credentials';
import { inferenceHandlers } from './ryvion-inference-handlers';
import { knowledgeHandlers } from './ryvion-knowledge-handlers';
import { faultBody, ryvionHeaders } from './ryvion-respond';
import { ryvionState } from './ryvion-state';

/** Where Ryvion's hosts live, under their names in `sandbox.urls`. */
export type RyvionHosts = {
  /** Ryvion API. */
  ryvion: EmulatedHost;
};

const hosts: RyvionHosts = {
  ryvion: { publicUrl: 'https://api.ryvion.ai', servedPath: '/ryvion' },
};

/**
 * The Ryvion API as PROVIDERS.md describes it: API keys in `Authorization: Bearer` or `X-API-Key`
 * with their `buyer` / `read-only` / `write-only` scopes enforced per endpoint, OpenAI-style error
 * bodies, a signed receipt named in `X-Ryvion-Receipt-CID` on every answer and public under
 * `/v8/receipts/{cid}`, knowledge-base documents processed with the sandbox clock, and a per-key
 * spending-velocity cap ($5 CAD per rolling hour; see `ryvionState`). A 504 for requests over 30 s
 * comes from `control.inject('ryvion', { status: 504 })`.
 */
export const ryvionEmulator = defineEmulator({
  name: 'ryvion',
  auth: 'keys',
  hosts,
  credentials: ryvionCredentials,
  defaultKey: ryvionCredentials.apiKey,
  seed(control) {
    control.addKey('ryvion', ryvionCredentials.apiKey, ['buyer']);
    control.addKey('ryvion', ryvionCredentials.readOnlyKey, ['read-only']);
    control.addKey('ryvion', ryvionCredentials.writeOnlyKey, ['write-only']);
  },
  state: ryvionState,
  handlers: ({ urls, control }): HttpHandler[] => [
    guard({
      api: 'ryvion',
      base: urls.ryvion,
      control,
      errorBody: faultBody,
      faultHeaders: (_status, _request, body) => ryvionHeaders(control, JSON.stringify(body)),
    }),
    ...accountHandlers(urls.ryvion, control),
    ...inferenceHandlers(urls.ryvion, control),
    ...knowledgeHandlers(urls.ryvion, control),
  ],
});
