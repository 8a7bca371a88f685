import { describe, expect, it } from 'vitest';
import { identityFromClaims } from './card-claims.ts';

describe('identityFromClaims', () => {
  it('reads the standard claims and the address object', () => {
    expect(
      identityFromClaims('https://card', {
        sub: 'abc',
        name: '板橋 葉子',
        birthdate: '1992-06-14',
        gender: 'female',
        address: { formatted: '東京都板橋区板橋二丁目66番1号' },
        my_number: '123456789012',
      }),
    ).toEqual({
      issuer: 'https://card',
      subject: 'abc',
      name: '板橋 葉子',
      birthDate: '1992-06-14',
      address: '東京都板橋区板橋二丁目66番1号',
      sex: 'female',
    });
  });

  it('needs a subject and a name; tolerates missing attributes', () => {
    expect(identityFromClaims('i', { sub: 'abc' })).toBeUndefined();
    expect(identityFromClaims('i', { sub: 'abc', name: 'x', address: '東京都港区', gender: 'other' })).toMatchObject({
      address: '東京都港区',
      birthDate: null,
      sex: 'unspecified',
    });
  });
});
