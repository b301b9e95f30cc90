import { providers } from '../apis/registry';
import type { ApiProvider } from '../core/client/api-provider';
import { UsageError } from './usage-error';

/** The API named on the command line, or a usage error listing the ones there are. */
export function findProvider(name: string | undefined, command: string): ApiProvider {
  const provider = (providers as readonly ApiProvider[]).find((candidate) => candidate.name === name);
  if (provider !== undefined) return provider;
  const known = providers.map((candidate) => candidate.name).join(', ');
  throw new UsageError(name === undefined ? `name an API: ${known}` : `unknown API "${name}": expected one of ${known}`, command);
}
