import { parse } from 'csv-parse/sync';
import Encoding from 'encoding-japanese';

/** One recipient as read from a municipality's file, before validation. Field names follow our CSV columns. */
export interface RawRecipient {
  row: number;
  fields: Record<string, unknown>;
}

export type RecipientFileFormat = 'csv' | 'json';

/** CSV headers we accept, English or as printed on municipal exports, mapped to one field name. */
const CSV_HEADERS: Record<string, string> = {
  insurer_number: 'insurerNumber',
  公費負担者番号: 'insurerNumber',
  recipient_number: 'recipientNumber',
  受給者番号: 'recipientNumber',
  公費受給者番号: 'recipientNumber',
  resident_number: 'residentNumber',
  宛名番号: 'residentNumber',
  name: 'name',
  氏名: 'name',
  name_kana: 'nameKana',
  氏名カナ: 'nameKana',
  birth_date: 'birthDate',
  生年月日: 'birthDate',
  sex: 'sex',
  性別: 'sex',
  address: 'address',
  住所: 'address',
  certification_name: 'certificationName',
  受給者証名: 'certificationName',
  certificate_type_id: 'certificateTypeId',
  受給者証種別ID: 'certificateTypeId',
  valid_from: 'validFrom',
  有効開始日: 'validFrom',
  valid_to: 'validTo',
  有効終了日: 'validTo',
  is_not_disclosed: 'isNotDisclosed',
  不開示: 'isNotDisclosed',
  deleted: 'isDeleted',
  削除: 'isDeleted',
  my_number: 'myNumber',
  個人番号: 'myNumber',
};

export class RecipientFileError extends Error {
  override name = 'RecipientFileError';
}

/** Municipal exports are often Shift_JIS: detect it, and strip a UTF-8 byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  const detected = Encoding.detect(bytes);
  if (detected === 'SJIS' || detected === 'EUCJP') {
    return Encoding.codeToString(Encoding.convert(bytes, { to: 'UNICODE', from: detected }));
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}

export function readRecipientFile(bytes: Uint8Array, format: RecipientFileFormat): RawRecipient[] {
  const text = decodeText(bytes);
  if (format === 'json') return readJson(text);
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new RecipientFileError(`the CSV cannot be read: ${(error as Error).message}`);
  }
  return rows.map((row, index) => ({
    row: index + 2, // the header is line 1
    fields: Object.fromEntries(
      Object.entries(row).map(([header, value]) => [CSV_HEADERS[header] ?? header, value === '' ? undefined : value]),
    ),
  }));
}

/** The PMH registration API shape (医療費助成対象者情報登録API), plus our `residentNumber`. */
function readJson(text: string): RawRecipient[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RecipientFileError(`the JSON cannot be read: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new RecipientFileError('the JSON must be an array of records');
  return data.map((record, index) => {
    const r = (record ?? {}) as Record<string, unknown>;
    const five = (r.basicFiveInfo ?? {}) as Record<string, unknown>;
    return {
      row: index + 1,
      fields: {
        insurerNumber: r.medicalSubsidyInsurerNumber,
        recipientNumber: r.medicalSubsidyRecipientNumber,
        residentNumber: r.residentNumber,
        name: five.name,
        nameKana: five.nameKana,
        birthDate: five.dateOfBirth,
        sex: five.sex,
        address: five.address,
        certificationName: r.certificationName,
        certificateTypeId: r.orgSpecificCertificateTypeId,
        validFrom: r.validFrom,
        validTo: r.validTo,
        isNotDisclosed: r.isNotDisclosed,
        isDeleted: r.isDeleted,
        maxCopayment: r.maxCopaymentAmount,
        myNumber: r.myNumber,
      },
    };
  });
}
