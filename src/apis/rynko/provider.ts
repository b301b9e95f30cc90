import { apiKeyAuth } from '../../core/client/api-key-auth';
import type { ApiProvider } from '../../core/client/api-provider';
import { rynkoErrorCodes } from './error-codes';

/** Rynko, document generation: one host, an `fm_…` API key as a bearer token. */
export const rynkoProvider = {
  name: 'rynko',
  clientName: 'RynkoClient',
  hosts: { baseUrl: { env: 'RYNKO_API_URL', default: 'https://api.rynko.dev' } },
  auth: { kind: 'apiKey', resolve: apiKeyAuth, option: 'apiKey', env: 'RYNKO_API_KEY' },
  errorCodes: rynkoErrorCodes,
  exampleOptions: { apiKey: 'fm_key' },
  cli: {
    sandboxHosts: { baseUrl: 'rynko' },
    check: 'verify',
    flows: {
      generate: {
        summary: 'Generates a document from a template; --wait follows the job until it ends',
        method: 'generateDocument',
        options: {
          templateId: { description: 'the template', required: true },
          format: { description: 'pdf, excel or csv', required: true },
          variables: { description: "the template's variables, as a JSON object", json: true },
          filename: { description: 'name of the file, without extension' },
        },
        wait: { method: 'waitForJob', id: 'jobId', status: 'status' },
      },
      job: { summary: 'Shows a job', method: 'getJob', arguments: ['jobId'] },
    },
  },
} as const satisfies ApiProvider;
