import { describe, expect, it } from 'vitest';
import { isZenginText, toZenginKana } from './zengin-kana.ts';
import { buildTransferFile, parseTransferFile, RECORD_BYTES, type TransferRecord } from './zengin-transfer-file.ts';

describe('toZenginKana', () => {
  it.each([
    ['やまだ　たろう', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['シンバシ タロウ', 'ｼﾝﾊﾞｼ ﾀﾛｳ'],
    ['ｷｯﾁｮｳ ｼｮｳﾀ', 'ｷﾂﾁﾖｳ ｼﾖｳﾀ'],
    ['ポール・スミス', 'ﾎﾟ-ﾙ.ｽﾐｽ'],
    ['ヴィヴァルディ', 'ｳﾞｲｳﾞｱﾙﾃﾞｲ'],
    ['ｽﾐｽ ｊｏｈｎ', 'ｽﾐｽ JOHN'],
    ['（カ）ツナグ', '(ｶ)ﾂﾅｸﾞ'],
  ])('%s → %s', (input, expected) => {
    const out = toZenginKana(input);
    expect(out).toBe(expected);
    expect(isZenginText(out)).toBe(true);
  });

  it('leaves kanji alone so validation can refuse them', () => {
    expect(isZenginText(toZenginKana('山田太郎'))).toBe(false);
  });
});

const header = {
  consignorCode: '1234567890',
  consignorName: 'ﾄｳｷﾖｳﾄ ﾌｸｼｷﾖｸ',
  transferDate: '0815',
  bankCode: '0005',
  bankName: 'ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ',
  branchCode: '001',
  branchName: 'ﾄｳｷﾖｳｴｲｷﾞﾖｳﾌﾞ',
  accountType: '1',
  accountNumber: '1234567',
};
const record = (n: number, amount: number): TransferRecord => ({
  bankCode: '0009',
  bankName: '',
  branchCode: String(n).padStart(3, '0'),
  branchName: '',
  clearingHouse: '',
  accountType: '1',
  accountNumber: String(1000000 + n),
  payeeName: `ﾔﾏﾀﾞ ﾊﾅｺ${n}`,
  amount,
  newCode: '0',
  customerCode1: String(n).padStart(10, '0'),
  customerCode2: '',
  transferKind: '7',
  ediMark: '',
});

describe('総合振込 file', () => {
  it('writes 120-byte Shift_JIS records and reads every field and total back', () => {
    const records = [record(1, 20000), record(2, 15000), record(3, 5000)];
    const { bytes, trailer } = buildTransferFile(header, records);
    expect(trailer).toEqual({ count: 3, total: 40000 });
    expect(bytes.length).toBe(6 * (RECORD_BYTES + 2));
    for (let i = 0; i < 6; i++) {
      expect(bytes.subarray(i * 122 + 120, i * 122 + 122).toString('latin1')).toBe('\r\n');
    }
    // An independent Shift_JIS decoder agrees on the text.
    const text = new TextDecoder('shift_jis').decode(bytes);
    expect(text.slice(0, 4)).toBe('1210');
    expect(text).toContain('ﾄｳｷﾖｳﾄ ﾌｸｼｷﾖｸ');
    const parsed = parseTransferFile(bytes);
    expect(parsed.header).toEqual(header);
    expect(parsed.records).toEqual(records);
    expect(parsed.trailer).toEqual({ count: 3, total: 40000 });
  });

  it('writes without line breaks when the bank wants none', () => {
    const { bytes } = buildTransferFile(header, [record(1, 5000)], { lineBreak: 'none' });
    expect(bytes.length).toBe(4 * RECORD_BYTES);
    expect(parseTransferFile(bytes).records).toHaveLength(1);
  });

  it('refuses characters outside the set and over-long fields', () => {
    expect(() => buildTransferFile(header, [{ ...record(1, 5000), payeeName: '山田' }])).toThrow(/not allowed/);
    expect(() => buildTransferFile(header, [{ ...record(1, 5000), payeeName: 'ｱ'.repeat(31) }])).toThrow(/longer/);
    expect(() => buildTransferFile(header, [{ ...record(1, 12345678901) }])).toThrow(/longer/);
  });

  it('detects a trailer that disagrees with the records', () => {
    const { bytes } = buildTransferFile(header, [record(1, 5000)]);
    const tampered = Buffer.from(bytes);
    tampered.write('000002', 2 * 122 + 1, 'latin1');
    expect(() => parseTransferFile(tampered)).toThrow(/trailer count/);
  });
});
