// Ryvn against the sandbox: client credentials exchanged once for concurrent calls, and a secret
// updated. Run it with `node examples/ryvn.ts` after `npm run build` (or in a project that installed keycard).
import { startSandbox } from 'keycard/sandbox';
import { RyvnClient } from 'keycard/ryvn';

const sandbox = await startSandbox();
try {
  const { clientId, clientSecret, orgId } = sandbox.credentials.ryvn;
  const ryvn = new RyvnClient({ clientId, clientSecret, orgId, environment: 'production', apiUrl: sandbox.urls.ryvnApi, authUrl: sandbox.urls.ryvnAuth });

  const [services, installations] = await Promise.all([ryvn.listServices(), ryvn.listInstallations()]);
  console.log(`${services.length} services, ${installations.length} installations in production`);
  console.log(`token exchanges: ${sandbox.control.counts('ryvn').tokenExchanges}`);

  const secret = await ryvn.updateSecret('app-secrets', { add: { API_TOKEN: 'tok_example' }, remove: [] });
  console.log(`${secret.name} v${secret.version}: ${secret.keys.join(', ')}`);
} finally {
  await sandbox.stop();
}
