/**
 * Check digits of 公費負担者番号 (8 digits: 法別 2 + 都道府県 2 + 実施機関 3 + check) and of the 7-digit 公費受給者番号
 * (6 + check), as the national notice defines them: from the last digit of the body leftwards multiply by 2, 1, 2, 1…,
 * add the digits of each product, and the check digit is 10 minus the last digit of the sum (0 when that is 0).
 */
export function publicExpenseCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    const product = digit * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(product / 10) + (product % 10);
  }
  return (10 - (sum % 10)) % 10;
}

function hasValidCheckDigit(value: string, length: number): boolean {
  return (
    new RegExp(`^\\d{${length}}$`).test(value) &&
    publicExpenseCheckDigit(value.slice(0, -1)) === Number(value[value.length - 1])
  );
}

/** 公費負担者番号: always 8 digits with a valid check digit. */
export const isValidInsurerNumber = (value: string) => hasValidCheckDigit(value, 8);

/** 公費受給者番号: national schemes use 7 digits with a check digit; local schemes may use up to 30 characters. */
export const isValidRecipientNumber = (value: string) => hasValidCheckDigit(value, 7);
