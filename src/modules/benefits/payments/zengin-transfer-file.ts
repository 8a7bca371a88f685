import { zenginByte, zenginChar } from './zengin-kana.ts';

/**
 * 全銀協規定フォーマット 総合振込 (種別コード 21): fixed 120-byte records in Shift_JIS, header (1), data (2) per
 * payee, trailer (8) with count and total, end (9). Every field here is single-byte, so a field's width in bytes is
 * its width in characters. Field layout from ../shared/reference/zengin.md — verify against the paying bank.
 */
export const RECORD_BYTES = 120;

export interface TransferHeader {
  consignorCode: string; // 委託者コード 10
  consignorName: string; // 委託者名 40
  transferDate: string; // 取組日 MMDD
  bankCode: string; // 仕向銀行番号 4
  bankName: string; // 15
  branchCode: string; // 3
  branchName: string; // 15
  accountType: string; // 預金種目 1
  accountNumber: string; // 7
}

export interface TransferRecord {
  bankCode: string; // 被仕向銀行番号 4
  bankName: string; // 15
  branchCode: string; // 3
  branchName: string; // 15
  clearingHouse: string; // 手形交換所番号 4 (spaces)
  accountType: string; // 1
  accountNumber: string; // 7
  payeeName: string; // 受取人名 30
  amount: number; // 振込金額 10
  newCode: string; // 新規コード 1
  customerCode1: string; // 顧客コード1 10
  customerCode2: string; // 顧客コード2 10
  transferKind: string; // 振込指定区分 1
  ediMark: string; // 識別表示 1
}

export interface TransferTrailer {
  count: number; // 合計件数 6
  total: number; // 合計金額 12
}

export interface TransferFile {
  header: TransferHeader;
  records: TransferRecord[];
  trailer: TransferTrailer;
}

type Field = [name: string, width: number, kind: 'N' | 'C'];

const HEADER: Field[] = [
  ['dataKind', 1, 'N'],
  ['typeCode', 2, 'N'],
  ['codeDivision', 1, 'N'],
  ['consignorCode', 10, 'N'],
  ['consignorName', 40, 'C'],
  ['transferDate', 4, 'N'],
  ['bankCode', 4, 'N'],
  ['bankName', 15, 'C'],
  ['branchCode', 3, 'N'],
  ['branchName', 15, 'C'],
  ['accountType', 1, 'N'],
  ['accountNumber', 7, 'N'],
  ['dummy', 17, 'C'],
];
const DATA: Field[] = [
  ['dataKind', 1, 'N'],
  ['bankCode', 4, 'N'],
  ['bankName', 15, 'C'],
  ['branchCode', 3, 'N'],
  ['branchName', 15, 'C'],
  ['clearingHouse', 4, 'C'],
  ['accountType', 1, 'N'],
  ['accountNumber', 7, 'N'],
  ['payeeName', 30, 'C'],
  ['amount', 10, 'N'],
  ['newCode', 1, 'C'],
  ['customerCode1', 10, 'C'],
  ['customerCode2', 10, 'C'],
  ['transferKind', 1, 'C'],
  ['ediMark', 1, 'C'],
  ['dummy', 7, 'C'],
];
const TRAILER: Field[] = [
  ['dataKind', 1, 'N'],
  ['count', 6, 'N'],
  ['total', 12, 'N'],
  ['dummy', 101, 'C'],
];
const END: Field[] = [
  ['dataKind', 1, 'N'],
  ['dummy', 119, 'C'],
];
for (const layout of [HEADER, DATA, TRAILER, END]) {
  if (layout.reduce((sum, [, width]) => sum + width, 0) !== RECORD_BYTES)
    throw new Error('record layout is not 120 bytes');
}

function encodeRecord(layout: Field[], values: Record<string, string | number>): Buffer {
  const bytes = Buffer.alloc(RECORD_BYTES, 0x20);
  let offset = 0;
  for (const [name, width, kind] of layout) {
    const raw = values[name] ?? '';
    let text: string;
    if (kind === 'N') {
      text = typeof raw === 'number' ? String(raw) : raw;
      if (!/^\d*$/.test(text)) throw new Error(`${name}: not a number: ${text}`);
      if (text.length > width) throw new Error(`${name}: ${text} is longer than ${width} digits`);
      text = text.padStart(width, '0');
    } else {
      text = String(raw);
      if (text.length > width) throw new Error(`${name}: longer than ${width} characters`);
      text = text.padEnd(width, ' ');
    }
    for (const ch of text) {
      const byte = zenginByte(ch);
      if (byte === null) throw new Error(`${name}: character ${JSON.stringify(ch)} is not allowed in a 全銀 file`);
      bytes[offset++] = byte;
    }
  }
  return bytes;
}

export interface FileOptions {
  /** Most banks take CR LF between records; some want none. */
  lineBreak: 'crlf' | 'none';
}

/** Builds the file. The trailer is computed from the records, so it cannot disagree with them. */
export function buildTransferFile(
  header: TransferHeader,
  records: readonly TransferRecord[],
  options: FileOptions = { lineBreak: 'crlf' },
): { bytes: Buffer; trailer: TransferTrailer } {
  const trailer = { count: records.length, total: records.reduce((sum, r) => sum + r.amount, 0) };
  const parts = [
    encodeRecord(HEADER, { ...header, dataKind: '1', typeCode: '21', codeDivision: '0' }),
    ...records.map((r) => encodeRecord(DATA, { ...r, dataKind: '2' } as unknown as Record<string, string | number>)),
    encodeRecord(TRAILER, { dataKind: '8', count: trailer.count, total: trailer.total }),
    encodeRecord(END, { dataKind: '9' }),
  ];
  const separator = options.lineBreak === 'crlf' ? Buffer.from('\r\n') : Buffer.alloc(0);
  return { bytes: Buffer.concat(parts.flatMap((p) => [p, separator])), trailer };
}

function decodeRecord(layout: Field[], bytes: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let offset = 0;
  for (const [name, width, kind] of layout) {
    let text = '';
    for (let i = 0; i < width; i++) text += zenginChar(bytes[offset + i]!);
    offset += width;
    if (kind === 'N' && !/^\d+$/.test(text)) throw new Error(`${name}: not numeric: ${JSON.stringify(text)}`);
    out[name] = kind === 'C' ? text.replace(/ +$/, '') : text;
  }
  return out;
}

/**
 * Reads a 総合振込 file back, checking record lengths, record order and that the trailer's count and total
 * equal the data records'. Used by the tests on our own output and usable on a file from elsewhere.
 */
export function parseTransferFile(bytes: Buffer): TransferFile {
  const records: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + RECORD_BYTES > bytes.length) throw new Error(`record ${records.length + 1} is shorter than 120 bytes`);
    records.push(bytes.subarray(offset, offset + RECORD_BYTES));
    offset += RECORD_BYTES;
    if (bytes[offset] === 0x0d && bytes[offset + 1] === 0x0a) offset += 2;
  }
  const kinds = records.map((r) => String.fromCharCode(r[0]!)).join('');
  if (!/^12*89$/.test(kinds)) throw new Error(`records out of order: ${kinds}`);
  const h = decodeRecord(HEADER, records[0]!);
  if (h.typeCode !== '21') throw new Error(`not a 総合振込 file: 種別コード ${h.typeCode}`);
  if (h.codeDivision !== '0') throw new Error(`code division ${h.codeDivision} is not Shift_JIS`);
  const data = records.slice(1, -2).map((r) => {
    const d = decodeRecord(DATA, r);
    return {
      bankCode: d.bankCode!,
      bankName: d.bankName!,
      branchCode: d.branchCode!,
      branchName: d.branchName!,
      clearingHouse: d.clearingHouse!,
      accountType: d.accountType!,
      accountNumber: d.accountNumber!,
      payeeName: d.payeeName!,
      amount: Number(d.amount),
      newCode: d.newCode!,
      customerCode1: d.customerCode1!,
      customerCode2: d.customerCode2!,
      transferKind: d.transferKind!,
      ediMark: d.ediMark!,
    };
  });
  const t = decodeRecord(TRAILER, records.at(-2)!);
  const trailer = { count: Number(t.count), total: Number(t.total) };
  const total = data.reduce((sum, r) => sum + r.amount, 0);
  if (trailer.count !== data.length) throw new Error(`trailer count ${trailer.count} ≠ ${data.length} records`);
  if (trailer.total !== total) throw new Error(`trailer total ${trailer.total} ≠ sum of records ${total}`);
  decodeRecord(END, records.at(-1)!);
  return {
    header: {
      consignorCode: h.consignorCode!,
      consignorName: h.consignorName!,
      transferDate: h.transferDate!,
      bankCode: h.bankCode!,
      bankName: h.bankName!,
      branchCode: h.branchCode!,
      branchName: h.branchName!,
      accountType: h.accountType!,
      accountNumber: h.accountNumber!,
    },
    records: data,
    trailer,
  };
}
