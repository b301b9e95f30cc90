import type { ApiProvider } from '../core/client/api-provider';

/** A client's methods, called by the name the command line or the provider's data gives. */
export type LooseClient = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * A client of the API, built from the environment like any other: the CLI loads the package's own
 * entry (`dist/<api>.js`, beside `dist/cli.js`) by the provider's name, so it names no API itself.
 */
export async function loadClient(provider: ApiProvider): Promise<LooseClient> {
  const entry = new URL(`./${provider.name}.js`, import.meta.url).href;
  const module = (await import(entry)) as Record<string, new () => LooseClient>;
  const Client = module[provider.clientName];
  if (Client === undefined) throw new Error(`${entry} exports no ${provider.clientName}`);
  return new Client();
}
