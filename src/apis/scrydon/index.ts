/**
 * The Scrydon client (OAuth 2.1 client credentials for service accounts), its types and errors.
 *
 * @module keycard/scrydon
 */
import type { components } from './schema.gen';

export { ScrydonClient } from './scrydon-client';
export type { ScrydonCallOptions, ScrydonClientOptions, ScrydonPageOptions, ScrydonTriggerOptions, ScrydonWebhookOptions } from './scrydon-client-options';
export { ExecutionFailedError } from './execution-failed-error';
export type { WaitForExecutionOptions } from './wait-for-execution';
export type { components, paths } from './schema.gen';
export { scrydonErrorCodes } from './error-codes';
export { WorkspaceAccessError } from './workspace-access-error';

/** `resource:action`, e.g. `workflows:read`; `write` implies `read` on the same resource. */
export type ScrydonScope = components['schemas']['Scope'];
/** Scrydon's `WhoAmI` schema, from openapi/scrydon.yaml. */
export type WhoAmI = components['schemas']['WhoAmI'];
/** Scrydon's `Workflow` schema, from openapi/scrydon.yaml. */
export type Workflow = components['schemas']['Workflow'];
/** Scrydon's `WorkflowPage` schema, from openapi/scrydon.yaml. */
export type WorkflowPage = components['schemas']['WorkflowPage'];
/** Scrydon's `TriggeredExecution` schema, from openapi/scrydon.yaml: what a trigger answers. */
export type TriggeredExecution = components['schemas']['TriggeredExecution'];
/** Scrydon's `CompletedTrigger` schema, from openapi/scrydon.yaml. */
export type CompletedTrigger = components['schemas']['CompletedTrigger'];
/** Scrydon's `RunningTrigger` schema, from openapi/scrydon.yaml. */
export type RunningTrigger = components['schemas']['RunningTrigger'];
/** Scrydon's `Execution` schema, from openapi/scrydon.yaml (modelled). */
export type Execution = components['schemas']['Execution'];
/** Scrydon's `ExecutionStatus` schema, from openapi/scrydon.yaml (modelled beyond `running` and `completed`). */
export type ExecutionStatus = components['schemas']['ExecutionStatus'];
/** Scrydon's `StorageFile` schema, from openapi/scrydon.yaml. */
export type StorageFile = components['schemas']['StorageFile'];
/** Scrydon's `StorageFilePage` schema, from openapi/scrydon.yaml. */
export type StorageFilePage = components['schemas']['StorageFilePage'];
/** Scrydon's `KnowledgeBase` schema, from openapi/scrydon.yaml. */
export type KnowledgeBase = components['schemas']['KnowledgeBase'];
/** Scrydon's `KnowledgeBasePage` schema, from openapi/scrydon.yaml. */
export type KnowledgeBasePage = components['schemas']['KnowledgeBasePage'];
/** Scrydon's `LogEntry` schema, from openapi/scrydon.yaml. */
export type LogEntry = components['schemas']['LogEntry'];
/** Scrydon's `LogEntryPage` schema, from openapi/scrydon.yaml. */
export type LogEntryPage = components['schemas']['LogEntryPage'];
/** Scrydon's `OpenIdConfiguration` schema, from openapi/scrydon.yaml. */
export type OpenIdConfiguration = components['schemas']['OpenIdConfiguration'];
/** Scrydon's `Error` schema, from openapi/scrydon.yaml. */
export type ScrydonErrorBody = components['schemas']['Error'];

export type { ApiPromise, ApiResult } from '../../core/client/api-promise';
export type { PagePromise } from '../../core/client/page-promise';
export type { RequestOptions } from '../../core/client/request-options';
export type { WaitOptions } from '../../core/client/wait-until';
export * from '../../core/errors/index';
