import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe } from '../../core/util/validate';
import type { components } from './schema.gen';
import { WebhookVerificationError } from './webhook-verification-error';

type WebhookEvent = components['schemas']['WebhookEvent'];

/** The delivery's headers: a `Headers` (fetch, Next.js, Hono) or a plain object (Node, Express). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Options of `verifyWebhook()`. */
export interface VerifyWebhookOptions {
  /** Largest accepted distance between the signature's timestamp and now, in seconds. @default 300 */
  toleranceSec?: number;
  /** The current time, in ms since the epoch. @default Date.now() */
  now?: number;
}

const encoder = new TextEncoder();

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return typeof value === 'string' ? value : value?.join(',');
  }
  return undefined;
}

function bodyBytes(rawBody: unknown): Uint8Array {
  if (typeof rawBody === 'string') return encoder.encode(rawBody);
  if (rawBody instanceof Uint8Array) return rawBody;
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody);
  throw new ConfigurationError(
    'rawBody',
    `must be the request body exactly as received (a string or bytes), got ${describe(rawBody)}: a parsed and re-serialised body is not what was signed`,
  );
}

function parseSignature(value: string): { timestamp: number; signatures: Uint8Array[] } {
  let timestamp: number | undefined;
  const signatures: Uint8Array[] = [];
  for (const part of value.split(',')) {
    const [key, item = ''] = part.trim().split('=', 2) as [string, string?];
    if (key === 't' && /^\d{1,12}$/.test(item)) timestamp = Number(item);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(item)) {
      signatures.push(Uint8Array.from(item.match(/../g)!, (pair) => Number.parseInt(pair, 16)));
    }
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookVerificationError('malformed-signature', 'X-Rynko-Signature must look like t=<unix seconds>,v1=<64 hex digits>');
  }
  return { timestamp, signatures };
}

/** Compares every byte whatever the first difference, so timing reveals nothing of the expected value. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}

function parseEvent(body: Uint8Array): WebhookEvent {
  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new WebhookVerificationError('invalid-payload', 'the signed body is not JSON');
  }
  const candidate = event as Partial<Record<keyof WebhookEvent, unknown>> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.id !== 'string' ||
    typeof candidate.type !== 'string' ||
    typeof candidate.timestamp !== 'string' ||
    typeof candidate.data !== 'object' ||
    candidate.data === null
  ) {
    throw new WebhookVerificationError('invalid-payload', 'the signed body is not an event envelope {id, type, timestamp, data}');
  }
  return event as WebhookEvent;
}

/**
 * Checks a webhook delivery and returns its event: `X-Rynko-Signature: t=<unix>,v1=<hex>` must be
 * HMAC-SHA256 with `secret` over `"<t>.<raw body>"`, and `t` within the tolerance of now. Uses
 * WebCrypto, so it runs in browsers, workers and Node alike.
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  if (typeof secret !== 'string' || secret === '') {
    throw new ConfigurationError('secret', `must be the webhook's signing secret (a non-empty string), got ${describe(secret)}`);
  }
  const toleranceSec = options.toleranceSec ?? 300;
  if (typeof toleranceSec !== 'number' || !(toleranceSec >= 0) || !Number.isFinite(toleranceSec)) {
    throw new ConfigurationError('toleranceSec', `must be a number of seconds ≥ 0, got ${describe(toleranceSec)}`);
  }
  if (typeof headers !== 'object' || headers === null) {
    throw new ConfigurationError('headers', `must be the request's headers, got ${describe(headers)}`);
  }
  const body = bodyBytes(rawBody);
  const value = header(headers, 'x-rynko-signature');
  if (value === undefined || value.trim() === '') {
    throw new WebhookVerificationError('missing-signature', 'the request has no X-Rynko-Signature header');
  }
  const { timestamp, signatures } = parseSignature(value);

  const age = Math.floor((options.now ?? Date.now()) / 1000) - timestamp;
  if (Math.abs(age) > toleranceSec) {
    const when = age > 0 ? `${age} s old` : `${-age} s in the future`;
    throw new WebhookVerificationError('timestamp-outside-tolerance', `the signature is ${when}; at most ${toleranceSec} s is accepted`);
  }

  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const prefix = encoder.encode(`${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, signed));
  // Check every candidate (rotation may send several v1 values) without stopping at a match.
  const matched = signatures.map((signature) => constantTimeEqual(signature, expected)).includes(true);
  if (!matched) {
    throw new WebhookVerificationError('signature-mismatch', 'no v1 signature matches the body and secret; the body may have been altered or the secret is wrong');
  }
  return parseEvent(body);
}
