import type { Auth, CredentialSource } from '../auth/auth';
import type { TokenStore } from '../auth/token-store';
import { ConfigurationError } from '../errors/configuration-error';
import { createObserver, type ObserveOptions, type Observer } from '../observe/observer';
import { env } from '../util/env';
import { baseUrlOf, knownKeys, milliseconds } from '../util/validate';
import type { ApiProvider, AuthContext, ResolvedAuth } from './api-provider';
import { overrideKeys, tokenStore } from './client-options';
import { requiredError } from './required-error';

/** A provider client's options after resolution: values, then environment, then defaults. */
export interface ResolvedProviderOptions {
  /** Every host's URL, by option name, without a trailing slash. */
  hosts: Record<string, string>;
  settings: Record<string, unknown>;
  auth: Auth;
  /** The API key as given, for providers whose key is also handed on (e.g. to another SDK). */
  credential: CredentialSource | undefined;
  /** The scopes tokens are asked for (client credentials only). */
  scopes: readonly string[] | undefined;
  /** One store for every host of the client, so that a key given as a function is read once. */
  tokenStore: TokenStore;
  /** Budget of one token-store operation, in ms. */
  tokenStoreTimeoutMs: number;
  /** One observer for every host of the client and its wait helpers. */
  observer: Observer | undefined;
}

const tokenKeys = ['tokenMaxRetries', 'tokenTimeoutMs', 'dangerouslyAllowBrowser'] as const;

/** Every option a provider's client accepts. */
export function optionNames(provider: ApiProvider): string[] {
  const { auth } = provider;
  const credentials =
    auth.kind === 'apiKey' ? [auth.option, ...(auth.headerOption ? ['header'] : [])] : ['clientId', 'clientSecret', 'scopes', ...tokenKeys];
  return [...Object.keys(provider.hosts), ...credentials, ...Object.keys(provider.settings ?? {}), 'tokenStore', 'tokenStoreTimeoutMs', ...overrideKeys, 'logger', 'logLevel', 'hooks'];
}

function problemOf(error: ConfigurationError): string {
  return error.message.slice(error.message.indexOf(': ') + 2);
}

/** Runs `check`; a problem with a value read from the environment also names the variable. */
function naming<T>(fromEnv: ReadonlyMap<string, string>, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const variable = fromEnv.get(error.option);
    if (variable === undefined || error.message.includes(variable)) throw error;
    throw new ConfigurationError(error.option, `${problemOf(error)} (read from ${variable})`);
  }
}

/**
 * Checks a provider client's options and completes them: each value given, else its environment
 * variable, else the provider's default. A problem throws `ConfigurationError` naming the option
 * (and the variable it was read from); unknown options are refused with the nearest known name.
 */
export function resolveProviderOptions(provider: ApiProvider, input: unknown): ResolvedProviderOptions {
  const what = provider.clientName;
  const options = input as Record<string, unknown>;
  // A misnamed option gets its own hint before the nearest-name rule; `Object()` lets a value
  // that is not an object through to knownKeys, which refuses it.
  for (const [name, instead] of Object.entries(provider.misnamed ?? {})) {
    if (name in Object(input)) throw new ConfigurationError(name, `is not an option of ${what}; did you mean ${instead}?`);
  }
  knownKeys(what, options, optionNames(provider));
  const fromEnv = new Map<string, string>();
  /** The option's value, else its variable's (noted, so that errors can name it). */
  const read = (option: string, variable: string | undefined): unknown => {
    const given = options[option];
    if (given !== undefined && given !== '') return given;
    const value = variable === undefined ? undefined : env(variable);
    if (value !== undefined) fromEnv.set(option, variable!);
    return value;
  };

  return naming(fromEnv, () => {
    const settings: Record<string, unknown> = {};
    for (const [option, setting] of Object.entries(provider.settings ?? {})) {
      const value = read(option, setting.env);
      settings[option] = setting.parse(value, fromEnv.get(option));
    }

    const hosts: Record<string, string> = {};
    for (const [option, host] of Object.entries(provider.hosts)) {
      const fallback = typeof host.default === 'function' ? host.default({ settings, hosts }) : host.default;
      const value = read(option, host.env) ?? fallback;
      if (value === undefined) throw requiredError(option, host.env, host.hint);
      const url = baseUrlOf(option, value).href.replace(/\/+$/, '');
      const problem = host.check?.(url);
      if (problem !== undefined) throw new ConfigurationError(option, problem);
      hosts[option] = url;
    }

    const { auth: definition } = provider;
    const { auth, credential, scopes } = (definition.resolve as (definition: ApiProvider['auth'], context: AuthContext) => ResolvedAuth)(definition, {
      read,
      fromEnv,
      options,
      hosts,
      clientName: what,
    });

    const observer = createObserver(options as ObserveOptions);
    // A store given for a fixed key is refused: it has nothing to keep.
    const store = tokenStore(options.tokenStore, auth);
    const storeTimeoutMs = milliseconds('tokenStoreTimeoutMs', options.tokenStoreTimeoutMs, 1_000, 1);
    return { hosts, settings, auth, credential, scopes, tokenStore: store, tokenStoreTimeoutMs: storeTimeoutMs, observer };
  });
}
