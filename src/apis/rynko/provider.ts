import { apiKey } from '../../core/auth/api-key';
import type { ApiProvider } from '../../core/client/api-provider';
import { rynkoErrorCodes } from './error-codes';

/** Rynko, document generation: one host, an `fm_…` API key as a bearer token. */
export const rynkoProvider = {
  name: 'rynko',
  clientName: 'RynkoClient',
  hosts: { baseUrl: { env: 'RYNKO_API_URL', default: 'https://api.rynko.dev' } },
  auth: { kind: 'apiKey', create: apiKey, option: 'apiKey', env: 'RYNKO_API_KEY' },
  errorCodes: rynkoErrorCodes,
  exampleOptions: { apiKey: 'fm_key' },
} as const satisfies ApiProvider;
