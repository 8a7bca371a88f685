import { describe, expect, it } from 'vitest';
import { isValidMunicipalityCode, municipalityCheckDigit } from './municipality-code.ts';

describe('municipality code check digit', () => {
  it('computes the published check digits', () => {
    expect(municipalityCheckDigit('13000')).toBe(1); // 東京都 130001
    expect(municipalityCheckDigit('13119')).toBe(9); // 板橋区 131199
    expect(municipalityCheckDigit('13121')).toBe(1); // 足立区 131211
    expect(municipalityCheckDigit('13201')).toBe(2); // 八王子市 132012
    expect(municipalityCheckDigit('13101')).toBe(6); // 千代田区 131016
  });

  it('accepts valid codes and rejects a wrong check digit or a bad shape', () => {
    expect(isValidMunicipalityCode('131199')).toBe(true);
    expect(isValidMunicipalityCode('131198')).toBe(false);
    expect(isValidMunicipalityCode('13119')).toBe(false);
    expect(isValidMunicipalityCode('13119a')).toBe(false);
  });
});
