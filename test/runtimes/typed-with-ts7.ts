// Compiled by TypeScript 7 against the packed keycard's .d.ts files (see runtimes.smoke.ts): a client
// typed by a spec, a built-in client, and the errors. Not run: a wrong type here fails the check.
import { clientCredentials, createClient, NotFoundError } from 'keycard';
import { RyvnClient } from 'keycard/ryvn';
import type { paths } from '../example/things-api.gen.js';

const api = createClient<paths>({
  baseUrl: 'https://api.example.com',
  auth: clientCredentials({ tokenUrl: 'https://auth.example.com/token', clientId: 'id', clientSecret: 'secret' }),
});

export async function typedCalls(): Promise<string> {
  const { items } = await api.GET('/things', { params: { query: { limit: 10 } } });
  const thing = await api.GET('/things/{id}', { params: { path: { id: items[0]!.id } } });
  // @ts-expect-error a path the spec does not have
  await api.GET('/no-such-path');
  const ryvn = new RyvnClient({ clientId: 'id', clientSecret: 'secret' });
  await ryvn.listOrganizations().catch((error: unknown) => (error instanceof NotFoundError ? [] : Promise.reject(error)));
  return thing.name;
}
