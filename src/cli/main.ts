#!/usr/bin/env node
// The `keycard` command. Everything it knows of the APIs comes from the provider registry.
import { providers } from '../apis/registry';
import type { ApiProvider } from '../core/client/api-provider';
import type { CliContext } from './cli-context';
import { findProvider } from './find-provider';
import { apiHelp, doctorHelp, flowHelp, mainHelp, sandboxHelp, tokenHelp } from './help-text';
import { MissingPeerError } from './load-optional';
import { runCall } from './run-call';
import { runDoctor } from './run-doctor';
import { runFlow } from './run-flow';
import { runSandbox } from './run-sandbox';
import { runToken } from './run-token';
import { UsageError } from './usage-error';

const all = providers as readonly ApiProvider[];

/** The help a command line asks for with `--help` or `-h`, or undefined. */
function helpFor(args: readonly string[]): string | undefined {
  if (args.length === 0) return mainHelp(all);
  if (!args.includes('--help') && !args.includes('-h')) return undefined;
  const [first, second] = args;
  if (first === 'token') return tokenHelp(all);
  if (first === 'sandbox') return sandboxHelp();
  if (first === 'doctor') return doctorHelp(all);
  const provider = all.find((candidate) => candidate.name === first);
  if (provider === undefined) return mainHelp(all);
  const flow = second === undefined ? undefined : provider.cli?.flows?.[second];
  return flow === undefined ? apiHelp(provider) : flowHelp(provider, second!, flow);
}

async function dispatch(args: readonly string[], context: Omit<CliContext, 'args'>): Promise<number> {
  const [first, second, ...rest] = args;
  const tail = (from: number): CliContext => ({ ...context, args: args.slice(from) });
  if (first === 'token') {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, 'keycard token');
    return runToken(findProvider(second, 'keycard token'), tail(2));
  }
  if (first === 'sandbox') return runSandbox(tail(1));
  if (first === 'doctor') return runDoctor(findProvider(second, 'keycard doctor'), tail(2));
  const provider = findProvider(first, 'keycard');
  const flow = second === undefined ? undefined : provider.cli?.flows?.[second];
  return flow === undefined ? runCall(provider, tail(1)) : runFlow(provider, second!, flow, tail(2));
}

/** Runs one command line and resolves to its exit code; what went wrong is on stderr, by name and message. */
export async function main(args: readonly string[]): Promise<number> {
  const help = helpFor(args);
  if (help !== undefined) {
    process.stdout.write(help);
    return 0;
  }
  const controller = new AbortController();
  let interrupted = false;
  const interrupt = () => {
    // A second Ctrl-C does not wait for the first one's clean-up.
    if (interrupted) process.exit(130);
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    return await dispatch(args, { signal: controller.signal, stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    const { name, message, code } = error as Error & { code?: unknown };
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`keycard: ${message}\nRun \`${error instanceof UsageError ? error.command : 'keycard'} --help\` for usage.\n`);
      return 2;
    }
    process.stderr.write(error instanceof MissingPeerError ? `keycard: ${message}\n` : `${name}: ${message}\n`);
    return interrupted ? 130 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

process.exitCode = await main(process.argv.slice(2));
