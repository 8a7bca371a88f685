import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../../identity/index.ts';
import { publicExpenseCheckDigit } from '../public-expense-number.ts';
import { importRecipients } from '../use-cases/import-recipients.ts';
import { seedDemoSchemes } from '../use-cases/seed-demo-schemes.ts';
import { type ClinicRedemption, withClinicRedemptionScope } from './clinic-scope.ts';
import { normalizeShortCode } from './consent-token.ts';

// Redeeming a code runs in the clinic's redemption scope, not Tokyo-wide: these hand-written queries in that scope
// show what RLS (migration health-clinic-redemption-scope) lets such a transaction reach.
const HACHIOJI = '132012';
const INSTITUTION = '1312345678';
const OTHER_INSTITUTION = '1399999999';
const now = new Date('2026-11-21T00:30:00Z'); // 09:30 in Tokyo
let t: TestContext;
const family: Record<'a' | 'b', { childId: string; householdId: string; cookies: Record<string, string> }> = {
  a: { childId: '', householdId: '', cookies: {} },
  b: { childId: '', householdId: '', cookies: {} },
};
let clinicCookies: Record<string, string>;
let pregnancyId: string;

const header =
  '公費負担者番号,受給者番号,宛名番号,氏名,氏名カナ,生年月日,性別,住所,受給者証名,受給者証種別ID,有効開始日,有効終了日,不開示,削除';

async function linkAndImport(key: 'a' | 'b', municipalityCode: string, residentNumber: string, name: string) {
  const officer = await makeStaff(t.services, { municipalityCode, roles: ['health-officer'] });
  const link = await t.app.inject({
    method: 'POST',
    url: '/api/v1/health/child-links',
    cookies: await staffCookie(t.app, t.services, officer),
    payload: { householdId: family[key].householdId, childId: family[key].childId, residentNumber },
  });
  expect(link.statusCode, link.body).toBe(200);
  const recipient = `1000${key === 'a' ? '01' : '02'}`;
  const row = `88138243,${recipient}${publicExpenseCheckDigit(recipient)},${residentNumber},${name},ハチオウジ ハナコ,2023-04-10,2,東京都1丁目,乳幼児医療証,MARUNYU,2026-04-01,2027-03-31,0,0`;
  const report = await importRecipients(t.services, {
    actor: { type: 'staff', id: 'import' },
    municipalityCode,
    fileName: 'r.csv',
    format: 'csv',
    bytes: new TextEncoder().encode(`${header}\r\n${row}`),
  });
  expect(report.errors).toEqual([]);
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  await seedDemoSchemes(t.services);
  for (const [key, municipalityCode, name] of [
    ['a', HACHIOJI, '八王子 花子'],
    ['b', HACHIOJI, '八王子 太郎'],
  ] as const) {
    const made = await makeHouseholdWithChild(t.services, { municipalityCode, childName: name });
    family[key] = {
      childId: made.child.id,
      householdId: made.parent.householdId,
      cookies: await parentCookie(t.app, t.services, made.parent),
    };
    await linkAndImport(key, municipalityCode, key === 'a' ? 'R-A' : 'R-B', name);
  }
  const pregnancy = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/household/pregnancies',
    cookies: family.a.cookies,
    payload: { expectedDeliveryDate: '2027-03-01' },
  });
  expect(pregnancy.statusCode, pregnancy.body).toBeLessThan(300);
  pregnancyId = pregnancy.json().id;
  const clinic = await makeStaff(t.services, {
    municipalityCode: HACHIOJI,
    roles: [],
    kind: 'clinic',
    institutionCode: INSTITUTION,
  });
  clinicCookies = await staffCookie(t.app, t.services, clinic);
});
afterAll(() => t?.close());

interface Code {
  id: string;
  shortCode: string;
  token: string;
}

async function open(url: string, cookies: Record<string, string>, payload: object): Promise<Code> {
  const res = await t.app.inject({ method: 'POST', url, cookies, payload });
  expect(res.statusCode, res.body).toBe(201);
  const { token, shortCode } = res.json() as { token: string; shortCode: string };
  // The token is base64url(JSON {id, purpose, exp}) + '.' + MAC; the id is what a verified token presents.
  const { id } = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { id: string };
  return { id, shortCode: normalizeShortCode(shortCode)!, token };
}
const openChildCode = (key: 'a' | 'b') =>
  open('/api/v1/health/consent-codes', family[key].cookies, { childId: family[key].childId, purpose: 'vaccination' });

const presenting = (
  code: { codeId?: string; shortCode?: string },
  institutionCode = INSTITUTION,
): ClinicRedemption => ({
  kind: 'clinic-redemption',
  institutionCode,
  codeId: code.codeId ?? null,
  shortCode: code.shortCode ?? null,
});

/** Every table a redemption could reach, read whole (no filter of our own). */
async function everything(scope: ClinicRedemption) {
  return withClinicRedemptionScope(t.services, scope, async (tx) => {
    const rows = async (query: ReturnType<typeof sql>) => (await tx.execute(query)).rows;
    return {
      codes: await rows(sql`select id from health_consent_codes`),
      prenatal: await rows(sql`select id from health_prenatal_consent_codes`),
      links: await rows(sql`select child_id from health_child_links`),
      recipients: await rows(sql`select resident_number from health_subsidy_recipients`),
      children: await rows(sql`select id from children`),
      households: await rows(sql`select id from households`),
      questionnaires: await rows(sql`select id from health_questionnaires`),
      vaccinations: await rows(sql`select id from health_vaccination_records`),
      checkups: await rows(sql`select id from health_checkup_results`),
    };
  });
}

const redeemIn = (scope: ClinicRedemption, id: string, institutionCode = INSTITUTION) =>
  withClinicRedemptionScope(t.services, scope, async (tx: ScopedTx) =>
    tx.execute(sql`update health_consent_codes set used_at = ${now}, used_by_institution = ${institutionCode}
      where id = ${id} and used_at is null`),
  );

describe('the clinic redemption scope', () => {
  it('reaches only the presented code and its child’s link and subsidy, by token id or by short code', async () => {
    const a = await openChildCode('a');
    const b = await openChildCode('b');
    const nothingElse = {
      prenatal: [],
      children: [],
      households: [],
      questionnaires: [],
      vaccinations: [],
      checkups: [],
    };
    for (const scope of [presenting({ codeId: a.id }), presenting({ shortCode: a.shortCode })]) {
      expect(await everything(scope)).toEqual({
        codes: [{ id: a.id }],
        links: [{ child_id: family.a.childId }],
        recipients: [{ resident_number: 'R-A' }],
        ...nothingElse,
      });
    }
    // No code presented: nothing at all, not even the subsidy file of the clinic's own municipality.
    expect(await everything(presenting({}))).toEqual({ codes: [], links: [], recipients: [], ...nothingElse });
    // Code b is unused and live, but presenting a does not reach it: the UPDATE of the check finds no row.
    expect((await redeemIn(presenting({ codeId: a.id }), b.id)).rowCount).toBe(0);
    expect((await redeemIn(presenting({ shortCode: a.shortCode }), b.id)).rowCount).toBe(0);
    expect((await everything(presenting({ codeId: b.id }))).codes).toEqual([{ id: b.id }]); // b still unused
  });

  it('lets a clinic only mark the presented code used by itself, never re-point it', async () => {
    const a = await openChildCode('a');
    const scope = presenting({ codeId: a.id });
    const code = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code;
    // Marking it used by another institution fails the policy's check on the new row.
    await expect(redeemIn(scope, a.id, OTHER_INSTITUTION)).rejects.toSatisfy((e) => code(e) === '42501');
    // Re-pointing the code at another child is refused by the trigger.
    await expect(
      withClinicRedemptionScope(t.services, scope, (tx) =>
        tx.execute(sql`update health_consent_codes set child_id = ${family.b.childId}, used_at = ${now},
          used_by_institution = ${INSTITUTION} where id = ${a.id}`),
      ),
    ).rejects.toSatisfy((e) => code(e) === '42501');
    // Inserting a code is refused (no tenant in scope), deleting one finds nothing.
    await expect(
      withClinicRedemptionScope(t.services, scope, (tx) =>
        tx.execute(sql`insert into health_consent_codes (short_code, child_id, household_id, municipality_code,
          purpose, child, expires_at, created_by)
          select short_code, child_id, household_id, municipality_code, purpose, child, expires_at, created_by
          from health_consent_codes where id = ${a.id}`),
      ),
    ).rejects.toSatisfy((e) => code(e) === '42501');
    const deleted = await withClinicRedemptionScope(t.services, scope, (tx) =>
      tx.execute(sql`delete from health_consent_codes`),
    );
    expect(deleted.rowCount).toBe(0);

    // The real check redeems it in this scope and reads the subsidy through the link.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/eligibility-checks',
      cookies: clinicCookies,
      payload: { consentToken: a.token, visitDate: '2026-11-21', institutionCode: INSTITUTION },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().subsidies).toHaveLength(1);
    // Once used, presenting it again shows the clinic its own redeemed code, and no longer the child's data.
    expect(await everything(scope)).toMatchObject({ codes: [{ id: a.id }], links: [], recipients: [] });
    // Another institution presenting the same (used) code sees nothing.
    expect(await everything(presenting({ codeId: a.id }, OTHER_INSTITUTION))).toMatchObject({
      codes: [],
      links: [],
      recipients: [],
    });
  });

  it('a pregnancy code reaches only itself: no child code, link or subsidy', async () => {
    const p = await open('/api/v1/health/prenatal-consent-codes', family.a.cookies, { pregnancyId });
    await openChildCode('a');
    for (const scope of [presenting({ codeId: p.id }), presenting({ shortCode: p.shortCode })]) {
      expect(await everything(scope)).toMatchObject({ codes: [], prenatal: [{ id: p.id }], links: [], recipients: [] });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/prenatal-checks',
      cookies: clinicCookies,
      payload: { consentToken: p.token, institutionCode: INSTITUTION },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().visit.id).toBe(p.id);
  });
});
