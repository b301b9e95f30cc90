// Rivery against the sandbox: an API token, every river page by page, and a run started.
// Run it with `node examples/rivery.ts` after `npm run build`.
import { startSandbox } from 'keycard/sandbox';
import { RiveryClient } from 'keycard/rivery';

const sandbox = await startSandbox();
try {
  const { apiToken, accountId, environmentId } = sandbox.credentials.rivery;
  const rivery = new RiveryClient({ apiToken, accountId, environmentId, baseUrl: sandbox.urls.rivery, legacyUrl: sandbox.urls.riveryLegacy });

  const rivers = await rivery.listRivers().all();
  console.log(`${rivers.length} rivers`);
  const run = await rivery.runRiver(rivers[0]!.cross_id);
  console.log(`run ${run.run_id} started`);
} finally {
  await sandbox.stop();
}
