import { describe, expect, test } from 'vitest';
import { rynkoState } from '../../../src/sandbox/rynko/rynko-state';
import { useSandbox } from '../../helpers/use-sandbox';

const { sandbox } = useSandbox();
const { control, urls } = sandbox;

const missingJob = async () => {
  const response = await fetch(`${urls.rynko}/api/v1/documents/jobs/job_missing`, { headers: { authorization: `Bearer ${sandbox.credentials.rynko.apiKey}` } });
  return (await response.json()) as Record<string, unknown>;
};

describe('error body', () => {
  test('carries the code in `code` by default, as Rynko’s docs show', async () => {
    const body = await missingJob();
    expect(body).toMatchObject({ statusCode: 404, code: 'ERR_DOC_001' });
    expect(body).not.toHaveProperty('error');
  });

  test('carries it in `error` when the state asks, as Rynko’s SDKs read it', async () => {
    rynkoState(control).errorCodeField = 'error';
    const body = await missingJob();
    expect(body).toMatchObject({ statusCode: 404, error: 'ERR_DOC_001' });
    expect(body).not.toHaveProperty('code');
    control.inject('rynko', { status: 429 });
    expect(await missingJob()).toMatchObject({ error: 'ERR_QUOTA_002', retryAfter: 1 });
  });
});

describe('dashboard sessions', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJl';
  const createTemplate = (bearer: string) =>
    fetch(`${urls.rynko}/api/v1/templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Letter' }),
    });

  test('a session token the state lists may write templates', async () => {
    rynkoState(control).dashboardSessions.add(jwt);
    expect((await createTemplate(jwt)).status).toBe(201);
  });

  test('a JWT that is not a current session is ERR_AUTH_004', async () => {
    const response = await createTemplate(jwt);
    expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([401, 'ERR_AUTH_004']);
  });
});
