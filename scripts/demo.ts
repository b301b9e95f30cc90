// `npm start`: the five APIs against the sandbox on 127.0.0.1, with no credentials and no network.
// `npm start -- --live <api>`: the same client code against the real API, credentials from the environment.
import { isKeycardError, type ClientStats } from 'keycard';
import { startSandbox, type SandboxApi } from 'keycard/sandbox';
import './bench/src-hooks.ts';
import type { ApiProvider } from '../src/core/client/api-provider.ts';
import type { DemoSection } from './demo/demo-kit.ts';

// One section per API of the registry, from scripts/demo/<api>.ts.
const { providers } = await import('../src/apis/registry.ts');
const sections: DemoSection[] = await Promise.all(
  providers.map(async (provider) => (await import(`./demo/${provider.name}.ts`))[`${provider.name}Demo`] as DemoSection),
);

/** What an API's client cannot do without in live mode (the rest have defaults): from its provider. */
function requiredEnvironment(provider: ApiProvider): string[] {
  const { auth } = provider;
  const hosts = Object.values(provider.hosts).filter((host) => host.default === undefined && host.env !== undefined);
  const credentials = auth.kind === 'apiKey' ? [auth.env] : [auth.clientId.env, auth.clientSecret.env];
  const scopes = auth.kind === 'clientCredentials' && auth.scopes.default === undefined && auth.scopes.env ? [auth.scopes.env] : [];
  return [...hosts.map((host) => host.env!), ...credentials, ...scopes];
}
const log = (line: string) => console.log(`  ${line}`);

async function runLive(name: string | undefined): Promise<number> {
  const section = sections.find((candidate) => candidate.api === name);
  if (section === undefined) {
    console.error(`Usage: npm start -- --live <${sections.map((candidate) => candidate.api).join('|')}>`);
    return 2;
  }
  console.log(`${section.title}: live, against the real API`);
  const missing = requiredEnvironment(providers.find((provider) => provider.name === section.api)!).filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.error(`\nNot set: ${missing.join(', ')}. Set ${missing.length === 1 ? 'it' : 'them'} in the environment and run again.`);
    return 1;
  }
  try {
    await section.live(log);
    return 0;
  } catch (error) {
    if (!isKeycardError(error)) throw error;
    // ConfigurationError names the missing option and its environment variable.
    console.error(`\n${error.name}: ${error.message}`);
    return 1;
  }
}

async function runSandbox(): Promise<number> {
  // Tokens of the size identity providers issue: a client that cut them short would fail here.
  const sandbox = await startSandbox({ tokenFormat: 'jwt', jwtLength: 2_048 });
  console.log(`OAuth tokens: ${sandbox.control.tokenShape().jwtLength}-character JWTs, as identity providers issue them`);
  const clients: { readonly stats: ClientStats }[] = [];
  const started = Date.now();
  try {
    for (const section of sections) {
      console.log(`\n━━ ${section.title}`);
      await section.sandbox({
        sandbox,
        step: (title) => console.log(`\n▸ ${title}`),
        log,
        track: (client) => {
          clients.push(client);
          return client;
        },
      });
    }
  } finally {
    await sandbox.stop();
  }
  const totals = sandbox.control.totals();
  const sum = (key: keyof ClientStats) => clients.reduce((total, client) => total + client.stats[key], 0);
  console.log('\n━━ Counts');
  console.log(`  ${'API'.padEnd(9)}${'token exchanges'.padStart(16)}${'requests'.padStart(10)}${'401s'.padStart(6)}${'faults'.padStart(8)}`);
  for (const [api, counts] of Object.entries(totals) as [SandboxApi, (typeof totals)[SandboxApi]][]) {
    console.log(`  ${api.padEnd(9)}${String(counts.tokenExchanges).padStart(16)}${String(counts.requests).padStart(10)}${String(counts.rejected).padStart(6)}${String(counts.faults).padStart(8)}`);
  }
  console.log(`  clients: ${sum('retries')} retries, ${sum('refreshes')} refreshes after a 401, ${sum('tokenExchanges')} token exchanges`);
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

const args = process.argv.slice(2);
const liveAt = args.indexOf('--live');
process.exitCode = liveAt >= 0 ? await runLive(args[liveAt + 1]) : await runSandbox();
