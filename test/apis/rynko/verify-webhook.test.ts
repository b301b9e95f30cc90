import { describe, expect, test } from 'vitest';
import { ConfigurationError, verifyWebhook, WebhookVerificationError, type WebhookEvent } from '../../../src/apis/rynko/index';
import { signRynkoWebhook } from '../../../src/sandbox/rynko/sign-rynko-webhook';

const secret = 'whsec_test_5f1e2d3c4b5a';
const now = Date.parse('2026-11-22T10:00:00Z');
const nowSec = now / 1000;
const event: WebhookEvent = {
  id: 'evt_1',
  type: 'document.generated',
  timestamp: '2026-11-22T10:00:00.000Z',
  data: { jobId: 'job_1', downloadUrl: 'https://storage.rynko.dev/downloads/job_1/a.pdf', fileSize: 1024 },
};

/** The reason a verification failed, or the event it returned. */
const outcome = (promise: Promise<WebhookEvent>) =>
  promise.then(
    (value) => value,
    (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : error),
  );

describe('verifyWebhook', () => {
  test('a valid delivery returns the typed event envelope', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec - 10 });
    expect(await verifyWebhook(body, headers, secret, { now })).toEqual(event);
  });

  test('works with a Headers object, a raw Uint8Array body, and without a client', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec });
    const verified = await verifyWebhook(new TextEncoder().encode(body), new Headers(headers), secret, { now });
    expect(verified.id).toBe('evt_1');
  });

  test('header names match whatever their case (Node lowercases, others do not)', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec });
    const verified = await verifyWebhook(body, { 'X-Rynko-Signature': headers['x-rynko-signature'] }, secret, { now });
    expect(verified.type).toBe('document.generated');
  });

  test('any one of several v1 signatures may match (secret rotation)', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec });
    const signature = `${headers['x-rynko-signature']!.replace(/v1=\w+/, `v1=${'0'.repeat(64)}`)},${headers['x-rynko-signature']!.split(',')[1]}`;
    expect(await outcome(verifyWebhook(body, { 'x-rynko-signature': signature }, secret, { now }))).toEqual(event);
  });

  test('a tampered body is a signature mismatch', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec });
    expect(await outcome(verifyWebhook(body.replace('1024', '9999'), headers, secret, { now }))).toBe('signature-mismatch');
  });

  test('a body that was parsed and re-serialised no longer verifies', async () => {
    const { body, headers } = await signRynkoWebhook(`{"id":"evt_1", "type":"document.generated","timestamp":"t","data":{}}`, secret, { timestampSec: nowSec });
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(await outcome(verifyWebhook(reserialised, headers, secret, { now }))).toBe('signature-mismatch');
  });

  test('the wrong secret is a mismatch', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec });
    expect(await outcome(verifyWebhook(body, headers, 'whsec_other', { now }))).toBe('signature-mismatch');
  });

  test('a tampered timestamp is a mismatch: t is part of what was signed', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec - 100 });
    const moved = headers['x-rynko-signature']!.replace(`t=${nowSec - 100}`, `t=${nowSec}`);
    expect(await outcome(verifyWebhook(body, { 'x-rynko-signature': moved }, secret, { now }))).toBe('signature-mismatch');
  });

  test.each([
    ['301 s old', -301, 'timestamp-outside-tolerance'],
    ['301 s ahead', 301, 'timestamp-outside-tolerance'],
    ['300 s old', -300, undefined],
  ])('a signature %s: %s', async (_label, offset, reason) => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec + offset });
    const result = await outcome(verifyWebhook(body, headers, secret, { now }));
    expect(result).toEqual(reason ?? event);
  });

  test('toleranceSec changes the window', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec - 60 });
    expect(await outcome(verifyWebhook(body, headers, secret, { now, toleranceSec: 30 }))).toBe('timestamp-outside-tolerance');
  });

  test('a missing signature header is refused', async () => {
    const { body } = await signRynkoWebhook(event, secret, { timestampSec: nowSec });
    expect(await outcome(verifyWebhook(body, { 'content-type': 'application/json' }, secret, { now }))).toBe('missing-signature');
  });

  test.each(['v1=abc', 't=123', 't=abc,v1=' + 'a'.repeat(64), `t=${nowSec},v1=${'g'.repeat(64)}`, 'sha256=deadbeef'])(
    'a malformed header (%s) is refused',
    async (signature) => {
      expect(await outcome(verifyWebhook('{}', { 'x-rynko-signature': signature }, secret, { now }))).toBe('malformed-signature');
    },
  );

  test('a correctly signed body that is not an event envelope is refused', async () => {
    const { body, headers } = await signRynkoWebhook('{"hello":"world"}', secret, { timestampSec: nowSec });
    expect(await outcome(verifyWebhook(body, headers, secret, { now }))).toBe('invalid-payload');
  });

  test('no error message or JSON view contains the secret or the expected signature', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec });
    const expected = headers['x-rynko-signature']!.split('v1=')[1]!;
    const error = await verifyWebhook(`${body} `, headers, secret, { now }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    const views = [(error as Error).message, JSON.stringify(error), String(error)];
    for (const view of views) {
      expect(view).not.toContain(secret);
      expect(view).not.toContain(expected);
    }
  });

  test('bad arguments name themselves', async () => {
    const { body, headers } = await signRynkoWebhook(event, secret, { timestampSec: nowSec });
    await expect(verifyWebhook(body, headers, '')).rejects.toMatchObject({ option: 'secret' });
    await expect(verifyWebhook(JSON.parse(body) as string, headers, secret)).rejects.toMatchObject({ option: 'rawBody' });
    await expect(verifyWebhook(body, headers, secret, { toleranceSec: -1 })).rejects.toBeInstanceOf(ConfigurationError);
  });
});
