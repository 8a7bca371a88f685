/**
 * A saved municipal page as plain text with its line structure: headings, paragraphs, list items and table rows
 * become lines, so the extractor can find 「対象」 sections. Scripts, styles and comments are dropped; character
 * references are decoded. Regular expressions are enough here because the output is only read, never re-rendered.
 */
const DROP = /<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const BLOCK =
  /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|main|header|footer|nav|aside|dt|dd|dl|blockquote|pre|hr|caption|figure|figcaption|form|fieldset|legend)\b[^>]*>/gi;
const CELL = /<\/?(?:td|th)\b[^>]*>/gi;
const TAG = /<[^>]+>/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', yen: '¥' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

function inner(html: string, tag: string): string | null {
  const m = html.match(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}\\s*>`, 'i'));
  if (!m) return null;
  const text = decodeEntities(m[1]!.replace(TAG, '')).replace(/\s+/g, ' ').trim();
  return text || null;
}

export function htmlToText(html: string): { text: string; title: string | null } {
  const title = inner(html, 'h1') ?? inner(html, 'title');
  const body = html.match(/<body\b[^>]*>([\s\S]*)<\/body\s*>/i)?.[1] ?? html;
  const text = decodeEntities(body.replace(DROP, '').replace(BLOCK, '\n').replace(CELL, ' ').replace(TAG, ''))
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
  return { text, title };
}
