import type { components } from './schema.gen';

type RiverPage = components['schemas']['RiverPage'];

/**
 * The page number `next_page` names: an integer (Terraform client) or a URL whose `page` query is
 * the next page (Boomi reference); null or 0 ends the listing.
 */
export function nextPageNumber(next: RiverPage['next_page']): number | null {
  if (typeof next !== 'string') return next ?? null;
  const page = Number(new URL(next, 'https://next.page.invalid').searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? page : null;
}
