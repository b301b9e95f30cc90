import type { CredentialSource } from '../auth/auth';
import { clientCredentials } from '../auth/client-credentials';
import { ConfigurationError } from '../errors/configuration-error';
import type { AuthContext, ClientCredentialsAuthDefinition, ResolvedAuth } from './api-provider';
import { requiredError } from './required-error';

/**
 * The credential of a provider on OAuth client credentials: id, secret and scopes from the options,
 * else their variables, exchanged at the token path of the provider's token host. Named in the
 * provider's data (`resolve: clientCredentialsAuth`), so that a client bundles only the auth it uses.
 */
export function clientCredentialsAuth(definition: ClientCredentialsAuthDefinition, { read, fromEnv, options, hosts, clientName }: AuthContext): ResolvedAuth {
  const secret = (option: 'clientId' | 'clientSecret') => {
    const value = read(option, definition[option].env);
    if (value === undefined) throw requiredError(option, definition[option].env, definition[option].hint);
    return value as CredentialSource;
  };
  const given = read('scopes', definition.scopes.env);
  const listed = typeof given === 'string' && fromEnv.has('scopes') ? given.split(/\s+/).filter(Boolean) : given;
  const scopes = definition.scopes.parse ? definition.scopes.parse(listed, fromEnv.get('scopes')) : ((listed ?? definition.scopes.default) as readonly string[]);
  const tokenHost = hosts[definition.host];
  if (tokenHost === undefined) throw new ConfigurationError(definition.host, `names no host of ${clientName}`);
  const auth = clientCredentials({
    tokenUrl: `${tokenHost}${definition.tokenPath}`,
    clientId: secret('clientId'),
    clientSecret: secret('clientSecret'),
    scopes,
    tokenMaxRetries: options.tokenMaxRetries as number | undefined,
    tokenTimeoutMs: options.tokenTimeoutMs as number | undefined,
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser as boolean | undefined,
  });
  return { auth, credential: undefined, scopes };
}
