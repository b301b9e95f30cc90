import { apiKey } from '../auth/api-key';
import { credentialSource } from '../auth/credential-source';
import type { ApiKeyAuthDefinition, AuthContext, ResolvedAuth } from './api-provider';
import { requiredError } from './required-error';

/**
 * The credential of a provider authenticated by a key: the option, else its variable (trimmed, as
 * a pasted value often ends with a newline). Named in the provider's data (`resolve: apiKeyAuth`), so
 * that a client bundles only the auth it uses.
 */
export function apiKeyAuth(definition: ApiKeyAuthDefinition, { read, fromEnv, options }: AuthContext): ResolvedAuth {
  const { option } = definition;
  const value = read(option, definition.env);
  if (value === undefined) throw requiredError(option, definition.env, definition.hint);
  const credential = credentialSource(option, typeof value === 'string' && fromEnv.has(option) ? value.trim() : value);
  return { auth: apiKey(credential, definition.headerOption ? { header: options.header as 'authorization' | undefined } : {}), credential };
}
