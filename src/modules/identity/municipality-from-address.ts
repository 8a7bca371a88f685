import { MUNICIPALITIES, TOKYO_CODE } from '../municipalities/index.ts';

const BY_LENGTH = MUNICIPALITIES.filter((m) => m.code !== TOKYO_CODE).sort((a, b) => b.name.length - a.name.length);

/**
 * The Tokyo municipality of an address as the card authority writes it (「東京都板橋区板橋二丁目…」,
 * 「東京都西多摩郡瑞穂町…」). Undefined for an address outside Tokyo or one that names no municipality.
 */
export function municipalityFromAddress(address: string | null | undefined): string | undefined {
  if (!address) return undefined;
  const compact = address.replace(/[\s　]/g, '');
  if (!compact.startsWith('東京都')) return undefined;
  const rest = compact.slice('東京都'.length);
  const withoutDistrict = rest.replace(/^[^市区町村]{1,4}郡/, '');
  return BY_LENGTH.find((m) => rest.startsWith(m.name) || withoutDistrict.startsWith(m.name))?.code;
}
