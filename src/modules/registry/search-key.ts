/**
 * pg_trgm only makes trigrams of characters the database's ctype calls alphanumeric; under the C locale (the
 * embedded cluster's, and many servers') every Japanese character is a separator, so `show_trgm('予防接種')` is
 * empty and a trigram index cannot help. We therefore index an ASCII spelling of the text: each character becomes
 * four symbols (its UTF-16 code unit in hex), the first drawn from a different alphabet so a match can only start
 * on a character boundary. The GIN trigram index then serves `LIKE '%…%'` for partial Japanese words on any locale.
 */
const LEAD = 'qrstuvwxyz012345';
const REST = 'abcdefghijklmnop';

export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function searchKey(text: string): string {
  const normalized = normalizeForSearch(text);
  let out = '';
  for (let i = 0; i < normalized.length; i++) {
    const unit = normalized.charCodeAt(i);
    out += LEAD[(unit >> 12) & 15]! + REST[(unit >> 8) & 15]! + REST[(unit >> 4) & 15]! + REST[unit & 15]!;
  }
  return out;
}
