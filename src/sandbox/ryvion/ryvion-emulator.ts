import { guard, type Emulator } from '../emulator-kit';
import { accountHandlers } from './ryvion-account-handlers';
import { inferenceHandlers } from './ryvion-inference-handlers';
import { knowledgeHandlers } from './ryvion-knowledge-handlers';
import { faultBody, ryvionHeaders } from './ryvion-respond';

/**
 * The Ryvion API as PROVIDERS.md describes it: API keys in `Authorization: Bearer` or `X-API-Key`
 * with their `buyer` / `read-only` / `write-only` scopes enforced per endpoint, OpenAI-style error
 * bodies, a signed receipt named in `X-Ryvion-Receipt-CID` on every answer and public under
 * `/v8/receipts/{cid}`, knowledge-base documents processed with the sandbox clock, and a per-key
 * spending-velocity cap ($5 CAD per rolling hour; see `ryvionState`). A 504 for requests over 30 s
 * comes from `control.inject('ryvion', { status: 504 })`.
 */
export const ryvionEmulator: Emulator = ({ urls, control }) => {
  const base = urls.ryvion;
  return [
    guard({ api: 'ryvion', base, control, errorBody: faultBody, faultHeaders: (_status, _request, body) => ryvionHeaders(control, JSON.stringify(body)) }),
    ...accountHandlers(base, control),
    ...inferenceHandlers(base, control),
    ...knowledgeHandlers(base, control),
  ];
};
