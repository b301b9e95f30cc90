import { describe, expect, test } from 'vitest';
import { NotFoundError, RynkoClient, ValidationError, verifyWebhook } from '../../../src/apis/rynko/index';
import { signRynkoWebhook } from '../../../src/sandbox/rynko/sign-rynko-webhook';
import { useSandbox } from '../../helpers/use-sandbox';

const { sandbox, control } = useSandbox();
const rynko = () => new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey });
const subscription = { url: 'https://example.com/hooks/rynko', events: ['document.generated', 'batch.failed'] };

describe('webhook subscriptions', () => {
  test('create answers with the signing secret, which verifies deliveries signed with it', async () => {
    const created = await rynko().createWebhookSubscription({ ...subscription, description: 'invoices' });
    expect(created).toMatchObject({ id: expect.stringMatching(/^wh_/), ...subscription, description: 'invoices', isActive: true, secret: expect.stringMatching(/^whsec_/) });
    const event = { id: 'evt_1', type: 'document.generated', timestamp: new Date().toISOString(), data: { jobId: 'job_1' } };
    const { body, headers } = await signRynkoWebhook(event, created.secret!);
    await expect(verifyWebhook(body, headers, created.secret!)).resolves.toMatchObject({ id: 'evt_1' });
  });

  test('list returns every subscription in one answer, get one, both without the secret', async () => {
    const client = rynko();
    const first = await client.createWebhookSubscription(subscription);
    const second = await client.createWebhookSubscription({ ...subscription, isActive: false });
    const list = await client.listWebhookSubscriptions();
    expect(list.total).toBe(2);
    expect(list.data.map((item) => item.id)).toEqual([first.id, second.id]);
    expect(list.data.every((item) => item.secret === undefined)).toBe(true);
    expect(await client.getWebhookSubscription(second.id)).toMatchObject({ id: second.id, isActive: false });
  });

  test('update changes only the given fields; delete removes the subscription', async () => {
    const client = rynko();
    const { id } = await client.createWebhookSubscription(subscription);
    const updated = await client.updateWebhookSubscription(id, { isActive: false, events: ['document.failed'] });
    expect(updated).toMatchObject({ id, url: subscription.url, isActive: false, events: ['document.failed'] });
    expect(await client.deleteWebhookSubscription(id)).toMatchObject({ success: true });
    expect(await client.getWebhookSubscription(id).catch((error: unknown) => error)).toBeInstanceOf(NotFoundError);
  });

  test('a subscription the API refuses is a ValidationError naming the fields', async () => {
    const error = await rynko()
      .createWebhookSubscription({ url: 'http://example.com/hook', events: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/url.*events|events.*url/s);
  });

  test('an empty id is refused before sending, naming the argument', async () => {
    const client = rynko();
    for (const call of [() => client.getWebhookSubscription(''), () => client.updateWebhookSubscription('', {}), () => client.deleteWebhookSubscription(' ')]) {
      await expect(call()).rejects.toMatchObject({ name: 'ConfigurationError', option: 'id' });
    }
    expect(control.counts('rynko').requests).toBe(0);
  });
});
