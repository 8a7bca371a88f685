/**
 * 全国地方公共団体コード: five digits (2 prefecture + 3 municipality) and a check digit. The check digit weights the
 * first five digits by 6, 5, 4, 3, 2; r = sum mod 11; check = (11 - r) mod 10.
 */
export function municipalityCheckDigit(firstFive: string): number {
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(firstFive[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidMunicipalityCode(code: string): boolean {
  return /^\d{6}$/.test(code) && municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/** Tokyo Metropolis itself: programs of this "area" apply in every municipality. */
export const TOKYO_CODE = '130001';
