// Rynko against the sandbox: an API key verified, and a document generation job queued and read.
// Run it with `node examples/rynko.ts` after `npm run build`.
import { startSandbox } from 'keycard/sandbox';
import { RynkoClient } from 'keycard/rynko';

const sandbox = await startSandbox();
try {
  const rynko = new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey, baseUrl: sandbox.urls.rynko });
  const account = await rynko.verify();
  console.log(`key of ${account.email}`);

  const { jobId, status } = await rynko.generateDocument({ templateId: 'tmpl_invoice', format: 'pdf', variables: { invoiceNumber: 'INV-001' } });
  console.log(`${jobId}: ${status}`);
  console.log(`now ${(await rynko.getJob(jobId)).status}`);
} finally {
  await sandbox.stop();
}
