import type { ApiProvider } from '../core/client/api-provider';
import type { CliContext } from './cli-context';
import { formatBody } from './format-body';
import { loadClient } from './load-client';
import { parseCall } from './parse-call';
import { readData } from './read-data';

/** `keycard <api> <METHOD> <path> [-q name=value]… [-d json|@file]`: one call, its body on stdout. */
export async function runCall(provider: ApiProvider, context: CliContext): Promise<number> {
  const command = `keycard ${provider.name}`;
  const call = parseCall(context.args, command);
  const body = call.data === undefined ? undefined : await readData(call.data, '-d', command);
  const client = await loadClient(provider);
  const init = { params: { query: call.query }, signal: context.signal, ...(body === undefined ? {} : { body }) };
  const answer = await client[call.method]!(call.path, init);
  context.stdout.write(formatBody(answer));
  return 0;
}
