/**
 * Emulators of the five APIs for tests: msw handlers (`createSandbox`) or a server on 127.0.0.1 (`startSandbox`), with a control surface. Needs msw 3, an optional peer dependency.
 *
 * @module keycard/sandbox
 */
export { createSandbox, type Sandbox, type SandboxOptions } from './create-sandbox';
export { startSandbox, type RunningSandbox, type StartSandboxOptions } from './start-sandbox';
export {
  credentialLabel,
  defaultCredentials,
  SandboxControl,
  type ApiCounts,
  type Fault,
  type KeyApi,
  type KeyRecord,
  type OAuthApi,
  type SandboxApi,
  type TokenRecord,
  type TokenShape,
} from './sandbox-control';
export { publicUrls, type SandboxUrls } from './sandbox-urls';
export { assignScrydonRole, type ScrydonRole } from './scrydon/scrydon-state';
export { ryvnViewerRole } from './ryvn/ryvn-emulator';
export { rynkoSandbox, rynkoState, type RynkoSandboxState } from './rynko/rynko-state';
export { signRynkoWebhook } from './rynko/sign-rynko-webhook';
export { riveryState, type RiveryState } from './rivery/rivery-state';
export { sandboxOperationIds } from './rivery/sandbox-operations';
export { ryvionState, type RyvionState } from './ryvion/ryvion-state';
