// Rynko: an API key, asynchronous document jobs, and a signed download on another origin.
import { ApiKeyDeactivatedError, RynkoClient, type Job } from 'keycard/rynko';
import type { DemoSection } from './demo-kit';

export const rynkoDemo: DemoSection = {
  api: 'rynko',
  title: 'Rynko: generate a document, wait for it, download it without the key',

  async sandbox({ sandbox, step, log, track }) {
    const { urls, control, credentials } = sandbox;
    const { apiKey } = credentials.rynko;
    const rynko = track(new RynkoClient({ apiKey, baseUrl: urls.rynko }));

    step('The key (fm_…) goes as a Bearer token; every answer carries the rate-limit counters');
    const { data: account, response } = await rynko.verify().withResponse();
    const remaining = `${response.headers.get('x-ratelimit-remaining')}/${response.headers.get('x-ratelimit-limit')}`;
    log(`key of ${account.email} (team ${account.teamId}); requests left this minute: ${remaining}`);

    step('A deactivated key: ERR_AKEY_003 becomes ApiKeyDeactivatedError, sent once (a fixed key cannot be refreshed)');
    control.addKey('rynko', 'fm_demo_retired_key', ['documents:read']);
    control.deactivateKey('rynko', 'fm_demo_retired_key');
    const before = control.counts('rynko').requests;
    try {
      await new RynkoClient({ apiKey: 'fm_demo_retired_key', baseUrl: urls.rynko }).verify();
    } catch (error) {
      if (!(error instanceof ApiKeyDeactivatedError)) throw error;
      log(`${error.name} (an AuthenticationError): ${error.status} ${error.code} "${error.detail}", request ${error.requestId}`);
      log(`requests sent: ${control.counts('rynko').requests - before}`);
    }

    step('Generate an invoice and wait for it: the job advances on the sandbox clock');
    const queued = await rynko.generateDocument({
      templateId: 'tmpl_invoice',
      format: 'pdf',
      variables: { invoiceNumber: 'INV-2026-001', customerName: 'Acme GmbH', total: 1_250 },
    });
    log(`${queued.jobId} queued, about ${queued.estimatedWaitSeconds} s`);
    const started = Date.now();
    const job: Job = await rynko.waitForJob(queued.jobId, {
      intervalMs: 250,
      onProgress: ({ status }) => log(`+${((Date.now() - started) / 1000).toFixed(1)} s  ${status}`),
    });

    step('Download it from the storage host, another origin: no API key, no cookies');
    const file = await rynko.downloadDocument(job);
    const head = new TextDecoder().decode((await file.arrayBuffer()).slice(0, 8)).trim();
    log(`${file.size} bytes of ${file.type} ("${head}…"), from ${new URL(job.downloadUrl!).origin} (the API is ${new URL(urls.rynko).origin})`);
    const leaked = await fetch(job.downloadUrl!, { headers: { authorization: `Bearer ${apiKey}` } });
    const refusal = (await leaked.json()) as { code: string };
    log(`the storage host refuses any request carrying a credential: the same URL with the key gets ${leaked.status} ${refusal.code}`);
  },

  async live(log) {
    // RYNKO_API_KEY (and optionally RYNKO_API_URL); read-only calls only.
    const rynko = new RynkoClient();
    const account = await rynko.verify();
    log(`key of ${account.email}${account.teamName ? ` (${account.teamName})` : ''}`);
    const templates = await rynko.listTemplates({ limit: 5 });
    log(`${templates.total} template(s): ${templates.data.map((template) => `${template.id} ${template.name}`).join(', ') || 'none'}`);
    const { jobs, total } = await rynko.listJobs({ limit: 5 });
    log(`${total} job(s); latest: ${jobs.map((job) => `${job.jobId} ${job.status}`).join(', ') || 'none'}`);
  },
};
