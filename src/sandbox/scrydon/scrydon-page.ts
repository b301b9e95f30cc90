import { reply, scrydonError } from './scrydon-responses';

/**
 * One page of `items` for `?limit=&cursor=`: `{data, nextCursor}`, the cursor opaque and null on
 * the last page. Bad paging parameters answer 400 `VALIDATION_ERROR`.
 */
export function page(url: URL, items: readonly unknown[]): Response {
  const limitParam = url.searchParams.get('limit');
  const limit = limitParam === null ? 20 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return scrydonError(400, 'VALIDATION_ERROR', 'limit must be a whole number from 1 to 100', { field: 'limit' });
  }
  const cursor = url.searchParams.get('cursor');
  let offset = 0;
  if (cursor !== null) {
    const decoded = /^o:(\d+)$/.exec(safeAtob(cursor))?.[1];
    if (decoded === undefined) return scrydonError(400, 'VALIDATION_ERROR', 'cursor is not a cursor this API returned', { field: 'cursor' });
    offset = Number(decoded);
  }
  const end = offset + limit;
  return reply({ data: items.slice(offset, end), nextCursor: end < items.length ? btoa(`o:${end}`) : null });
}

function safeAtob(value: string): string {
  try {
    return atob(value);
  } catch {
    return '';
  }
}
