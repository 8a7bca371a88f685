/**
 * Cuts text to a budget without splitting a character: a surrogate pair (emoji, rare kanji) is kept whole or dropped
 * whole, and an ellipsis marks the cut so the reader knows to open the full message.
 */
export function truncateUtf16(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  if (maxUnits <= 0) return '';
  let end = maxUnits - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Largest prefix (by characters) of `text` that keeps `fits(prefix + '…')` true; binary search, so O(log n) tries. */
export function truncateToFit(text: string, fits: (candidate: string) => boolean): string {
  if (fits(text)) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(`${chars.slice(0, mid).join('')}…`)) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? (fits('…') ? '…' : '') : `${chars.slice(0, low).join('')}…`;
}
