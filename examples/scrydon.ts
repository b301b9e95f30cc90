// Scrydon against the sandbox: a service account's client credentials, one exchange for 20
// concurrent calls, the workflows of its environment, and a trigger. Run it with `node examples/scrydon.ts` after `npm run build`.
import { startSandbox } from 'keycard/sandbox';
import { ScrydonClient } from 'keycard/scrydon';

const sandbox = await startSandbox();
try {
  const { clientId, clientSecret, scopes, environmentId } = sandbox.credentials.scrydon;
  const scrydon = new ScrydonClient({
    baseUrl: sandbox.urls.scrydon,
    authUrl: sandbox.urls.scrydonAuth,
    clientId,
    clientSecret,
    scopes: [...scopes],
    environmentId,
  });

  const answers = await Promise.all(Array.from({ length: 20 }, () => scrydon.whoami()));
  console.log(`${answers.length} calls as ${answers[0]!.clientId}; token exchanges: ${sandbox.control.counts('scrydon').tokenExchanges}`);
  const { data: workflows } = await scrydon.listWorkflows({ limit: 10 });
  console.log(`${workflows.length} workflows in ${environmentId}`);
  // The documented trigger: the outputs within Scrydon's 30 s wait, else `running` (then waitForExecution).
  const started = await scrydon.triggerWorkflow(workflows[0]!.id, { customerId: 'c_42' });
  console.log(`${workflows[0]!.id}: ${started.status}`);
} finally {
  await sandbox.stop();
}
