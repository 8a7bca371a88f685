import { and, eq } from 'drizzle-orm';
import Encoding from 'encoding-japanese';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../platform/audit/audit.tables.ts';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { subsidyRecipients } from '../health.tables.ts';
import { publicExpenseCheckDigit } from '../public-expense-number.ts';
import { exportRecipientsPmh } from './export-recipients-pmh.ts';
import { importRecipients } from './import-recipients.ts';
import { seedDemoSchemes } from './seed-demo-schemes.ts';

const HACHIOJI = '132012';
const MARU_NYU = '88138243';
const actor = { type: 'staff' as const, id: 'staff-hachioji-1' };

/** A valid 7-digit 受給者番号 from a 6-digit body. */
const recipientNo = (body: string) => `${body}${publicExpenseCheckDigit(body)}`;

const HEADER =
  '公費負担者番号,受給者番号,宛名番号,氏名,氏名カナ,生年月日,性別,住所,受給者証名,受給者証種別ID,有効開始日,有効終了日,不開示,削除';
function csvRow(o: Partial<Record<string, string>> = {}) {
  const r = {
    insurer: MARU_NYU,
    recipient: recipientNo('100001'),
    resident: 'R-0001',
    name: '八王子 花子',
    kana: 'ハチオウジ ハナコ',
    birth: '2025-06-01',
    sex: '2',
    address: '東京都八王子市元本郷町三丁目24番1号',
    cert: '乳幼児医療証',
    type: 'MARUNYU',
    from: '2026-04-01',
    to: '2027-03-31',
    hidden: '0',
    deleted: '0',
    ...o,
  };
  return [
    r.insurer,
    r.recipient,
    r.resident,
    r.name,
    r.kana,
    r.birth,
    r.sex,
    r.address,
    r.cert,
    r.type,
    r.from,
    r.to,
    r.hidden,
    r.deleted,
  ].join(',');
}
const sjis = (text: string) =>
  Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
const utf8 = (text: string) => new TextEncoder().encode(text);

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-11-21T00:00:00Z') });
  await seedDemoSchemes(t.services);
});
afterAll(() => t?.close());

const run = (bytes: Uint8Array, format: 'csv' | 'json' = 'csv') =>
  importRecipients(t.services, { actor, municipalityCode: HACHIOJI, fileName: 'recipients.csv', format, bytes });

describe('importing 受給者', () => {
  it('imports a Shift_JIS CSV, reports the diff, and audits the import', async () => {
    const file = [
      HEADER,
      csvRow(),
      csvRow({ recipient: recipientNo('100002'), resident: 'R-0002', name: '八王子 太郎', sex: '1' }),
    ].join('\r\n');
    const report = await run(sjis(file));
    expect(report).toMatchObject({ rows: 2, added: 2, changed: 0, ended: 0, unchanged: 0, errors: [] });
    const [hanako] = await t.services.db
      .select()
      .from(subsidyRecipients)
      .where(eq(subsidyRecipients.residentNumber, 'R-0001'));
    expect(hanako).toMatchObject({ name: '八王子 花子', birthDate: '2025-06-01', validTo: '2027-03-31' });
    const audits = await t.services.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'subsidy-recipient.import'), eq(auditEvents.resourceId, String(report.importId))),
      );
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ added: 2, rows: 2 });
  });

  it('re-importing the same file changes nothing; a changed field and a deletion show in the diff', async () => {
    const same = [
      HEADER,
      csvRow(),
      csvRow({ recipient: recipientNo('100002'), resident: 'R-0002', name: '八王子 太郎', sex: '1' }),
    ].join('\n');
    expect(await run(utf8(same))).toMatchObject({ added: 0, changed: 0, unchanged: 2 });
    const next = [
      HEADER,
      csvRow({ address: '東京都八王子市旭町1番1号' }),
      csvRow({ recipient: recipientNo('100002'), resident: 'R-0002', name: '八王子 太郎', sex: '1', deleted: '1' }),
    ].join('\n');
    expect(await run(utf8(next))).toMatchObject({ added: 0, changed: 1, ended: 1, unchanged: 0 });
  });

  it('reports every bad field by row and applies nothing', async () => {
    const before = await t.services.db.select().from(subsidyRecipients);
    const file = [
      HEADER,
      csvRow({ insurer: '88138242', recipient: recipientNo('200001') }), // wrong check digit
      csvRow({ recipient: `200002${(publicExpenseCheckDigit('200002') + 1) % 10}`, resident: 'R-2' }), // wrong check digit
      csvRow({ recipient: recipientNo('200003'), birth: '2025-02-30', sex: '5' }),
      csvRow({ recipient: recipientNo('200004'), from: '2027-04-01', to: '2027-03-31' }),
      csvRow({ recipient: recipientNo('100001'), from: '2026-10-01', to: '2027-09-30' }), // overlaps the registered period
    ].join('\n');
    const report = await run(utf8(file));
    const problems = report.errors.map((e) => `${e.row}:${e.field}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '2:insurerNumber',
        '3:recipientNumber',
        '4:birthDate',
        '4:sex',
        '5:validTo',
        '6:validFrom',
      ]),
    );
    expect(report.errors.every((e) => e.messageJa.length > 0)).toBe(true);
    expect(report).toMatchObject({ importId: null, added: 0 });
    expect(await t.services.db.select().from(subsidyRecipients)).toHaveLength(before.length);
  });

  it('finds overlapping periods inside one file', async () => {
    const file = [
      HEADER,
      csvRow({ recipient: recipientNo('300001'), resident: 'R-3' }),
      csvRow({ recipient: recipientNo('300001'), resident: 'R-3', from: '2026-12-01', to: '2027-12-31' }),
    ].join('\n');
    const report = await run(utf8(file));
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'validFrom', message: expect.stringContaining('row 2') }),
    ]);
  });

  it('accepts the PMH registration shape and refuses any record carrying a My Number', async () => {
    const record = {
      orgSpecificCertificateTypeId: 'MARUNYU',
      basicFiveInfo: {
        name: '八王子 次郎',
        nameKana: 'ハチオウジ ジロウ',
        address: '東京都八王子市',
        dateOfBirth: '20260101',
        sex: '1',
      },
      isNotDisclosed: '0',
      medicalSubsidyInsurerNumber: MARU_NYU,
      certificationName: '乳幼児医療証',
      medicalSubsidyRecipientNumber: recipientNo('400001'),
      validFrom: '20260401',
      validTo: '20270331',
      isDeleted: '0',
      residentNumber: 'R-4',
    };
    const withMyNumber = await run(utf8(JSON.stringify([{ ...record, myNumber: '123456789012' }])), 'json');
    expect(withMyNumber.errors).toEqual([expect.objectContaining({ row: 1, field: 'myNumber' })]);
    const ok = await run(utf8(JSON.stringify([record])), 'json');
    expect(ok).toMatchObject({ added: 1, errors: [] });
    const rows = await t.services.db
      .select()
      .from(subsidyRecipients)
      .where(eq(subsidyRecipients.residentNumber, 'R-4'));
    expect(JSON.stringify(rows)).not.toContain('123456789012');
  });

  it('refuses a scheme of another municipality', async () => {
    const report = await importRecipients(t.services, {
      actor,
      municipalityCode: '131199', // 板橋区 has no scheme with this insurer number
      fileName: 'x.csv',
      format: 'csv',
      bytes: utf8([HEADER, csvRow({ recipient: recipientNo('500001') })].join('\n')),
    });
    expect(report.errors).toEqual([expect.objectContaining({ field: 'insurerNumber' })]);
  });

  it('exports the PMH registration shape without a My Number, round-tripping through the importer', async () => {
    const records = await exportRecipientsPmh(t.services, { actor, municipalityCode: HACHIOJI });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record).not.toHaveProperty('myNumber');
      expect(record.medicalSubsidyInsurerNumber).toMatch(/^\d{8}$/);
    }
    const ended = records.find((r) => r.isDeleted === '1');
    expect(ended?.basicFiveInfo.name).toBe('八王子 太郎');
    const again = await run(utf8(JSON.stringify(records)), 'json');
    expect(again).toMatchObject({ errors: [], added: 0, changed: 0 });
  });
});
