import type { components } from './schema.gen';

export { RyvnClient, type ListDeploymentsOptions, type RyvnCallOptions, type RyvnEnvironmentCallOptions } from './ryvn-client';
export type { RyvnClientOptions } from './ryvn-client-options';
export type { SecretChanges } from './secret-update-body';
export { ryvnErrorCodes } from './error-codes';

export type Organization = components['schemas']['Organization'];
export type Environment = components['schemas']['Environment'];
export type Service = components['schemas']['Service'];
export type Deployment = components['schemas']['Deployment'];
export type DeploymentStatus = components['schemas']['DeploymentStatus'];
export type Secret = components['schemas']['Secret'];
export type SecretUpdate = components['schemas']['SecretUpdate'];
export type ResourceSchema = components['schemas']['ResourceSchema'];
/** Ryvn's error body as modeled (Ryvn does not publish it). */
export type RyvnErrorBody = components['schemas']['Error'];

export type { ApiPromise, ApiResult } from '../../core/client/api-promise';
export type { PagePromise } from '../../core/client/page-promise';
export type { RequestOptions } from '../../core/client/request-options';
export type { WaitOptions } from '../../core/client/wait-until';
export * from '../../core/errors/index';
