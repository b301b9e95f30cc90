import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiKeyDeactivatedError, RynkoClient, type Job } from '../../../src/apis/rynko/index';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index';
import { rynkoSandbox } from '../../../src/sandbox/rynko/rynko-state';

// Real HTTP on 127.0.0.1: two origins (API and storage), as a browser or another process sees them.
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

describe('RynkoClient over loopback HTTP', () => {
  test('generate → waitForJob → download across two origins, the key never reaching storage', async () => {
    const rynko = new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey, baseUrl: sandbox.urls.rynko });
    const { jobId } = await rynko.generateDocument({ templateId: 'tmpl_sales_report', format: 'csv', variables: { region: 'North', total: 125_000 } });
    sandbox.control.advanceClock(3_000); // the sandbox's job finishes without the test waiting for it
    const job: Job = await rynko.waitForJob(jobId);
    expect(new URL(job.downloadUrl!).origin).not.toBe(new URL(sandbox.urls.rynko).origin);
    expect(job.downloadUrl!.startsWith(`${sandbox.urls.rynkoStorage}/downloads/`)).toBe(true);

    const file = await rynko.downloadDocument(job);
    expect(await file.text()).toBe('region,total\nNorth,125000\n');
    expect(file.type).toMatch(/^text\/csv;\s?charset=utf-8$/);
    expect(rynkoSandbox(sandbox.control).storage).toEqual({ requests: 1, refusedCredentials: 0 });

    // The storage host does refuse a request that carries the key.
    const leaked = await fetch(job.downloadUrl!, { headers: { authorization: `Bearer ${sandbox.credentials.rynko.apiKey}` } });
    expect(leaked.status).toBe(400);
    expect(rynkoSandbox(sandbox.control).storage.refusedCredentials).toBe(1);
  });

  test('typed errors arrive over HTTP too', async () => {
    sandbox.control.addKey('rynko', 'fm_loopback_old', ['documents:read']);
    sandbox.control.deactivateKey('rynko', 'fm_loopback_old');
    const rynko = new RynkoClient({ apiKey: 'fm_loopback_old', baseUrl: sandbox.urls.rynko });
    const error = await rynko.verify().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiKeyDeactivatedError);
    expect(error).toMatchObject({ status: 401, code: 'ERR_AKEY_003', requestId: expect.stringMatching(/^req_/) });
  });
});
