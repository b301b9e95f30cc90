// A sixth API, added the way DESIGN.md says one is: a spec (test/example/things-api.yaml, generated
// into things-api.gen.ts) and this provider, nothing else.
import { apiKeyAuth } from '../../../src/core/client/api-key-auth';
import type { ApiProvider } from '../../../src/core/client/api-provider';
import { ConfigurationError } from '../../../src/core/errors/configuration-error';
import { ConflictError } from '../../../src/core/errors/status-errors';

/** Things lost to a conflict: a code of this API's own. */
export class ThingTakenError extends ConflictError {
  override name = 'ThingTakenError';
}

export const thingsProvider = {
  name: 'things',
  clientName: 'ThingsClient',
  hosts: { baseUrl: { env: 'THINGS_API_URL', default: 'https://api.example.com' } },
  auth: { kind: 'apiKey', resolve: apiKeyAuth, option: 'apiKey', env: 'THINGS_API_KEY', hint: 'Things → Settings → Keys' },
  errorCodes: { thing_taken: ThingTakenError },
  defaults: { maxRetries: 1 },
  settings: {
    shelf: {
      env: 'THINGS_SHELF',
      parse: (value: unknown, fromEnv: string | undefined): string | undefined => {
        if (value !== undefined && (typeof value !== 'string' || !/^[a-z]+$/.test(value))) {
          throw new ConfigurationError('shelf', `must be lowercase letters${fromEnv ? ` (from ${fromEnv})` : ''}`);
        }
        return value;
      },
    },
  },
  exampleOptions: { apiKey: 'things_key' },
} as const satisfies ApiProvider;
