import type { CredentialSource } from '../../core/auth/auth';
import type { ProviderOptions } from '../../core/client/client-options';
import type { RiveryRegion } from './rivery-regions';

/** Options of `RiveryClient`. */
export interface RiveryClientOptions extends ProviderOptions {
  /** API token (Settings → API Tokens), or a function returning it. @default process.env.RIVERY_API_TOKEN */
  apiToken?: CredentialSource;
  /** The account's region: picks the v1 host and the console host. @default process.env.RIVERY_REGION, else 'us' */
  region?: RiveryRegion;
  /** Account of the v1 calls (24 hex). @default process.env.RIVERY_ACCOUNT_ID, else the token's account, read once from `me()` */
  accountId?: string;
  /** Environment of the v1 calls (24 hex). @default process.env.RIVERY_ENVIRONMENT_ID, else the token's environment, read once from `me()` */
  environmentId?: string;
  /** Base URL of the v1 API. @default the region's, e.g. 'https://api.rivery.io' */
  baseUrl?: string;
  /** Base URL of the legacy console API. @default the region's, e.g. 'https://console.rivery.io/api' */
  legacyUrl?: string;
}

