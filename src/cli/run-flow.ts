import type { ApiProvider } from '../core/client/api-provider';
import type { CliFlow } from '../core/client/cli-definition';
import type { CliContext } from './cli-context';
import { formatBody } from './format-body';
import { loadClient } from './load-client';
import { parseFlow } from './parse-flow';
import { progressReporter } from './progress-reporter';

/** `keycard <api> <flow> …`: the flow's method, then with `--wait` its wait helper, showing progress on a terminal. */
export async function runFlow(provider: ApiProvider, name: string, flow: CliFlow, context: CliContext): Promise<number> {
  const { args, wait } = await parseFlow(flow, context.args, `keycard ${provider.name} ${name}`);
  const client = await loadClient(provider);
  const { signal } = context;
  const first = await client[flow.method]!(...args, { signal });
  if (!wait || flow.wait === undefined) {
    context.stdout.write(formatBody(first));
    return 0;
  }
  const id = (first as Record<string, unknown> | undefined)?.[flow.wait.id];
  const progress = progressReporter(context.stderr, name, flow.wait.status);
  try {
    const last = await client[flow.wait.method]!(id, { signal, onProgress: progress.onProgress });
    progress.end();
    context.stdout.write(formatBody(last));
  } catch (error) {
    progress.end();
    throw error;
  }
  return 0;
}
