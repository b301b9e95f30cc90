import type { components } from './schema.gen';

export { ScrydonClient } from './scrydon-client';
export type { ScrydonCallOptions, ScrydonClientOptions, ScrydonPageOptions } from './scrydon-client-options';
export type { components, paths } from './schema.gen';
export { scrydonErrorCodes } from './error-codes';
export { WorkspaceAccessError } from './workspace-access-error';

/** `resource:action`, e.g. `workflows:read`; `write` implies `read` on the same resource. */
export type ScrydonScope = components['schemas']['Scope'];
export type WhoAmI = components['schemas']['WhoAmI'];
export type Workflow = components['schemas']['Workflow'];
export type WorkflowPage = components['schemas']['WorkflowPage'];
export type WorkflowRun = components['schemas']['WorkflowRun'];
export type StorageFile = components['schemas']['StorageFile'];
export type StorageFilePage = components['schemas']['StorageFilePage'];
export type KnowledgeBase = components['schemas']['KnowledgeBase'];
export type KnowledgeBasePage = components['schemas']['KnowledgeBasePage'];
export type LogEntry = components['schemas']['LogEntry'];
export type LogEntryPage = components['schemas']['LogEntryPage'];
export type OpenIdConfiguration = components['schemas']['OpenIdConfiguration'];
export type ScrydonErrorBody = components['schemas']['Error'];

export type { ApiPromise, ApiResult } from '../../core/client/api-promise';
export type { PagePromise } from '../../core/client/page-promise';
export type { RequestOptions } from '../../core/client/request-options';
export type { WaitOptions } from '../../core/client/wait-until';
export * from '../../core/errors/index';
