const numeric = /^\s*\d+(?:\.\d+)?\s*$/;

/** Epoch-second values below this are read as delays, above it as points in time (Sept 2001). */
const epochSecondsThreshold = 1_000_000_000;

function seconds(value: string, now: number, allowEpoch: boolean): number | undefined {
  if (!numeric.test(value)) return undefined;
  const number = Number(value);
  if (allowEpoch && number >= epochSecondsThreshold * 1000) return number - now; // epoch milliseconds
  if (allowEpoch && number >= epochSecondsThreshold) return number * 1000 - now; // epoch seconds
  return number * 1000;
}

// RFC 9110 §5.6.7: IMF-fixdate, then the obsolete RFC 850 and asctime forms. Anything else is
// unusable: Date.parse alone reads values such as `-1` or `2, 2` as dates in 2001.
const imfFixdateOrRfc850 = /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4}|[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2}) \d{2}:\d{2}:\d{2} GMT$/;
const asctimeDate = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/** An HTTP-date in ms since the epoch, or undefined. */
function httpDate(value: string): number | undefined {
  const text = value.trim();
  let date = Number.NaN;
  if (imfFixdateOrRfc850.test(text)) date = Date.parse(text);
  // asctime carries no zone; it means GMT.
  else if (asctimeDate.test(text)) date = Date.parse(`${text} GMT`);
  return Number.isNaN(date) ? undefined : date;
}

function fromHeaders(headers: Headers, now: number, rateLimited: boolean): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && numeric.test(milliseconds)) return Number(milliseconds);

  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const delay = seconds(retryAfter, now, false);
    if (delay !== undefined) return delay;
    const date = httpDate(retryAfter);
    if (date !== undefined) return date - now;
  }

  // Rate-limit windows say when the quota refills: a wait only for a 429, not for a failing server.
  if (!rateLimited) return undefined;
  const reset = headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset');
  return reset === null ? undefined : seconds(reset, now, true);
}

function fromBody(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>).retryAfter ?? (body as Record<string, unknown>).retry_after;
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

/**
 * How long the server asked to wait, in ms: `retry-after-ms`, `Retry-After` (seconds or HTTP date),
 * then for a 429 (`status`) `RateLimit-Reset`, `X-RateLimit-Reset` (delay seconds, or a Unix time) and
 * a `retryAfter` body field in seconds. Undefined when nothing usable was sent; never negative.
 */
export function retryAfterMs(headers: Headers, status: number, body?: unknown, now: number = Date.now()): number | undefined {
  const rateLimited = status === 429;
  const delay = fromHeaders(headers, now, rateLimited) ?? (rateLimited ? fromBody(body) : undefined);
  return delay === undefined || !Number.isFinite(delay) ? undefined : Math.max(0, Math.ceil(delay));
}
