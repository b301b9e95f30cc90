import { execFile } from 'node:child_process';

export interface ProgramRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Whether the process was killed at the deadline instead of exiting by itself. */
  timedOut: boolean;
}

/**
 * Runs a program to its end. A process that does not exit by itself within `deadlineMs` is killed
 * and reported as timed out: exiting on its own is part of what the smokes check.
 */
export function runProgram(command: string, args: string[], options: { cwd?: string; deadlineMs?: number; env?: NodeJS.ProcessEnv } = {}) {
  // vitest's own NODE_OPTIONS (loaders, inspectors) must not reach the runtime under test.
  const { NODE_OPTIONS: _nodeOptions, ...env } = options.env ?? process.env;
  return new Promise<ProgramRun>((resolve) => {
    execFile(command, args, { cwd: options.cwd, env, timeout: options.deadlineMs ?? 30_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr, timedOut: error !== null && error.killed === true });
    });
  });
}

/** The last line of a smoke's output, parsed: the smoke prints its result as one JSON line. */
export function lastJsonLine(run: ProgramRun): unknown {
  const line = run.stdout.trim().split('\n').at(-1);
  if (run.code !== 0 || line === undefined || line === '') {
    throw new Error(`exit ${run.code}${run.timedOut ? ' (killed: did not exit by itself)' : ''}\n${run.stderr}\n${run.stdout}`);
  }
  return JSON.parse(line);
}
