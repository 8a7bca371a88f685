import { compareDates, plainDate } from '../../../platform/time/civil-age.ts';
import { isValidInsurerNumber, isValidRecipientNumber } from '../public-expense-number.ts';
import type { RawRecipient } from './recipient-file.ts';

export interface RecipientRecord {
  row: number;
  insurerNumber: string;
  recipientNumber: string;
  residentNumber: string;
  name: string;
  nameKana: string;
  birthDate: string;
  sex: '0' | '1' | '2' | '9';
  address: string;
  certificationName: string;
  certificateTypeId: string;
  isNotDisclosed: boolean;
  isDeleted: boolean;
  maxCopayment: Record<string, unknown> | null;
  validFrom: string;
  validTo: string;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
  messageJa: string;
}

export interface SchemeRef {
  insurerNumber: string;
  recipientNumberHasCheckDigit: boolean;
}

/** A period already registered for the same 受給者証, which a new one must not overlap. */
export interface ExistingPeriod {
  insurerNumber: string;
  recipientNumber: string;
  validFrom: string;
  validTo: string;
}

function toIsoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  try {
    plainDate(iso);
    return iso;
  } catch {
    return undefined;
  }
}

function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return false;
  if (value === true || value === '1' || value === 'true') return true;
  if (value === false || value === '0' || value === 'false') return false;
  return undefined;
}

/**
 * Checks every row and field and returns the good records and one error per bad field, so a municipality fixes its
 * file in one pass. The import applies nothing unless there are no errors at all.
 */
export function validateRecipients(
  rows: readonly RawRecipient[],
  schemes: ReadonlyMap<string, SchemeRef>,
  existing: readonly ExistingPeriod[],
): { records: RecipientRecord[]; errors: RowError[] } {
  const records: RecipientRecord[] = [];
  const errors: RowError[] = [];

  for (const { row, fields: f } of rows) {
    const rowErrors: RowError[] = [];
    const fail = (field: string, message: string, messageJa: string) =>
      rowErrors.push({ row, field, message, messageJa });
    const text = (field: string, max: number, labelJa: string): string => {
      const value = f[field];
      if (typeof value !== 'string' || value.trim() === '') {
        fail(field, 'is required', `${labelJa}は必須です`);
        return '';
      }
      if (value.length > max) fail(field, `must be at most ${max} characters`, `${labelJa}は${max}文字以内です`);
      return value.trim();
    };

    if (f.myNumber !== undefined && f.myNumber !== null && f.myNumber !== '') {
      fail(
        'myNumber',
        'must not be sent: Tsunagu never receives or stores a My Number (link children by resident number instead)',
        '個人番号は送信しないでください。つなぐは個人番号を受け取らず保存しません（宛名番号で紐づけます）',
      );
    }
    const insurerNumber = text('insurerNumber', 8, '公費負担者番号');
    const scheme = schemes.get(insurerNumber);
    if (insurerNumber && !isValidInsurerNumber(insurerNumber)) {
      fail(
        'insurerNumber',
        'is not an 8-digit 公費負担者番号 with a valid check digit',
        '公費負担者番号（8桁）の検証番号が正しくありません',
      );
    } else if (insurerNumber && !scheme) {
      fail(
        'insurerNumber',
        'is not a scheme of this municipality',
        'この自治体の助成制度の公費負担者番号ではありません',
      );
    }
    const recipientNumber = text('recipientNumber', 30, '受給者番号');
    if (recipientNumber && scheme?.recipientNumberHasCheckDigit && !isValidRecipientNumber(recipientNumber)) {
      fail(
        'recipientNumber',
        'is not a 7-digit 受給者番号 with a valid check digit',
        '受給者番号（7桁）の検証番号が正しくありません',
      );
    }
    const residentNumber = text('residentNumber', 30, '宛名番号');
    const name = text('name', 100, '氏名');
    const nameKana = text('nameKana', 100, '氏名カナ');
    const address = text('address', 200, '住所');
    const certificationName = text('certificationName', 100, '受給者証名');
    const certificateTypeId = text('certificateTypeId', 50, '受給者証種別ID');
    if (certificateTypeId && !/^[A-Za-z0-9]+$/.test(certificateTypeId)) {
      fail('certificateTypeId', 'must be letters and digits', '英数字で指定してください');
    }
    const sex = String(f.sex ?? '');
    if (!['0', '1', '2', '9'].includes(sex)) {
      fail(
        'sex',
        'must be 0 (unknown), 1 (male), 2 (female) or 9 (not applicable)',
        '性別は 0・1・2・9 のいずれかです',
      );
    }
    const dates: Record<string, string | undefined> = {};
    for (const [field, labelJa] of [
      ['birthDate', '生年月日'],
      ['validFrom', '有効開始日'],
      ['validTo', '有効終了日'],
    ] as const) {
      dates[field] = toIsoDate(f[field]);
      if (!dates[field])
        fail(
          field,
          'must be a real date (YYYY-MM-DD or YYYYMMDD)',
          `${labelJa}は実在する日付（YYYY-MM-DD）で指定してください`,
        );
    }
    const { birthDate, validFrom, validTo } = dates;
    if (validFrom && validTo && compareDates(plainDate(validFrom), plainDate(validTo)) > 0) {
      fail('validTo', 'must not be before validFrom', '有効終了日が有効開始日より前です');
    }
    if (birthDate && validFrom && compareDates(plainDate(validFrom), plainDate(birthDate)) < 0) {
      fail('validFrom', 'must not be before the birth date', '有効開始日が生年月日より前です');
    }
    const isNotDisclosed = toBoolean(f.isNotDisclosed);
    const isDeleted = toBoolean(f.isDeleted);
    if (isNotDisclosed === undefined) fail('isNotDisclosed', 'must be 0 or 1', '0 または 1 で指定してください');
    if (isDeleted === undefined) fail('isDeleted', 'must be 0 or 1', '0 または 1 で指定してください');
    const maxCopayment = f.maxCopayment === undefined || f.maxCopayment === null ? null : f.maxCopayment;
    if (maxCopayment !== null && typeof maxCopayment !== 'object') {
      fail('maxCopayment', 'must be an object', 'オブジェクトで指定してください');
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    records.push({
      row,
      insurerNumber,
      recipientNumber,
      residentNumber,
      name,
      nameKana,
      birthDate: birthDate as string,
      sex: sex as RecipientRecord['sex'],
      address,
      certificationName,
      certificateTypeId,
      isNotDisclosed: isNotDisclosed as boolean,
      isDeleted: isDeleted as boolean,
      maxCopayment: maxCopayment as Record<string, unknown> | null,
      validFrom: validFrom as string,
      validTo: validTo as string,
    });
  }
  errors.push(...overlapErrors(records, existing));
  return { records, errors };
}

/** Two periods of the same 受給者証 (scheme + recipient number) with different start dates must not overlap. */
function overlapErrors(records: readonly RecipientRecord[], existing: readonly ExistingPeriod[]): RowError[] {
  const errors: RowError[] = [];
  const key = (p: { insurerNumber: string; recipientNumber: string }) => `${p.insurerNumber}/${p.recipientNumber}`;
  const periods = new Map<string, { validFrom: string; validTo: string; row?: number }[]>();
  const inFile = new Set(records.map((r) => `${key(r)}/${r.validFrom}`));
  for (const p of existing) {
    // A period the file restates (same start) is replaced by the file's version, so it is not compared.
    if (!inFile.has(`${key(p)}/${p.validFrom}`)) periods.set(key(p), [...(periods.get(key(p)) ?? []), p]);
  }
  for (const r of records) {
    if (r.isDeleted) continue;
    const others = periods.get(key(r)) ?? [];
    const clash = others.find((o) => o.validFrom <= r.validTo && r.validFrom <= o.validTo);
    if (clash) {
      const where = clash.row ? `row ${clash.row}` : 'a period already registered';
      errors.push({
        row: r.row,
        field: 'validFrom',
        message: `overlaps ${where} of the same 受給者証 (${clash.validFrom}–${clash.validTo})`,
        messageJa: `同じ受給者証の${clash.row ? `${clash.row}行目` : '登録済みの期間'}（${clash.validFrom}〜${clash.validTo}）と有効期間が重なっています`,
      });
    }
    periods.set(key(r), [...others, { validFrom: r.validFrom, validTo: r.validTo, row: r.row }]);
  }
  return errors;
}
