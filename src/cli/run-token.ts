import { TokenCache } from '../core/auth/token-cache';
import type { TokenStore } from '../core/auth/token-store';
import type { ApiProvider } from '../core/client/api-provider';
import { resolveProviderOptions } from '../core/client/resolve-provider-options';
import type { CliContext } from './cli-context';
import { redisStoreFromEnv } from './redis-store-from-env';
import { UsageError } from './usage-error';

/** An API key is refused: it is the secret itself, not a token derived from one. */
function refuseKeys(provider: ApiProvider): void {
  const { auth } = provider;
  if (auth.kind === 'clientCredentials') return;
  throw new UsageError(
    `${provider.name} authenticates with an API key (${auth.env}), not with a token exchanged for it; the key is a secret that keycard never prints`,
    'keycard token',
  );
}

/**
 * Exchanges the API's client credentials, through the store when one is given, and resolves to the
 * access token alone.
 */
export async function exchangeToken(provider: ApiProvider, tokenStore?: TokenStore, signal?: AbortSignal): Promise<string> {
  refuseKeys(provider);
  const resolved = resolveProviderOptions(provider, tokenStore === undefined ? {} : { tokenStore });
  const cache = new TokenCache(resolved.auth, { store: resolved.tokenStore, fetch: (input, init) => globalThis.fetch(input, init) });
  const entry = await cache.get(signal);
  return entry.value.replace(/^Bearer /, '');
}

/**
 * `keycard token <api>`: the access token on stdout, nothing else, for
 * `curl -H "Authorization: Bearer $(keycard token ryvn)"`; through Redis with `KEYCARD_REDIS_URL`.
 */
export async function runToken(provider: ApiProvider, context: CliContext): Promise<number> {
  refuseKeys(provider);
  const opened = await redisStoreFromEnv(context.stderr);
  try {
    context.stdout.write(`${await exchangeToken(provider, opened?.store, context.signal)}\n`);
  } finally {
    await opened?.close();
  }
  return 0;
}
