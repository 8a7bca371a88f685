import { describe, expect, it } from 'vitest';
import { isValidInsurerNumber, isValidRecipientNumber, publicExpenseCheckDigit } from './public-expense-number.ts';

describe('公費負担者番号 and 受給者番号 check digits', () => {
  it('accepts real Tokyo insurer numbers', () => {
    expect(isValidInsurerNumber('88138243')).toBe(true); // 八王子市 マル乳
    expect(isValidInsurerNumber('88131248')).toBe(true); // 八王子市 マル子
    expect(publicExpenseCheckDigit('8813824')).toBe(3);
  });

  it('rejects the PMH sample placeholders and wrong shapes', () => {
    expect(isValidInsurerNumber('87654321')).toBe(false);
    expect(isValidInsurerNumber('88138242')).toBe(false);
    expect(isValidInsurerNumber('8813824')).toBe(false);
    expect(isValidInsurerNumber('8813824a')).toBe(false);
    expect(isValidRecipientNumber('0000002')).toBe(false);
  });

  it('validates 7-digit recipient numbers by the same routine', () => {
    const body = '123456';
    const valid = `${body}${publicExpenseCheckDigit(body)}`;
    expect(isValidRecipientNumber(valid)).toBe(true);
    expect(isValidRecipientNumber(`${body}${(publicExpenseCheckDigit(body) + 1) % 10}`)).toBe(false);
  });
});
