import { parseJsonText } from './redact';

/** What could be read from an error body, whatever its convention. */
export interface ParsedErrorBody {
  code?: string | undefined;
  type?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
  /** Field-level problems (FastAPI `detail[]`, `relatedInfo.errors`). */
  details?: unknown;
}

const maxMessageLength = 500;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed.slice(0, maxMessageLength);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
};

/** A page from a proxy or a load balancer (`<!DOCTYPE html>…`, `<html>…`), not a message. */
const looksLikeHtml = (body: string) => /^<(?:!doctype html|html|head|body)\b/i.test(body);

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/**
 * The `<title>` of an HTML page, as text: the summary of a proxy's error page. Undefined without one,
 * and the status text then stands in: markup is never pasted into a message.
 */
function htmlTitle(html: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html.slice(0, 20_000))?.[1];
  return title === undefined ? undefined : text(title.replace(/&(#39|\w+);/g, (whole, name: string) => entities[name] ?? whole).replace(/\s+/g, ' '));
}

/** FastAPI validation errors: `[{loc: ['body', 'name'], msg: 'field required'}]`. */
function describeValidation(items: unknown[]): string | undefined {
  const parts = items.flatMap((item) => {
    if (!isRecord(item)) return [];
    const message = text(item.msg) ?? text(item.message);
    if (message === undefined) return [];
    const where = Array.isArray(item.loc) ? item.loc.join('.') : text(item.field);
    return [where ? `${where}: ${message}` : message];
  });
  return parts.length === 0 ? undefined : parts.join('; ').slice(0, maxMessageLength);
}

/**
 * Reads an error body in any of the conventions keycard meets: `{code|error, message}`,
 * `{error: {code, type, message}}` (OpenAI), `{error, error_description}` (RFC 6749), `{detail}`
 * (FastAPI), `{title, detail}` (RFC 9457), `{message}`, or plain text. Never throws.
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  try {
    if (typeof body === 'string') {
      // An object served as text is read as one; anything else (an array, broken JSON) is text.
      const json = parseJsonText(body);
      if (isRecord(json)) return parseErrorBody(json);
      const trimmed = body.trim();
      return { message: looksLikeHtml(trimmed) ? htmlTitle(trimmed) : text(trimmed) };
    }
    if (!isRecord(body)) return {};

    const requestId = text(body.requestId) ?? text(body.request_id);
    const nested = body.error;
    if (isRecord(nested)) {
      return {
        code: text(nested.code) ?? text(nested.type),
        type: text(nested.type),
        message: text(nested.message) ?? text(nested.detail),
        requestId: requestId ?? text(nested.request_id),
        details: nested.details ?? nested.param,
      };
    }

    const related = isRecord(body.relatedInfo) ? body.relatedInfo.errors : undefined;
    const detail = body.detail;
    const detailMessage = Array.isArray(detail) ? describeValidation(detail) : text(detail);
    const relatedMessage = Array.isArray(related) ? describeValidation(related) : undefined;
    const message =
      text(body.error_description) ??
      text(body.message) ??
      detailMessage ??
      text(body.title) ??
      text(body.errorMessage) ??
      relatedMessage;
    return {
      // Some APIs document `code` while their own SDKs read `error`: accept both.
      code: text(body.code) ?? text(nested) ?? text(body.errorCode),
      type: text(body.type),
      message: relatedMessage !== undefined && message !== relatedMessage ? `${message}: ${relatedMessage}` : message,
      requestId,
      details: Array.isArray(detail) ? detail : related,
    };
  } catch {
    return {};
  }
}
