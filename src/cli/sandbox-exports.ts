import type { ApiProvider } from '../core/client/api-provider';
import { providerVariables } from './provider-variables';

/** A value quoted for POSIX shells. */
const quoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * The shell lines that point every client at the sandbox: each variable a client reads, set to the
 * sandbox host serving it or to the sandbox credential of the same name as its option (scopes
 * joined by spaces), and unset when the sandbox has no value for it, so that no value from a real
 * account is mixed in.
 */
export function sandboxExports(
  providers: readonly ApiProvider[],
  urls: Readonly<Record<string, string>>,
  credentials: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): string[] {
  const lines: string[] = [];
  for (const provider of providers) {
    lines.push(`# ${provider.name}`);
    for (const variable of providerVariables(provider)) {
      const value =
        variable.role === 'host' ? urls[provider.cli?.sandboxHosts[variable.option] ?? ''] : credentials[provider.name]?.[variable.option];
      const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : undefined;
      lines.push(text === undefined ? `unset ${variable.name}` : `export ${variable.name}=${quoted(text)}`);
    }
  }
  return lines;
}
