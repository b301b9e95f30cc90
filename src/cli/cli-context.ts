import type { ProgressStream } from './progress-reporter';

/** What a command gets: its arguments (after its name), where to write, and the signal that Ctrl-C fires. */
export interface CliContext {
  args: readonly string[];
  signal: AbortSignal;
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
}
