import type { ApiProvider } from '../core/client/api-provider';
import { resolveProviderOptions } from '../core/client/resolve-provider-options';
import type { CliContext } from './cli-context';
import { diagnoseEnvironment, type Finding } from './diagnose-environment';
import { loadClient } from './load-client';
import { exchangeToken } from './run-token';
import { UsageError } from './usage-error';

const marks: Record<Finding['level'], string> = { ok: '✓', note: '·', problem: '✗' };

const failure = (error: unknown): Finding => ({
  level: 'problem',
  text: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
});

/** The one live check: an exchange for client credentials, an authenticated read for a key. */
async function liveCheck(provider: ApiProvider, signal: AbortSignal): Promise<Finding> {
  const { auth } = provider;
  try {
    if (auth.kind === 'clientCredentials') {
      const tokenUrl = `${resolveProviderOptions(provider, {}).hosts[auth.host]}${auth.tokenPath}`;
      await exchangeToken(provider, undefined, signal);
      return { level: 'ok', text: `exchanged the client credentials for a token at ${tokenUrl}` };
    }
    const check = provider.cli?.check;
    if (check === undefined) return { level: 'note', text: 'no read is known to check the key with' };
    await (await loadClient(provider))[check]!({ signal });
    return { level: 'ok', text: `the key was accepted (${check}())` };
  } catch (error) {
    return failure(error);
  }
}

/**
 * `keycard doctor <api>`: the API's variables (set, missing, malformed), whether a client can be
 * built from them, and one exchange or read. Exit code 1 when anything is wrong.
 */
export async function runDoctor(provider: ApiProvider, context: CliContext): Promise<number> {
  if (context.args.length > 0) throw new UsageError(`unexpected argument "${context.args[0]}"`, 'keycard doctor');
  const findings = diagnoseEnvironment(provider, process.env);
  if (!findings.some((finding) => finding.level === 'problem')) {
    try {
      resolveProviderOptions(provider, {});
      findings.push(await liveCheck(provider, context.signal));
    } catch (error) {
      findings.push(failure(error));
    }
  }
  context.stdout.write(`keycard doctor ${provider.name}\n${findings.map((finding) => `  ${marks[finding.level]} ${finding.text}\n`).join('')}`);
  return findings.some((finding) => finding.level === 'problem') ? 1 : 0;
}
