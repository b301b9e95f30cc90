/** A webhook delivery as Rynko sends it: the raw body and its headers. */
export interface RynkoWebhookDelivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * Signs a webhook event the way Rynko does, for tests of webhook receivers:
 * `X-Rynko-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, plus the event id and type headers.
 *
 * @example
 * ```ts
 * const { body, headers } = await signRynkoWebhook({ id: 'evt_1', type: 'document.generated', timestamp, data }, secret);
 * await fetch('http://localhost:3000/webhooks/rynko', { method: 'POST', body, headers });
 * ```
 */
export async function signRynkoWebhook(
  event: { id: string; type: string; timestamp: string; data: Record<string, unknown> } | string,
  secret: string,
  options: { timestampSec?: number } = {},
): Promise<RynkoWebhookDelivery> {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  const parsed = (typeof event === 'string' ? JSON.parse(event) : event) as { id?: unknown; type?: unknown };
  const timestamp = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  const hex = Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-rynko-signature': `t=${timestamp},v1=${hex}`,
      'x-rynko-event-id': String(parsed.id ?? ''),
      'x-rynko-event-type': String(parsed.type ?? ''),
    },
  };
}
