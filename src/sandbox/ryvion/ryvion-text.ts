// Deterministic stand-ins for the model work the emulator pretends to do: token counts, embeddings
// (hashed bags of words, so that texts sharing words are similar), chunking and entity spotting.

/** Dimensions of `all-MiniLM-L6-v2`. */
export const embeddingDimensions = 384;

const stopWords = new Set(
  'a an and are as at be but by do does for from has have how i in is it its of on or our so that the their then there these this to was we what when where which who why will with you your'.split(' '),
);

/** Roughly four characters per token, as for English with common tokenizers. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Content words, lower-cased, with a plural `s` dropped so that "refunds" meets "refund". */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter((word) => !stopWords.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

/** FNV-1a, 32 bit. */
export function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** A unit vector of `embeddingDimensions` numbers; texts sharing words point the same way. */
export function embed(text: string): Float64Array {
  const vector = new Float64Array(embeddingDimensions);
  for (const word of words(text)) {
    const slot = hash(word);
    vector[slot % embeddingDimensions]! += slot & 0x8000_0000 ? -1 : 1;
  }
  const length = Math.hypot(...vector);
  if (length > 0) for (let index = 0; index < vector.length; index++) vector[index]! /= length;
  return vector;
}

/** Cosine similarity of two unit vectors. */
export function similarity(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}

const chunkChars = 800;
const pageChars = 3_000;

/** Paragraph-aligned chunks of up to ~800 characters, each with the page (~3,000 characters) it starts on. */
export function chunkText(text: string): { content: string; page: number }[] {
  const chunks: { content: string; page: number }[] = [];
  let current = '';
  let start = 0;
  let offset = 0;
  for (const paragraph of text.split(/\n\s*\n/)) {
    const trimmed = paragraph.trim();
    if (trimmed !== '') {
      if (current !== '' && current.length + trimmed.length > chunkChars) {
        chunks.push({ content: current, page: Math.floor(start / pageChars) + 1 });
        current = '';
      }
      if (current === '') start = offset;
      current = current === '' ? trimmed : `${current}\n\n${trimmed}`;
    }
    offset += paragraph.length + 2;
  }
  if (current !== '') chunks.push({ content: current, page: Math.floor(start / pageChars) + 1 });
  return chunks;
}

/** Capitalised names (single words or runs of them) that are not sentence-starting stop words. */
export function entities(text: string, limit = 20): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\b[A-Z][a-zA-Z0-9]+(?:[ -][A-Z][a-zA-Z0-9]+)*\b/g)) {
    const name = match[0];
    if (name.length > 2 && !stopWords.has(name.toLowerCase())) found.add(name);
    if (found.size >= limit) break;
  }
  return [...found];
}
