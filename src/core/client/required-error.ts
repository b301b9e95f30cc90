import { ConfigurationError } from '../errors/configuration-error';

/** "is required: pass `apiKey` or set RYNKO_API_KEY": the one wording for a missing value. */
export function requiredError(option: string, variable: string | undefined, hint?: string): ConfigurationError {
  const set = variable === undefined ? '' : ` or set ${variable}`;
  return new ConfigurationError(option, `is required: pass \`${option}\`${set}${hint ? ` (${hint})` : ''}`);
}
