// Read-only data of the sandbox environments: stored files, knowledge bases and older log lines.
import { scrydonCredentials } from './scrydon-credentials';

const sandbox = scrydonCredentials.environmentId;

export const storageFiles = [
  { id: 'file_contract_acme', name: 'contracts/acme-2026.pdf', contentType: 'application/pdf', sizeBytes: 482_113 },
  { id: 'file_invoice_0142', name: 'invoices/0142.pdf', contentType: 'application/pdf', sizeBytes: 91_204 },
  { id: 'file_prices', name: 'pricing/price-list.csv', contentType: 'text/csv', sizeBytes: 12_877 },
].map(({ id, ...file }) => ({ id, environmentId: sandbox, ...file, createdAt: '2026-01-06T08:30:00.000Z' }));

export const knowledgeBases = [
  { id: 'kb_product_docs', name: 'Product documentation', documentCount: 128 },
  { id: 'kb_support_macros', name: 'Support macros', documentCount: 42 },
].map(({ id, ...base }) => ({ id, environmentId: sandbox, ...base, createdAt: '2026-01-06T08:00:00.000Z' }));

export const olderLogs = [
  { id: 'log_seed_1', workflowId: 'wf_onboarding', level: 'info', message: 'Workflow deployed', timestamp: '2026-01-05T09:00:00.000Z' },
  { id: 'log_seed_2', workflowId: 'wf_churn_alert', level: 'warn', message: 'Workflow paused by an admin', timestamp: '2026-01-05T09:30:00.000Z' },
].map(({ id, workflowId, ...line }) => ({ id, environmentId: sandbox, workflowId, runId: null, ...line }));
