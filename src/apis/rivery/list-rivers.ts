import { KeycardError } from '../../core/errors/keycard-error';
import type { components } from './schema.gen';

type River = components['schemas']['River'];
type RiverPage = components['schemas']['RiverPage'];

/**
 * Every river, page after page from page 1, until `next_page` is null or 0. A page is read only
 * when the previous one has been consumed, so breaking out early stops the reading.
 */
export async function* listRivers(readPage: (page: number) => Promise<RiverPage>): AsyncGenerator<River, void, undefined> {
  for (let page: number | null = 1; page; ) {
    const { items, next_page: next } = await readPage(page);
    yield* items;
    // A next page that does not move forward would loop for ever.
    if (next && next <= page) throw new KeycardError(`Listing rivers: page ${page} points back to page ${next}`);
    page = next;
  }
}
