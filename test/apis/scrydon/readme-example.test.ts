import { beforeEach, expect, test, vi } from 'vitest';
import { ScrydonClient, WorkspaceAccessError } from '../../../src/apis/scrydon/index';
import { useScrydonSandbox } from './scrydon-test-kit';

const kit = useScrydonSandbox();

beforeEach(() => {
  const { urls, credentials } = kit.sandbox;
  vi.stubEnv('SCRYDON_URL', urls.scrydon);
  vi.stubEnv('SCRYDON_AUTH_URL', urls.scrydonAuth);
  vi.stubEnv('SCRYDON_CLIENT_ID', credentials.scrydon.clientId);
  vi.stubEnv('SCRYDON_CLIENT_SECRET', credentials.scrydon.clientSecret);
  vi.stubEnv('SCRYDON_SCOPES', credentials.scrydon.scopes.join(' '));
  vi.stubEnv('SCRYDON_ENVIRONMENT_ID', credentials.scrydon.environmentId);
});

/** The README's Scrydon example, verbatim but for the import path. */
async function example() {
  // Reads SCRYDON_URL, SCRYDON_AUTH_URL, SCRYDON_CLIENT_ID, SCRYDON_CLIENT_SECRET,
  // SCRYDON_SCOPES (e.g. "workflows:write logs:read") and SCRYDON_ENVIRONMENT_ID.
  const scrydon = new ScrydonClient();

  const me = await scrydon.whoami();
  console.log(`${me.clientId} in ${me.organizationId}`);
  console.log(scrydon.hasScope('workflows:read')); // true: workflows:write implies it

  const { data: workflows } = await scrydon.listWorkflows({ limit: 10 });
  const run = await scrydon.runWorkflow(workflows[0]!.id, { customerId: 'c_42' });
  console.log(`${run.workflowId}: ${run.status}`); // queued; follow it with getRun(run.workflowId, run.id)

  try {
    await scrydon.listWorkflows({ environmentId: 'env_staging' });
  } catch (error) {
    if (error instanceof WorkspaceAccessError) console.log(`no role in env_staging: ${error.code}`);
    else throw error;
  }
}

test('the README example runs against the sandbox with credentials from the environment', async () => {
  const logged: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void logged.push(values.join(' ')));
  await example();
  expect(logged).toEqual(['sa_sandbox in org_sandbox', 'true', 'wf_onboarding: queued', 'no role in env_staging: WORKSPACE_ACCESS_DENIED']);
  expect(kit.control.counts('scrydon').tokenExchanges).toBe(1);
});
