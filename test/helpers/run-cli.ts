import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The built command, as `npm test` builds it before the tests run. */
export const cliPath = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Only what a test gives: no variable of the machine running the tests leaks into the command. */
const baseEnv = () => ({ PATH: process.env.PATH ?? '', NODE_OPTIONS: '' });

/** Runs `node dist/cli.js …` to its end with exactly the environment given. */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [cliPath, ...args], { env: { ...baseEnv(), ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: child.exitCode, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

/** Starts a long-running command (`keycard sandbox`) and resolves once stderr has printed `ready`. */
export function startCli(args: readonly string[], ready: RegExp): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (ready.test(stderr)) resolve({ child, stdout: () => stdout, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before it was ready: ${stderr}`)));
  });
}

/** The variables of `export NAME='value'` lines. */
export function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/^export (\w+)='((?:[^']|'\\'')*)'$/gm)) env[match[1]!] = match[2]!.replaceAll(`'\\''`, "'");
  return env;
}
