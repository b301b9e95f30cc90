import { ApiPromise } from './api-promise';

/**
 * How an API pages a list: where a page's items are, and how to read the page after it. `next`
 * returns `undefined` on the last page.
 *
 * @example
 * ```ts
 * // Cursor paging: `{ data, nextCursor }`, the next page asked for with `?cursor=`.
 * const things = paginate(api.GET('/things'), {
 *   items: (page) => page.data,
 *   next: (page) => (page.nextCursor ? api.GET('/things', { params: { query: { cursor: page.nextCursor } } }) : undefined),
 * });
 * ```
 */
export interface Paging<Page, Item> {
  /** The items of one page. */
  items: (page: Page) => readonly Item[];
  /** The call that reads the page after `page`, or `undefined` when `page` is the last. */
  next: (page: Page) => ApiPromise<Page> | undefined;
}

/**
 * What a list call returns: an `ApiPromise` of its first page (`await` it, or `.withResponse()`),
 * that is also an async iterable of every item of every page. A page is read only when iteration
 * reaches it, so breaking out of `for await` stops the reading.
 *
 * @example
 * ```ts
 * const first = await rivery.listRivers();             // the first page
 * for await (const river of rivery.listRivers()) {}    // every river, page after page
 * const all = await rivery.listRivers().all();          // every river in one array
 * ```
 */
export class PagePromise<Page, Item> extends ApiPromise<Page> implements AsyncIterable<Item> {
  readonly #paging: Paging<Page, Item>;

  constructor(first: ApiPromise<Page>, paging: Paging<Page, Item>) {
    super(first.withResponse());
    this.#paging = paging;
  }

  /** Every item of every page, reading the next page only when the items before it are used up. */
  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    for (let call: ApiPromise<Page> | undefined = this; call !== undefined; ) {
      const page: Page = await call;
      yield* this.#paging.items(page);
      call = this.#paging.next(page);
    }
  }

  /** Every item of every page, read in order. */
  async all(): Promise<Item[]> {
    const items: Item[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}

/** A list call as a `PagePromise`: its first page, and every item of every page as `paging` describes them. */
export function paginate<Page, Item>(first: ApiPromise<Page>, paging: Paging<Page, Item>): PagePromise<Page, Item> {
  return new PagePromise(first, paging);
}
