/**
 * The Ryvn client (OAuth 2 client credentials through Zitadel), its types and errors.
 *
 * @module keycard/ryvn
 */
import type { components } from './schema.gen';

export {
  RyvnClient,
  type ListInstallationTasksOptions,
  type RyvnCallOptions,
  type RyvnEnvironmentCallOptions,
  type TaskActionOptions,
} from './ryvn-client';
export type { RyvnClientOptions } from './ryvn-client-options';
export type { SecretChanges } from './secret-update-body';
export { ryvnErrorCodes } from './error-codes';

/** Ryvn's `Organization` schema, from openapi/ryvn.yaml. */
export type Organization = components['schemas']['Organization'];
/** Ryvn's `Environment` schema, from openapi/ryvn.yaml. */
export type Environment = components['schemas']['Environment'];
/** Ryvn's `Service` schema, from openapi/ryvn.yaml. */
export type Service = components['schemas']['Service'];
/** Ryvn's `Installation` schema, from openapi/ryvn.yaml (modelled on Ryvn's CLI). */
export type Installation = components['schemas']['Installation'];
/** Ryvn's `Task` schema, from openapi/ryvn.yaml (modelled on Ryvn's CLI). */
export type Task = components['schemas']['Task'];
/** Ryvn's `TaskStatus` schema, from openapi/ryvn.yaml (modelled on Ryvn's CLI). */
export type TaskStatus = components['schemas']['TaskStatus'];
/** Ryvn's `Secret` schema, from openapi/ryvn.yaml. */
export type Secret = components['schemas']['Secret'];
/** Ryvn's `SecretUpdate` schema, from openapi/ryvn.yaml. */
export type SecretUpdate = components['schemas']['SecretUpdate'];
/** Ryvn's `ResourceSchema` schema, from openapi/ryvn.yaml. */
export type ResourceSchema = components['schemas']['ResourceSchema'];
/** Ryvn's error body as modeled (Ryvn does not publish it). */
export type RyvnErrorBody = components['schemas']['Error'];

export type { ApiPromise, ApiResult } from '../../core/client/api-promise';
export type { PagePromise } from '../../core/client/page-promise';
export type { RequestOptions } from '../../core/client/request-options';
export type { WaitOptions } from '../../core/client/wait-until';
export * from '../../core/errors/index';
