import { parseArgs } from 'node:util';
import { providers } from '../apis/registry';
import type { StartSandboxOptions, RunningSandbox } from '../sandbox/start-sandbox';
import type { CliContext } from './cli-context';
import { loadOptional } from './load-optional';
import { sandboxExports } from './sandbox-exports';
import { UsageError } from './usage-error';

type SandboxModule = { startSandbox: (options: StartSandboxOptions) => Promise<RunningSandbox> };

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`, 'keycard sandbox');
  return port;
}

/**
 * `keycard sandbox [--port N]`: serves every emulated API on 127.0.0.1, prints the variables that
 * point the clients at it, and runs until interrupted. Tokens are 2 kB JWTs, as identity providers
 * issue them, so that a script that cuts tokens short fails here rather than in production.
 */
export async function runSandbox(context: CliContext): Promise<number> {
  const { values } = parseArgs({ args: [...context.args], options: { port: { type: 'string' } }, strict: true });
  const port = portOf(values.port);
  const { startSandbox } = await loadOptional<SandboxModule>('./sandbox.js', 'msw', 'keycard sandbox');
  const sandbox = await startSandbox({ port, tokenFormat: 'jwt', jwtLength: 2_048 });
  const lines = sandboxExports(providers, sandbox.urls, sandbox.credentials as unknown as Record<string, Record<string, unknown>>);
  context.stdout.write(`${lines.join('\n')}\n`);
  const origin = new URL(Object.values(sandbox.urls)[0]!).origin;
  context.stderr.write(`keycard sandbox: serving on ${origin}; Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) resolve();
    else context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.stop();
  context.stderr.write('keycard sandbox: stopped\n');
  return 0;
}
