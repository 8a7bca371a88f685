import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../../identity/index.ts';
import { publicExpenseCheckDigit } from '../public-expense-number.ts';
import { importRecipients } from '../use-cases/import-recipients.ts';
import { seedDemoSchemes } from '../use-cases/seed-demo-schemes.ts';
import { validateFhir } from './fhir-validate.test-helper.ts';

const HACHIOJI = '132012';
const INSTITUTION = '1312345678';
let now = new Date('2026-11-21T00:30:00Z'); // 09:30 in Tokyo
let t: TestContext;
let parentCookies: Record<string, string>;
let clinicCookies: Record<string, string>;
let otherClinicCookies: Record<string, string>;
const OTHER_INSTITUTION = '1387654321';
let childId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  await seedDemoSchemes(t.services);
  const family = await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI, childName: '八王子 花子' });
  childId = family.child.id;
  parentCookies = await parentCookie(t.app, t.services, family.parent);
  const officer = await makeStaff(t.services, { municipalityCode: HACHIOJI, roles: ['health-officer'] });
  const officerCookies = await staffCookie(t.app, t.services, officer);
  const link = await t.app.inject({
    method: 'POST',
    url: '/api/v1/health/child-links',
    cookies: officerCookies,
    payload: { householdId: family.parent.householdId, childId, residentNumber: 'R-0001' },
  });
  expect(link.statusCode, link.body).toBe(200);
  const body = `${recipientNoHeader}\r\n88138243,${`100001${publicExpenseCheckDigit('100001')}`},R-0001,八王子 花子,ハチオウジ ハナコ,2023-04-10,2,東京都八王子市1丁目,乳幼児医療証,MARUNYU,2026-04-01,2027-03-31,0,0`;
  const report = await importRecipients(t.services, {
    actor: { type: 'staff', id: 'import' },
    municipalityCode: HACHIOJI,
    fileName: 'r.csv',
    format: 'csv',
    bytes: new TextEncoder().encode(body),
  });
  expect(report.errors).toEqual([]);
  const clinic = await makeStaff(t.services, {
    municipalityCode: HACHIOJI,
    roles: [],
    kind: 'clinic',
    institutionCode: INSTITUTION,
  });
  clinicCookies = await staffCookie(t.app, t.services, clinic);
  const otherClinic = await makeStaff(t.services, {
    municipalityCode: HACHIOJI,
    roles: [],
    kind: 'clinic',
    institutionCode: OTHER_INSTITUTION,
  });
  otherClinicCookies = await staffCookie(t.app, t.services, otherClinic);
});
afterAll(() => t?.close());

const recipientNoHeader =
  '公費負担者番号,受給者番号,宛名番号,氏名,氏名カナ,生年月日,性別,住所,受給者証名,受給者証種別ID,有効開始日,有効終了日,不開示,削除';

async function openCode(purpose: 'eligibility' | 'vaccination' = 'eligibility') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/health/consent-codes',
    cookies: parentCookies,
    payload: { childId, purpose },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { token: string; shortCode: string; qrSvg: string; expiresAt: string };
}
const check = (consentToken: string, extra: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/eligibility-checks',
    cookies: clinicCookies,
    payload: { consentToken, visitDate: '2026-11-21', institutionCode: INSTITUTION, ...extra },
  });

describe('consent code → eligibility check', () => {
  it('returns the child and the subsidy for the visit date, once, and audits it on the child', async () => {
    const code = await openCode();
    expect(code.qrSvg).toMatch(/^<svg/);
    expect(code.shortCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const res = await check(code.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      child: { name: '八王子 花子', birthDate: '2023-04-10' },
      subsidies: [
        {
          insurerNumber: '88138243',
          recipientNumber: `100001${publicExpenseCheckDigit('100001')}`,
          validFrom: '2026-04-01',
          validTo: '2027-03-31',
        },
      ],
    });
    const again = await check(code.token);
    expect(again.statusCode).toBe(404);
    const log = await t.app.inject({ method: 'GET', url: '/api/v1/me/access-log', cookies: parentCookies });
    const entries = log.json().items as { actorType: string; action: string; outcome: string }[];
    expect(entries).toContainEqual(
      expect.objectContaining({ actorType: 'clinic-staff', action: 'health-eligibility.check', outcome: 'success' }),
    );
  });

  it('works with the typed short code', async () => {
    const code = await openCode();
    const res = await check(code.shortCode.toLowerCase());
    expect(res.statusCode).toBe(200);
  });

  it('answers the same for a forged, expired or used code and for no eligibility', async () => {
    const forged = await check('eyJpZCI6IngifQ.AAAA');
    const expiredCode = await openCode();
    now = new Date(now.getTime() + 5 * 60 * 1000 + 1);
    const expired = await check(expiredCode.token);
    const outside = await check((await openCode()).token, { visitDate: '2025-01-01' });
    now = new Date('2026-11-21T00:30:00Z');
    const bodies = [forged, expired, outside].map((r) => {
      const { instance, requestId, ...rest } = r.json();
      return { status: r.statusCode, ...rest };
    });
    expect(bodies[0]).toMatchObject({ status: 404, code: 'no-eligibility-available' });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('refuses a parent, and a clinic naming another institution', async () => {
    const code = await openCode();
    const asParent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/eligibility-checks',
      cookies: parentCookies,
      payload: { consentToken: code.token, visitDate: '2026-11-21', institutionCode: INSTITUTION },
    });
    expect(asParent.statusCode).toBe(403);
    expect((await check(code.token, { institutionCode: '1399999999' })).statusCode).toBe(403);
    expect((await check(code.token, { visitDate: '2026-02-30' })).json().errors[0].field).toMatch(/visitDate/);
  });
});

describe('checks that arrive together (one batch of the database function)', () => {
  const auditCounts = async () => {
    const { rows } = await t.services.db.execute(sql`
      select count(*) filter (where outcome = 'success' and resource_id = ${childId}) as success,
             count(*) filter (where outcome = 'denied' and resource_type = 'consent-code') as denied
      from audit_events where action = 'health-eligibility.check'`);
    return rows[0] as { success: string; denied: string };
  };

  it('answers each its own result, uses a code presented twice once, and audits every presentation', async () => {
    const [a, b, c] = [await openCode(), await openCode(), await openCode()];
    const before = await auditCounts();
    const fromOther = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/eligibility-checks',
        cookies: otherClinicCookies,
        payload: { consentToken: token, visitDate: '2026-11-21', institutionCode: OTHER_INSTITUTION },
      });
    const [a1, a2, bOther, cTyped, forged] = await Promise.all([
      check(a.token),
      check(a.token),
      fromOther(b.token),
      check(c.shortCode),
      check('eyJpZCI6IngifQ.AAAA'),
    ]);
    expect([a1.statusCode, a2.statusCode].sort()).toEqual([200, 404]);
    expect(bOther.statusCode).toBe(200);
    expect(cTyped.statusCode).toBe(200);
    expect(forged.statusCode).toBe(404);
    // Each code is marked used by the institution that presented it, even within one batch.
    const { rows } = await t.services.db.execute(sql`
      select short_code, used_by_institution from health_consent_codes
      where short_code in (${a.shortCode.replace('-', '')}, ${b.shortCode.replace('-', '')}, ${c.shortCode.replace('-', '')})`);
    const usedBy = Object.fromEntries(
      (rows as { short_code: string; used_by_institution: string }[]).map((r) => [r.short_code, r.used_by_institution]),
    );
    expect(usedBy).toEqual({
      [a.shortCode.replace('-', '')]: INSTITUTION,
      [b.shortCode.replace('-', '')]: OTHER_INSTITUTION,
      [c.shortCode.replace('-', '')]: INSTITUTION,
    });
    const after = await auditCounts();
    expect(Number(after.success) - Number(before.success)).toBe(3);
    expect(Number(after.denied) - Number(before.denied)).toBe(2);
  });
});

describe('予診票, vaccination record and FHIR reads', () => {
  it('records a vaccination the parent sees at once, and serves valid FHIR', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/health/questionnaires',
      cookies: parentCookies,
      payload: {
        childId,
        vaccine: 'mr',
        dose: 2,
        visitDate: '2026-11-21',
        temperature: '36.6',
        answers: {
          'unwell-today': false,
          'illness-last-month': false,
          'vaccine-last-month': false,
          'reaction-before': false,
          'convulsion-ever': false,
          allergy: false,
          immunodeficiency: false,
        },
        consentToVaccination: 'yes',
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    const code = await openCode('vaccination');
    const visitId = (await check(code.token)).json().child.id;
    const recorded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/health/visits/${visitId}/vaccinations`,
      cookies: clinicCookies,
      payload: { vaccine: 'hepb', dose: 1, lotNumber: 'LOT-123', givenOn: '2026-11-21' },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/health/children/${childId}/vaccinations`,
      cookies: parentCookies,
    });
    expect(mine.json()).toEqual([expect.objectContaining({ vaccine: 'hepb', lotNumber: 'LOT-123' })]);

    for (const type of ['Coverage', 'Immunization', 'ImmunizationRecommendation']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/fhir/${type}?patient=${visitId}`,
        cookies: clinicCookies,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const bundle = res.json();
      expect(bundle.entry.length).toBeGreaterThan(0);
      expect(validateFhir(bundle)).toEqual([]);
      for (const entry of bundle.entry) expect(entry.resource.resourceType).toBe(type);
    }
    const otherClinicVisit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/fhir/Coverage?patient=${crypto.randomUUID()}`,
      cookies: clinicCookies,
    });
    expect(otherClinicVisit.statusCode).toBe(404);
  });
});
