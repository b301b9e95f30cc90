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

/** A command still running: its output so far, its exit, and a wait for a line on stderr. */
export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Resolves once stderr matches; rejects if the command exits first. */
  stderrMatches(pattern: RegExp): Promise<void>;
}

/** Starts a command that runs until it is stopped or interrupted (`keycard sandbox`, a wait). */
export function startCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): RunningCli {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    stderrMatches: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => pattern.test(stderr) && resolve();
        listeners.add(check);
        check();
        void exited.then((code) => reject(new Error(`exited with ${code} before stderr matched ${pattern}: ${stderr}`)));
      }),
  };
}

/** The variables of `export NAME='value'` lines. */
export function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/^export (\w+)='((?:[^']|'\\'')*)'$/gm)) env[match[1]!] = match[2]!.replaceAll(`'\\''`, "'");
  return env;
}
