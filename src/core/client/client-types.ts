import type { FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type { CallOptions } from '../transport/create-transport';
import type { ApiPromise } from './api-promise';
import type { ClientOverrides } from './client-options';

/** HTTP methods an OpenAPI path item may define. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** The methods of a typed client, one per HTTP method it calls (TRACE is not sent). */
export const clientMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** The name of a typed client's method, e.g. `GET`. */
export type ClientMethodName = (typeof clientMethods)[number];

type MediaType = `${string}/${string}`;

/** The paths of a spec that define `Method`. */
export type PathsWithMethod<Paths, Method extends HttpMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [M in Method]: unknown } ? Path : never;
}[keyof Paths];

type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** The call's options: required when the operation has required parameters or body, else optional. */
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & CallOptions)?] : [Init & CallOptions];

type SuccessBody<Operation, Init> = Exclude<
  FetchResponse<Operation & Record<string | number, unknown>, Init, MediaType>['data'],
  undefined
>;

/** What a successful call resolves to: the 2xx body, or `undefined` for operations without one. */
export type ResponseBody<Operation, Init = {}> = [SuccessBody<Operation, Init>] extends [never]
  ? undefined
  : SuccessBody<Operation, Init>;

/** A typed method of the client, e.g. `GET`: path, then params/body/options as the spec requires. */
export type ClientMethod<Paths, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>,
>(
  path: Path,
  ...init: InitParam<Init>
) => ApiPromise<ResponseBody<Paths[Path][Method & keyof Paths[Path]], Init>>;

/** A client typed by an OpenAPI spec's `paths`. */
export interface KeycardClient<Paths extends {}> {
  /** Calls a GET operation. */
  GET: ClientMethod<Paths, 'get'>;
  /** Calls a POST operation. Retried only with an `Idempotency-Key` header or when it provably never left. */
  POST: ClientMethod<Paths, 'post'>;
  /** Calls a PUT operation. */
  PUT: ClientMethod<Paths, 'put'>;
  /** Calls a PATCH operation. Retried only with an `Idempotency-Key` header or when it provably never left. */
  PATCH: ClientMethod<Paths, 'patch'>;
  /** Calls a DELETE operation. */
  DELETE: ClientMethod<Paths, 'delete'>;
  /** Calls a HEAD operation. */
  HEAD: ClientMethod<Paths, 'head'>;
  /** Calls an OPTIONS operation. */
  OPTIONS: ClientMethod<Paths, 'options'>;
  /** The base URL calls are made against. */
  readonly baseUrl: string;
  /** A client with some options changed, sharing this one's credentials, token cache and counters. */
  withOptions(overrides: ClientOverrides): KeycardClient<Paths>;
  /** What the client has done so far, for metrics and logs. */
  readonly stats: ClientStats;
}

/** Counters of a client and the clients derived from it. */
export interface ClientStats {
  /** Token exchanges (or token function calls) made. */
  tokenExchanges: number;
  /** Background renewals that failed while the current token stayed in service (retried after a backoff). */
  renewalFailures: number;
  /** Token-store operations that failed or ran past `tokenStoreTimeoutMs`; the client renewed with its own exchange meanwhile. */
  tokenStoreFailures: number;
  /** Requests sent again after a transient failure. */
  retries: number;
  /** Tokens refreshed after a 401. */
  refreshes: number;
  /** Redirects followed. */
  redirects: number;
}
