import Encoding from 'encoding-japanese';

/**
 * Municipal CSVs come as UTF-8 (with or without BOM) or Shift_JIS (CP932). Valid UTF-8 is taken as such; anything
 * else is decoded as Shift_JIS, which is what Excel on Japanese Windows writes.
 */
export function decodeJapaneseText(bytes: Uint8Array): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return Encoding.convert(bytes, { to: 'UNICODE', from: 'SJIS', type: 'string' });
  }
}

/** Name comparison across sources: NFKC (全角/半角), no spaces, no trailing notes like ※1 or （仮称）. */
export function normalizeNurseryName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/※\d*/g, '')
    .replace(/\(仮称\)/g, '')
    .replace(/\s+/g, '')
    .trim();
}
