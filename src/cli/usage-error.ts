/** A command line the CLI cannot run: exit code 2, the message and where `--help` is. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** What to run `--help` on, e.g. `keycard rynko generate`. */
  readonly command: string;

  constructor(message: string, command = 'keycard') {
    super(message);
    this.command = command;
  }
}
