// Scrydon: a service account's short-lived tokens renewed ahead of expiry, and scopes that need a workspace role too.
import { InsufficientScopeError, InvalidScopeError, ScrydonClient, WorkspaceAccessError, type ScrydonScope } from 'keycard/scrydon';
import type { DemoSection } from './demo-kit';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const scrydonDemo: DemoSection = {
  api: 'scrydon',
  title: 'Scrydon: short-lived tokens renewed ahead, scopes and workspace roles',

  async sandbox({ sandbox, step, log, track }) {
    const { urls, control, credentials } = sandbox;
    const { clientId, clientSecret, environmentId } = credentials.scrydon;
    const counts = () => control.counts('scrydon');
    const connect = (scopes: ScrydonScope[]) =>
      track(new ScrydonClient({ baseUrl: urls.scrydon, authUrl: urls.scrydonAuth, clientId, clientSecret, scopes, environmentId }));

    step('Tokens cut from 15 min to 4 s; a call every 0.3 s for 4.5 s crosses the first token’s expiry');
    control.setTokenLifetime('scrydon', 4); // renewal window 2 s, hard margin 1 s
    const scrydon = connect(['workflows:write', 'logs:read']);
    await scrydon.whoami(); // the first exchange
    const start = performance.now();
    const calls: { at: number; tookMs: number; token: string; startedRenewal: boolean }[] = [];
    for (let tick = 0; tick <= 15; tick++) {
      await sleep(start + tick * 300 - performance.now());
      const seen = { ...counts().byCredential };
      const exchanges = scrydon.stats.tokenExchanges;
      const sent = performance.now();
      await scrydon.whoami();
      const tookMs = performance.now() - sent;
      // The sandbox's own, shortened, view of the token it was sent.
      const token = Object.keys(counts().byCredential).find((key) => counts().byCredential[key] !== seen[key]) ?? '?';
      calls.push({ at: sent - start, tookMs, token: `…${token.slice(-4)}`, startedRenewal: scrydon.stats.tokenExchanges > exchanges });
    }
    const tokens = [...new Set(calls.map((call) => call.token))];
    for (const token of tokens) {
      const used = calls.filter((call) => call.token === token);
      const renewal = used.find((call) => call.startedRenewal);
      const span = used.length === 1 ? `1 call at ${seconds(used[0]!.at)}` : `${used.length} calls, ${seconds(used[0]!.at)} to ${seconds(used.at(-1)!.at)}`;
      log(`token ${token}: ${span}${renewal ? `; the call at ${seconds(renewal.at)} started a renewal in the background and still went out with it` : ''}`);
    }
    // A call waited if it both started an exchange and went out with a token no call had used before.
    const waited = calls.filter((call, index) => call.startedRenewal && call.token !== calls[index - 1]?.token).length;
    const durations = calls.map((call) => call.tookMs).sort((a, b) => a - b);
    log(`the first token expired at about ${seconds(4_000)}, between the calls of the second`);
    log(
      `${calls.length} calls: median ${durations[durations.length >> 1]!.toFixed(0)} ms, slowest ${durations.at(-1)!.toFixed(0)} ms; ` +
        `calls that waited for a token: ${waited}; token exchanges: ${counts().tokenExchanges} for ${tokens.length} tokens; ` +
        `rejected: ${counts().rejected}; expired tokens sent: ${counts().expiredTokenUses}`,
    );
    control.setTokenLifetime('scrydon', 900);

    step('Scopes: granted to the account, requested by the client, carried by the token; write implies read');
    log(`granted:   ${control.oauthClient('scrydon', clientId)!.scopes.join(' ')}`);
    log(`requested: ${scrydon.scopes.join(' ')}`);
    log(`token:     ${(await scrydon.whoami()).scopes.join(' ')}`);
    log(`hasScope('workflows:read') → ${scrydon.hasScope('workflows:read')}; hasScope('storage:read') → ${scrydon.hasScope('storage:read')} (granted, not requested)`);
    log(`listWorkflows() with workflows:write: ${(await scrydon.listWorkflows()).data.length} workflows`);
    try {
      await scrydon.listStorageFiles();
    } catch (error) {
      if (!(error instanceof InsufficientScopeError)) throw error;
      log(`listStorageFiles() → ${error.name} ${error.status} ${error.code}: ${error.detail}`);
    }
    try {
      await connect(['tools:read']).whoami();
    } catch (error) {
      if (!(error instanceof InvalidScopeError)) throw error;
      log(`requesting tools:read → ${error.name}: ${error.error} / ${error.errorDescription}`);
    }

    step('The scope is not enough: the account also needs a role in the environment');
    try {
      await scrydon.listWorkflows({ environmentId: 'env_staging' });
    } catch (error) {
      if (!(error instanceof WorkspaceAccessError)) throw error;
      log(`env_staging → ${error.name} (an InsufficientScopeError: ${error instanceof InsufficientScopeError}) ${error.code}: ${error.detail}`);
    }

    step('The trigger: a short workflow answers with its outputs; a long one answers 202 running');
    const quick = await scrydon.triggerWorkflow('wf_onboarding', { customerId: 'c_42' });
    log(`wf_onboarding → ${quick.status}${quick.status === 'completed' ? ` ${JSON.stringify(quick.outputs)}` : ''}`);
    const long = await scrydon.triggerWorkflow('wf_invoice_triage', { invoice: 142 });
    log(`wf_invoice_triage → ${long.status} (${long.executionId})`);
    const done = await scrydon.waitForExecution(long, {
      intervalMs: 1,
      // The sandbox clock stands in for the minute and a half the workflow takes.
      onProgress: (execution) => {
        log(`  ${execution.status}`);
        if (execution.status === 'running') control.advanceClock(90_000);
      },
    });
    log(`done: ${JSON.stringify(done.outputs)}`);

    step('The webhook trigger: no bearer token, the block checks its own secret');
    const hooked = await scrydon.triggerWebhook('invoice-received', { invoice: 143 }, { secret: credentials.scrydon.webhookSecret });
    log(`invoice-received → ${JSON.stringify(hooked)}`);
  },

  async live(log) {
    // SCRYDON_URL, SCRYDON_CLIENT_ID, SCRYDON_CLIENT_SECRET and SCRYDON_SCOPES (SCRYDON_AUTH_URL and
    // SCRYDON_ENVIRONMENT_ID if your tenant needs them); read-only calls only.
    const scrydon = new ScrydonClient();
    const me = await scrydon.whoami();
    log(`${me.clientId} in ${me.organizationId}: ${me.scopes.join(' ')}`);
    if (scrydon.environmentId !== undefined && scrydon.hasScope('workflows:read')) {
      const { data } = await scrydon.listWorkflows({ limit: 10 });
      for (const workflow of data) log(`${workflow.id}  ${workflow.name} (${workflow.status})`);
    }
    log(`token exchanges: ${scrydon.stats.tokenExchanges}`);
  },
};
