import { apiKeyAuth } from '../../core/client/api-key-auth';
import type { ApiProvider } from '../../core/client/api-provider';
import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import { checkId } from './check-id';
import { riveryErrorCodes } from './error-codes';
import { riveryRegions, type RiveryRegion } from './rivery-regions';

const regionList = 'us, eu (eu-west-1), il (il-central-1), au (ap-southeast-2)';

function regionOf(value: unknown, fromEnv: string | undefined): RiveryRegion {
  if (value === undefined) return 'us';
  const name = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (Object.hasOwn(riveryRegions, name)) return name as RiveryRegion;
  const got = typeof value === 'string' ? JSON.stringify(value) : describe(value);
  throw new ConfigurationError('region', `must be one of ${regionList}, got ${got}${fromEnv ? ` (from ${fromEnv})` : ''}`);
}

function scopeId(name: 'accountId' | 'environmentId') {
  return (value: unknown, fromEnv: string | undefined): string | undefined =>
    value === undefined ? undefined : checkId('objectId', name, typeof value === 'string' && fromEnv ? value.trim() : value, fromEnv);
}

const hostsOf = (settings: Readonly<Record<string, unknown>>) => riveryRegions[settings.region as RiveryRegion];

/**
 * Rivery (Boomi Data Integration): an API token over two hosts of the account's region, the v1 API
 * for `/v1/…` paths and the legacy console API for the rest.
 */
export const riveryProvider = {
  name: 'rivery',
  clientName: 'RiveryClient',
  hosts: {
    baseUrl: { env: 'RIVERY_API_URL', default: ({ settings }) => hostsOf(settings).v1, paths: '/v1/' },
    legacyUrl: { env: 'RIVERY_LEGACY_URL', default: ({ settings }) => hostsOf(settings).legacy },
  },
  auth: { kind: 'apiKey', resolve: apiKeyAuth, option: 'apiToken', env: 'RIVERY_API_TOKEN', hint: 'Rivery: Settings → API Tokens' },
  errorCodes: riveryErrorCodes,
  settings: {
    region: { env: 'RIVERY_REGION', parse: regionOf },
    accountId: { env: 'RIVERY_ACCOUNT_ID', parse: scopeId('accountId') },
    environmentId: { env: 'RIVERY_ENVIRONMENT_ID', parse: scopeId('environmentId') },
  },
  exampleOptions: { apiToken: 'token' },
  cli: {
    sandboxHosts: { baseUrl: 'rivery', legacyUrl: 'riveryLegacy' },
    check: 'me',
    flows: {
      run: {
        summary: 'Starts a run of a river; --wait follows it until it ends',
        method: 'runRiver',
        arguments: ['riverId'],
        wait: { method: 'waitForRun', id: 'run_id', status: 'river_run_status' },
      },
    },
  },
} as const satisfies ApiProvider;
