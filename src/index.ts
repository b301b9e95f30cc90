/**
 * Typed clients for any OpenAPI spec that carry their own machine credentials: `createClient`, the credential providers (`clientCredentials`, `apiKey`, `tokenFunction`), token stores and the error classes.
 *
 * @module keycard
 */
export { createClient } from './core/client/create-client';
export type { ClientOptions, ClientOverrides, ProviderOptions } from './core/client/client-options';
export type { ClientMethod, ClientStats, HttpMethod, KeycardClient, PathsWithMethod, ResponseBody } from './core/client/client-types';
export { ApiPromise, type ApiResult } from './core/client/api-promise';
export { ApiClient } from './core/client/api-client';
export { ProviderClient } from './core/client/provider-client';
export type { ApiProvider, AuthContext, HostDefinition, ResolvedAuth, SettingDefinition, SettingsOf } from './core/client/api-provider';
export { apiKeyAuth } from './core/client/api-key-auth';
export { clientCredentialsAuth } from './core/client/client-credentials-auth';
export { PagePromise, paginate, type Paging } from './core/client/page-promise';
export type { EventStream, StreamPromise } from './core/client/stream-promise';
export type { RequestOptions } from './core/client/request-options';
export type { WaitOptions } from './core/client/wait-until';
export type { CallOptions } from './core/transport/create-transport';

export { clientCredentials, type ClientCredentialsOptions } from './core/auth/client-credentials';
export { apiKey, type ApiKeyOptions } from './core/auth/api-key';
export { tokenFunction, type TokenFunctionOptions, type TokenFunctionResult } from './core/auth/token-function';
export type { AccessToken, Auth, CredentialSource, TokenContext } from './core/auth/auth';
export { MemoryTokenStore, type StoredToken, type TokenLease, type TokenStore } from './core/auth/token-store';

export * from './core/errors/index';
