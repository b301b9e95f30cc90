import { MemoryTokenStore } from '../core/auth/token-store';
import { TokenCache } from '../core/auth/token-cache';
import type { TokenStore } from '../core/auth/token-store';
import type { ApiProvider } from '../core/client/api-provider';
import { resolveProviderOptions } from '../core/client/resolve-provider-options';
import type { CliContext } from './cli-context';
import { UsageError } from './usage-error';

/**
 * Exchanges the API's client credentials, through the store when one is given, and resolves to the
 * access token alone. An API key is refused: it is the secret itself, not a token derived from one.
 */
export async function exchangeToken(provider: ApiProvider, tokenStore?: TokenStore, signal?: AbortSignal): Promise<string> {
  const { auth } = provider;
  if (auth.kind !== 'clientCredentials') {
    throw new UsageError(
      `${provider.name} authenticates with an API key (${auth.env}), not with a token exchanged for it; the key is a secret that keycard never prints`,
      'keycard token',
    );
  }
  const resolved = resolveProviderOptions(provider, tokenStore === undefined ? {} : { tokenStore });
  const cache = new TokenCache(resolved.auth, { store: resolved.tokenStore ?? new MemoryTokenStore(), fetch: (input, init) => globalThis.fetch(input, init) });
  const entry = await cache.get(signal);
  return entry.value.replace(/^Bearer /, '');
}

/** `keycard token <api>`: the access token on stdout, nothing else, for `curl -H "Authorization: Bearer $(keycard token ryvn)"`. */
export async function runToken(provider: ApiProvider, context: CliContext, tokenStore?: TokenStore): Promise<number> {
  context.stdout.write(`${await exchangeToken(provider, tokenStore, context.signal)}\n`);
  return 0;
}
