import { describe, expect, test } from 'vitest';
import { useSandbox } from '../../helpers/use-sandbox';

const { sandbox } = useSandbox();
const { control, urls } = sandbox;

describe('batch status', () => {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${urls.rynko}${path}`, {
      method,
      headers: { authorization: `Bearer ${sandbox.credentials.rynko.apiKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as Record<string, unknown> & { jobs: { jobId: string }[] };
  };

  test.each([
    ['completed when every job completed', 'tmpl_invoice', false, { status: 'completed', completedJobs: 2, failedJobs: 0 }],
    ['partial when some failed', 'tmpl_invoice', true, { status: 'partial', completedJobs: 1, failedJobs: 1 }],
    ['failed when every job failed', 'tmpl_broken', false, { status: 'failed', completedJobs: 0, failedJobs: 2 }],
  ])('ends %s', async (_label, templateId, cancelOne, expected) => {
    const documents = [{ variables: { invoiceNumber: '1' } }, { variables: { invoiceNumber: '2' } }];
    const { batchId } = await call('POST', '/api/v1/documents/generate/batch', { templateId, format: 'pdf', documents });
    const { jobs } = await call('GET', `/api/v1/documents/batches/${String(batchId)}`);
    if (cancelOne) await call('POST', `/api/v1/documents/jobs/${jobs[1]!.jobId}/cancel`);
    control.advanceClock(4_000);
    expect(await call('GET', `/api/v1/documents/batches/${String(batchId)}`)).toMatchObject({ totalJobs: 2, ...expected });
  });
});
