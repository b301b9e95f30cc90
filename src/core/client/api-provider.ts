import type { Auth, CredentialSource } from '../auth/auth';
import type { ErrorCodeMap } from '../errors/error-codes';
import type { CliDefinition } from './cli-definition';
import type { OperationTable } from './operation-settings';

/** A host of a provider: where its URL comes from and which calls go there. */
export interface HostDefinition {
  /** Environment variable read when the option is not given. */
  env?: string;
  /** URL used when neither the option nor the variable is set; a function may derive it from the settings and the hosts before it. */
  default?: string | ((resolved: { settings: Readonly<Record<string, unknown>>; hosts: Readonly<Record<string, string>> }) => string | undefined);
  /** What the value is, said when it is required and missing, e.g. "your tenant's host". */
  hint?: string;
  /** Paths starting with this prefix are sent to this host; the first API host without a prefix takes the rest. */
  paths?: string;
  /** `api` (default): calls go here with the credential; `token`: only the token endpoint; `public`: calls go here without a credential. */
  role?: 'api' | 'token' | 'public';
  /** A problem with the parsed URL beyond https and loopback, if any. */
  check?: (url: string) => string | undefined;
}

/** Where a credential comes from. */
export interface CredentialDefinition {
  /** Environment variable read when the option is not given. */
  env: string;
  /** Where to find it, said when it is missing, e.g. "Settings → API Tokens". */
  hint?: string;
}

/** A key sent as-is on every call. */
export interface ApiKeyAuthDefinition extends CredentialDefinition {
  kind: 'apiKey';
  /** The option the key is given in, e.g. `apiKey`. */
  option: string;
  /** Whether the client has a `header` option choosing `authorization` or `x-api-key`. @default false */
  headerOption?: boolean;
  /** `apiKeyAuth` from keycard: named here, so that a client bundles only the auth it uses. */
  resolve: (definition: ApiKeyAuthDefinition, context: AuthContext) => ResolvedAuth;
}

/** OAuth client credentials exchanged at a token endpoint. */
export interface ClientCredentialsAuthDefinition {
  kind: 'clientCredentials';
  /** `clientCredentialsAuth` from keycard: named here, so that a client bundles only the auth it uses. */
  resolve: (definition: ClientCredentialsAuthDefinition, context: AuthContext) => ResolvedAuth;
  /** The host option of the token endpoint. */
  host: string;
  /** Path of the token endpoint on that host. */
  tokenPath: string;
  clientId: CredentialDefinition;
  clientSecret: CredentialDefinition;
  scopes: {
    /** Environment variable with space-separated scopes. */
    env?: string;
    /** Scopes when none are given. */
    default?: readonly string[];
    /** Checks the scopes (given, or split from the variable); `fromEnv` names the variable they came from. */
    parse?: (value: unknown, fromEnv: string | undefined) => readonly string[];
  };
}

/** What resolving a provider's credential sees: its options, where they were read from, its hosts. */
export interface AuthContext {
  /** The option's value, else its variable's (noted in `fromEnv`). */
  read: (option: string, variable: string | undefined) => unknown;
  /** Options read from the environment, by option name: their variable. */
  fromEnv: ReadonlyMap<string, string>;
  options: Readonly<Record<string, unknown>>;
  /** Every host's URL, by option name. */
  hosts: Readonly<Record<string, string>>;
  clientName: string;
}

/** A provider's credential, resolved. */
export interface ResolvedAuth {
  auth: Auth;
  /** The API key as given, for providers that hand it on (e.g. to another SDK). */
  credential: CredentialSource | undefined;
  /** The scopes tokens are asked for (client credentials only). */
  scopes?: readonly string[] | undefined;
}

/** A value a client keeps besides its hosts and credential, such as a default organization. */
export interface SettingDefinition<T = unknown> {
  /** Environment variable read when the option is not given. */
  env?: string;
  /** Checks the value (undefined when neither given nor set); `fromEnv` names the variable it came from. */
  parse: (value: unknown, fromEnv: string | undefined) => T;
}

/**
 * One API as data: its hosts, how it authenticates, its error codes, the defaults it changes and
 * the settings its client keeps. The client builder reads it; nothing in core knows which APIs exist.
 */
export interface ApiProvider {
  /** Name of the import path (`keycard/<name>`) and of the folder under src/apis. */
  name: string;
  /** Name of the client class, used in errors: "is not an option of RynkoClient". */
  clientName: string;
  /** Host options in resolution order; the first API host is the client's `baseUrl`. */
  hosts: Readonly<Record<string, HostDefinition>>;
  auth: ApiKeyAuthDefinition | ClientCredentialsAuthDefinition;
  /** Error code → error class, for the codes this API sends. */
  errorCodes: ErrorCodeMap;
  /** Defaults this API changes, e.g. a longer `timeoutMs`. */
  defaults?: { timeoutMs?: number; totalTimeoutMs?: number | false; maxRetries?: number; maxRetryAfterMs?: number };
  /** Operations that differ from the rest, by `'METHOD /path/{param}'`: sent without the credential, or held open longer by the server. */
  operations?: OperationTable;
  /** Settings the client keeps, by option name. */
  settings?: Readonly<Record<string, SettingDefinition>>;
  /** Options people reach for by another name, and what to use instead, e.g. `{ baseUrl: '`apiUrl`' }`. */
  misnamed?: Readonly<Record<string, string>>;
  /** Options that build a client with no environment set, with placeholder credentials: for package tests and docs. */
  exampleOptions: Readonly<Record<string, unknown>>;
  /** What the `keycard` command offers for this API besides raw calls: flows, the doctor's read, the sandbox's hosts. */
  cli?: CliDefinition;
}

/** The settings a provider's client resolves, by option name. */
export type SettingsOf<P extends ApiProvider> = P['settings'] extends Readonly<Record<string, SettingDefinition>>
  ? { readonly [K in keyof P['settings']]: ReturnType<P['settings'][K]['parse']> }
  : {};

type CredentialOption = string | (() => string | Promise<string>);

type AuthOptionsOf<A> = A extends { kind: 'apiKey'; option: infer Option extends string }
  ? { [K in Option]?: CredentialOption } & (A extends { headerOption: true } ? { header?: 'authorization' | 'x-api-key' } : {})
  : {
      clientId?: CredentialOption;
      clientSecret?: CredentialOption;
      scopes?: readonly string[];
      tokenMaxRetries?: number;
      tokenTimeoutMs?: number;
      dangerouslyAllowBrowser?: boolean;
    };

/** The options of a client built from a provider alone: its hosts, its credential options, its settings. */
export type ProviderOptionsOf<P extends ApiProvider> = { [K in keyof P['hosts']]?: string } & AuthOptionsOf<P['auth']> &
  (P['settings'] extends Readonly<Record<string, SettingDefinition>>
    ? { [K in keyof P['settings']]?: Exclude<ReturnType<P['settings'][K]['parse']>, undefined> }
    : {});
