import { http } from 'msw';
import { describe, expect, test } from 'vitest';
import { ConfigurationError, RynkoClient } from '../../../src/apis/rynko/index';
import { rynkoState } from '../../../src/sandbox/rynko/rynko-state';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox();
const rynko = () => new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey });
const invoice = { templateId: 'tmpl_invoice', format: 'pdf' as const, variables: { invoiceNumber: 'INV-1' } };

describe('filename', () => {
  test('a filename of 200 characters is sent; 201 is refused before sending, naming the field and the limit', async () => {
    const client = rynko();
    await expect(client.generateDocument({ ...invoice, filename: 'a'.repeat(200) })).resolves.toMatchObject({ status: 'queued' });
    const error = await client.generateDocument({ ...invoice, filename: 'a'.repeat(201) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'filename', message: expect.stringContaining('at most 200 characters (without extension), got 201') });
    expect(control.counts('rynko').requests).toBe(1);
  });

  test('in a batch, the document whose filename is too long is named', async () => {
    const documents = [{ variables: { invoiceNumber: '1' }, filename: 'ok' }, { variables: { invoiceNumber: '2' }, filename: 'x'.repeat(250) }];
    await expect(rynko().generateBatch({ templateId: 'tmpl_invoice', format: 'pdf', documents })).rejects.toMatchObject({
      name: 'ConfigurationError',
      option: 'documents[1].filename',
    });
    expect(control.counts('rynko').requests).toBe(0);
  });

  test('the sandbox refuses a filename over 200 characters too, as Rynko does', async () => {
    const response = await fetch(`${sandbox.urls.rynko}/api/v1/documents/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.credentials.rynko.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...invoice, filename: 'a'.repeat(201) }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'ERR_VALID_001', relatedInfo: { errors: [{ field: 'filename' }] } });
  });
});

describe('useDraft and useCredit', () => {
  test('are sent as given and recorded on the job', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${sandbox.urls.rynko}/api/v1/documents/generate`, async ({ request }) => {
        bodies.push(await request.clone().json());
      }),
    );
    const { jobId } = await rynko().generateDocument({ ...invoice, useDraft: true, useCredit: true });
    expect(bodies).toEqual([expect.objectContaining({ useDraft: true, useCredit: true })]);
    expect(rynkoState(control).jobs.get(jobId)).toMatchObject({ useDraft: true, useCredit: true });
  });

  test('a flag that is not a boolean is refused by the API with the field named', async () => {
    const error = await rynko()
      .generateDocument({ ...invoice, useCredit: 'yes' as unknown as boolean })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, code: 'ERR_VALID_001', message: expect.stringContaining('useCredit') });
  });
});
