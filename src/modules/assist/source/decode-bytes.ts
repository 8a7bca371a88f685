import Encoding from 'encoding-japanese';

/**
 * Bytes of a saved page or text file as a string. Municipal pages are still often Shift_JIS or EUC-JP: UTF-8 is
 * tried strictly first, then the encoding the bytes look like.
 */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const detected = Encoding.detect(bytes);
    const label = detected === 'EUCJP' ? 'euc-jp' : detected === 'JIS' ? 'iso-2022-jp' : 'shift_jis';
    return new TextDecoder(label).decode(bytes);
  }
}
