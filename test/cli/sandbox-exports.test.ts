import { describe, expect, test } from 'vitest';
import { providers } from '../../src/apis/registry';
import { providerVariables } from '../../src/cli/provider-variables';
import { sandboxExports } from '../../src/cli/sandbox-exports';
import type { ApiProvider } from '../../src/core/client/api-provider';
import { createSandbox } from '../../src/sandbox/index';

const sandbox = createSandbox();
const credentials = sandbox.credentials as unknown as Record<string, Record<string, unknown>>;
const lines = sandboxExports(providers, sandbox.urls, credentials);

describe('sandboxExports', () => {
  test('covers every variable every client reads, exported or unset', () => {
    for (const provider of providers) {
      for (const variable of providerVariables(provider)) {
        expect(lines.filter((line) => line === `unset ${variable.name}` || line.startsWith(`export ${variable.name}=`)), variable.name).toHaveLength(1);
      }
    }
  });

  test("every host with a variable is pointed at the sandbox host its provider names, and that host exists", () => {
    for (const provider of providers as readonly ApiProvider[]) {
      for (const [option, host] of Object.entries(provider.hosts)) {
        if (host.env === undefined) continue;
        const served = provider.cli?.sandboxHosts[option];
        expect(served, `${provider.name}.${option}`).toBeDefined();
        const url = sandbox.urls[served as keyof typeof sandbox.urls];
        expect(url, `${provider.name}.${option} → ${served}`).toBeDefined();
        expect(lines).toContain(`export ${host.env}='${url}'`);
      }
    }
  });

  test('credentials and settings take the sandbox credential of the same name, scopes joined by spaces', () => {
    expect(lines).toContain(`export RYNKO_API_KEY='${sandbox.credentials.rynko.apiKey}'`);
    expect(lines).toContain(`export RYVN_CLIENT_SECRET='${sandbox.credentials.ryvn.clientSecret}'`);
    expect(lines).toContain(`export SCRYDON_SCOPES='${sandbox.credentials.scrydon.scopes.join(' ')}'`);
    expect(lines).toContain(`export RIVERY_ACCOUNT_ID='${sandbox.credentials.rivery.accountId}'`);
  });

  test('quotes values for the shell', () => {
    const [provider] = providers;
    const quoted = sandboxExports([provider], sandbox.urls, { [provider.name]: { clientId: "it's" } });
    expect(quoted).toContain(`export ${providerVariables(provider).find((v) => v.option === 'clientId')!.name}='it'\\''s'`);
  });
});
