import type { ApiProvider } from '../core/client/api-provider';

/** An environment variable a client reads, and what it stands for. */
export interface ProviderVariable {
  name: string;
  /** The client option it stands in for. */
  option: string;
  role: 'host' | 'credential' | 'scopes' | 'setting';
  /** Whether its value is a secret, never to be printed. */
  secret: boolean;
  /** Whether the client cannot be built without it (no default). */
  required: boolean;
  /** Where to find the value, when the provider says. */
  hint?: string;
}

/** Every variable a provider's client reads, in the order the client resolves them. */
export function providerVariables(provider: ApiProvider): ProviderVariable[] {
  const variables: ProviderVariable[] = [];
  for (const [option, host] of Object.entries(provider.hosts)) {
    if (host.env === undefined) continue;
    variables.push({ name: host.env, option, role: 'host', secret: false, required: host.default === undefined, hint: host.hint });
  }
  const { auth } = provider;
  if (auth.kind === 'apiKey') {
    variables.push({ name: auth.env, option: auth.option, role: 'credential', secret: true, required: true, hint: auth.hint });
  } else {
    for (const option of ['clientId', 'clientSecret'] as const) {
      const credential = auth[option];
      variables.push({ name: credential.env, option, role: 'credential', secret: true, required: true, hint: credential.hint });
    }
    if (auth.scopes.env !== undefined) {
      variables.push({ name: auth.scopes.env, option: 'scopes', role: 'scopes', secret: false, required: false });
    }
  }
  for (const [option, setting] of Object.entries(provider.settings ?? {})) {
    if (setting.env !== undefined) variables.push({ name: setting.env, option, role: 'setting', secret: false, required: false });
  }
  return variables;
}
