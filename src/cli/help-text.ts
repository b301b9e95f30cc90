import type { ApiProvider } from '../core/client/api-provider';
import type { CliFlow } from '../core/client/cli-definition';
import { flagOf } from './parse-flow';
import { providerVariables } from './provider-variables';

const floor = 'Node.js 22.12 or later (msw 3, for the sandbox).';

const variablesOf = (provider: ApiProvider) =>
  providerVariables(provider)
    .map((variable) => `  ${variable.name.padEnd(24)}${variable.option}${variable.required ? ' (required)' : ''}`)
    .join('\n');

/** `keycard --help`. */
export function mainHelp(providers: readonly ApiProvider[]): string {
  const names = providers.map((provider) => provider.name).join('|');
  return `Usage:
  keycard <api> <METHOD> <path> [-q name=value]… [-d json|@file]   call the API, print the JSON body
  keycard <api> <flow> …                                           run a flow (keycard <api> --help lists them)
  keycard token <api>                                              print an access token (APIs with client credentials)
  keycard sandbox [--port N]                                       serve the sandbox, print its variables
  keycard doctor <api>                                             check the environment and the credentials

APIs: ${names}
The clients' own environment variables configure every command; secrets are never printed.
Exit codes: 0 done, 1 the call or check failed (the error's name and message on stderr), 2 bad usage.
Needs ${floor}
`;
}

/** `keycard <api> --help`: raw calls, the API's flows and the variables it reads. */
export function apiHelp(provider: ApiProvider): string {
  const flows = Object.entries(provider.cli?.flows ?? {});
  const flowLines = flows.length === 0 ? '  (none)' : flows.map(([name, flow]) => `  ${name.padEnd(12)}${flow.summary}`).join('\n');
  return `Usage:
  keycard ${provider.name} <METHOD> <path> [-q name=value]… [-d json|@file]
  keycard ${provider.name} <flow> … (keycard ${provider.name} <flow> --help)

Calls ${provider.clientName} built from the environment and prints the JSON body on stdout.
  -q, --query name=value   a query parameter; repeat it for more, or for a list
  -d, --data json|@file    the JSON body, inline or read from a file (@- reads stdin)

Flows:
${flowLines}

Variables:
${variablesOf(provider)}
`;
}

/** `keycard <api> <flow> --help`. */
export function flowHelp(provider: ApiProvider, name: string, flow: CliFlow): string {
  const args = (flow.arguments ?? []).map((argument) => ` <${argument}>`).join('');
  const options = Object.entries(flow.options ?? {}).map(
    ([field, option]) => `  --${flagOf(field).padEnd(20)}${option.description}${option.required ? ' (required)' : ''}${option.json ? '; JSON or @file' : ''}`,
  );
  if (flow.wait) options.push(`  --${'wait'.padEnd(20)}wait until it ends (${flow.wait.method}); progress on stderr when it is a terminal`);
  return `Usage: keycard ${provider.name} ${name}${args}${options.length > 0 ? ' [options]' : ''}

${flow.summary}. Prints the JSON answer on stdout.
${options.length > 0 ? `\nOptions:\n${options.join('\n')}\n` : ''}`;
}

/** `keycard token --help`. */
export function tokenHelp(providers: readonly ApiProvider[]): string {
  const exchanged = providers.filter((provider) => provider.auth.kind === 'clientCredentials').map((provider) => provider.name);
  return `Usage: keycard token <${exchanged.join('|')}>

Exchanges the API's client credentials (from its variables) and prints the access token alone on
stdout, e.g. curl -H "Authorization: Bearer $(keycard token ${exchanged[0] ?? '<api>'})" …
APIs authenticated by an API key are refused: the key is a secret and is never printed.
With KEYCARD_REDIS_URL set, tokens are shared through Redis (keycard/redis; needs the redis
package), so that runs reuse one token until it is due for renewal. rediss:// connects over TLS;
trust a private CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem.
`;
}

/** `keycard sandbox --help`. */
export function sandboxHelp(): string {
  return `Usage: keycard sandbox [--port N]

Serves every emulated API on 127.0.0.1 (port N, or a free one) and prints an export line for
every variable the clients read (unset for those the sandbox has no value for), then runs until
Ctrl-C or SIGTERM. In another shell:
  keycard sandbox > sandbox.env &   then   . ./sandbox.env
Needs ${floor}
`;
}

/** `keycard doctor --help`. */
export function doctorHelp(providers: readonly ApiProvider[]): string {
  return `Usage: keycard doctor <${providers.map((provider) => provider.name).join('|')}>

Says which of the API's variables are set and which are missing, whether its URLs are well formed
(https, or http to a loopback host), then makes one token exchange, or for an API key one
authenticated read. Names and URLs only: no secret is printed. Exit code 1 when anything is wrong.
`;
}
