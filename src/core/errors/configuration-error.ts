import { KeycardError } from './keycard-error';

/** An option given to a client or an auth factory is missing or wrong; thrown when the client is built. */
export class ConfigurationError extends KeycardError {
  override name = 'ConfigurationError';
  /** The option at fault, e.g. `clientId` or `baseUrl`. */
  readonly option: string;

  constructor(option: string, problem: string) {
    super(`Invalid option \`${option}\`: ${problem}`);
    this.option = option;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), option: this.option };
  }
}
