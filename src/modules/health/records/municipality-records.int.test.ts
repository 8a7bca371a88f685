import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, staffCookie } from '../../identity/index.ts';
import { publicExpenseCheckDigit } from '../public-expense-number.ts';
import { importRecipients } from '../use-cases/import-recipients.ts';
import { seedDemoSchemes } from '../use-cases/seed-demo-schemes.ts';

const HACHIOJI = '132012';
const ITABASHI = '131199';
let t: TestContext;
let officer: Record<string, string>;
let otherOfficer: Record<string, string>;
let childId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-11-21T00:30:00Z') });
  await seedDemoSchemes(t.services);
  const family = await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI, childName: '八王子 三郎' });
  childId = family.child.id;
  officer = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, { municipalityCode: HACHIOJI, roles: ['health-officer'] }),
  );
  otherOfficer = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, { municipalityCode: ITABASHI, roles: ['health-officer'] }),
  );
  const link = await t.app.inject({
    method: 'POST',
    url: '/api/v1/health/child-links',
    cookies: officer,
    payload: { householdId: family.parent.householdId, childId, residentNumber: 'REC-0001' },
  });
  expect(link.statusCode, link.body).toBe(200);
  // Born 2023-04-10 (the recipient file's birth date): by 2026-11-21 the routine infant doses are overdue or aged out.
  const header =
    '公費負担者番号,受給者番号,宛名番号,氏名,氏名カナ,生年月日,性別,住所,受給者証名,受給者証種別ID,有効開始日,有効終了日,不開示,削除';
  const csv = `${header}\r\n88138243,${`300001${publicExpenseCheckDigit('300001')}`},REC-0001,八王子 三郎,ハチオウジ サブロウ,2023-04-10,1,東京都八王子市,乳幼児医療証,MARUNYU,2026-04-01,2027-03-31,0,0`;
  const report = await importRecipients(t.services, {
    actor: { type: 'staff', id: 'import' },
    municipalityCode: HACHIOJI,
    fileName: 'r.csv',
    format: 'csv',
    bytes: new TextEncoder().encode(csv),
  });
  expect(report.errors).toEqual([]);
});
afterAll(() => t?.close());

const page = (cookies: Record<string, string>, query = '') =>
  t.app.inject({ method: 'GET', url: `/health/records${query}`, cookies, headers: { 'accept-language': 'ja' } });

describe('the municipality’s records screen', () => {
  it('lists the linked child with its status and audits the read on the child', async () => {
    const res = await page(officer);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('REC-0001');
    expect(res.body).toContain('八王子 三郎');
    expect(res.body).toContain('2023-04-10');
    const audits = await t.services.database.pool.query(
      "select actor_type, municipality_code from audit_events where action = 'health-record.list' and resource_id = $1",
      [childId],
    );
    expect(audits.rows).toEqual([{ actor_type: 'staff', municipality_code: HACHIOJI }]);
  });

  it('filters by number or name and by status', async () => {
    expect((await page(officer, '?q=%E4%B8%89%E9%83%8E')).body).toContain('REC-0001'); // 三郎
    expect((await page(officer, '?q=NOPE')).body).not.toContain('REC-0001');
    // Never vaccinated and 3½ years old: a missed 1歳6か月 check-up.
    expect((await page(officer, '?filter=checkup-missed')).body).toContain('REC-0001');
    expect((await page(officer, '?filter=nonsense')).statusCode).toBe(200);
  });

  it('another municipality’s officer sees none of it', async () => {
    const res = await page(otherOfficer);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('REC-0001');
  });
});
