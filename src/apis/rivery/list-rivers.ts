import { KeycardError } from '../../core/errors/keycard-error';
import type { components } from './schema.gen';

type River = components['schemas']['River'];
type RiverPage = components['schemas']['RiverPage'];

/**
 * The page number `next_page` names: an integer (Terraform client) or a URL whose `page` query is
 * the next page (Boomi reference); null or 0 ends the listing.
 */
function nextPageNumber(next: RiverPage['next_page']): number | null {
  if (typeof next !== 'string') return next ?? null;
  const page = Number(new URL(next, 'https://next.page.invalid').searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? page : null;
}

/**
 * Every river, page after page from page 1, until `next_page` is null or 0. A page is read only
 * when the previous one has been consumed, so breaking out early stops the reading.
 */
export async function* listRivers(readPage: (page: number) => Promise<RiverPage>): AsyncGenerator<River, void, undefined> {
  for (let page: number | null = 1; page; ) {
    const { items, next_page } = await readPage(page);
    const next = nextPageNumber(next_page);
    yield* items;
    // A next page that does not move forward would loop for ever.
    if (next && next <= page) throw new KeycardError(`Listing rivers: page ${page} points back to page ${next}`);
    page = next;
  }
}
