import { apiKeyAuth } from '../../core/client/api-key-auth';
import type { ApiProvider } from '../../core/client/api-provider';
import { ryvionErrorCodes } from './error-codes';

const defaultBaseUrl = 'https://api.ryvion.ai';

/** Ryvion, OpenAI-compatible inference and knowledge bases: one host, a `ryv_…` key in either header. */
export const ryvionProvider = {
  name: 'ryvion',
  clientName: 'RyvionClient',
  hosts: {
    baseUrl: {
      env: 'RYVION_API_URL',
      default: defaultBaseUrl,
      // Paths in the spec start with /v1 or /api/v1, so an OpenAI-style base URL would double them.
      check: (url) => (/\/v1$/.test(url) ? `must be the API root without \`/v1\`, e.g. ${defaultBaseUrl}` : undefined),
    },
  },
  auth: { kind: 'apiKey', resolve: apiKeyAuth, option: 'apiKey', env: 'RYVION_API_KEY', headerOption: true },
  errorCodes: ryvionErrorCodes,
  // Over Ryvion's own 30 s limit, so that its 504 arrives rather than a local timeout.
  defaults: { timeoutMs: 35_000 },
  exampleOptions: { apiKey: 'ryv_key' },
  cli: { sandboxHosts: { baseUrl: 'ryvion' }, check: 'me' },
} as const satisfies ApiProvider;
