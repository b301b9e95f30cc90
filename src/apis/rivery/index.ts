/**
 * The Rivery client (API tokens; rivers and their runs), its types and errors.
 *
 * @module keycard/rivery
 */
import type { components } from './schema.gen';

export { RiveryClient, type RiveryCallOptions, type V1RunToWait } from './rivery-client';
export type { RiveryClientOptions } from './rivery-client-options';
export type { RiveryRegion } from './rivery-regions';
export type { WaitForRunOptions } from './wait-for-run';
export type { WaitForLogsOptions } from './wait-for-logs';
export { RiveryRunError } from './rivery-run-error';
export { riveryErrorCodes } from './error-codes';

type Schemas = components['schemas'];
/** The token's account and environment (`me()`). */
export type Me = Schemas['Me'];
/** A legacy run, as `runRiver`, `checkRun` and `waitForRun` of a legacy run return it. */
export type Run = Schemas['Run'];
/** Legacy: `W` waiting, `R` running, `D` done, `E` error, `F` (listed by Rivery; a final failure). */
export type RunStatus = Schemas['RunStatus'];
/** A task of a run and its status. */
export type TaskStatus = Schemas['TaskStatus'];
/** A river (v1). */
export type River = Schemas['River'];
/** One page of rivers (v1). */
export type RiverPage = Schemas['RiverPage'];
/** The runs a v1 river run started (answered 202): pass it to `waitForRun`. */
export type RiverRunResult = Schemas['RiverRunResult'];
/** A v1 run, as `getRiverRun` and `waitForRun` of a v1 run return it. */
export type RiverRun = Schemas['RiverRun'];
/** v1: `pending`, `running`, then `succeeded`, `failed`, `canceled`, `skipped` or `partially succeeded`. */
export type V1RunStatus = Schemas['V1RunStatus'];
/** The logs of a v1 run (`getRiverRunLogs`); their shape is not published. */
export type RiverRunLogs = Schemas['RiverRunLogs'];
/** An activation, disabling, validation or cancellation operation (v1); never a run. */
export type Operation = Schemas['Operation'];
/** A legacy error body. */
export type LegacyErrorBody = Schemas['LegacyError'];
/** A v1 error body (FastAPI). */
export type HttpErrorBody = Schemas['HttpError'];
/** One FastAPI validation problem. */
export type ValidationIssue = Schemas['ValidationIssue'];

export type { ApiPromise, ApiResult } from '../../core/client/api-promise';
export type { PagePromise } from '../../core/client/page-promise';
export type { RequestOptions } from '../../core/client/request-options';
export type { WaitOptions } from '../../core/client/wait-until';
export * from '../../core/errors/index';
