import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../../identity/index.ts';
import { withClinicScope } from '../clinic/clinic-scope.ts';

const HACHIOJI = '132012';
const INSTITUTION = '1312345678';
const OTHER_INSTITUTION = '1399999999';
const now = new Date('2026-11-21T00:30:00Z'); // 09:30 in Tokyo
let t: TestContext;
let parentCookies: Record<string, string>;
let otherParentCookies: Record<string, string>;
let officerCookies: Record<string, string>;
let clinicCookies: Record<string, string>;
let otherClinicCookies: Record<string, string>;
let householdId: string;
let childId: string;
let otherChildId: string;
let pregnancyId: string;

const post = (url: string, cookies: Record<string, string>, payload: object) =>
  t.app.inject({ method: 'POST', url, cookies, payload });
const get = (url: string, cookies: Record<string, string>) => t.app.inject({ method: 'GET', url, cookies });

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  const family = await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI, childName: '八王子 一郎' });
  householdId = family.parent.householdId;
  childId = family.child.id;
  parentCookies = await parentCookie(t.app, t.services, family.parent);
  const pregnancy = await post('/api/v1/me/household/pregnancies', parentCookies, {
    expectedDeliveryDate: '2027-03-01',
  });
  expect(pregnancy.statusCode, pregnancy.body).toBeLessThan(300);
  pregnancyId = pregnancy.json().id;
  const other = await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI, childName: '八王子 二郎' });
  otherChildId = other.child.id;
  otherParentCookies = await parentCookie(t.app, t.services, other.parent);
  officerCookies = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, { municipalityCode: HACHIOJI, roles: ['health-officer'] }),
  );
  const clinic = (institutionCode: string) =>
    makeStaff(t.services, { municipalityCode: HACHIOJI, roles: [], kind: 'clinic', institutionCode });
  clinicCookies = await staffCookie(t.app, t.services, await clinic(INSTITUTION));
  otherClinicCookies = await staffCookie(t.app, t.services, await clinic(OTHER_INSTITUTION));
  // The other family's child was vaccinated at another clinic (written as the owner, outside any scope).
  await t.services.database.pool.query(
    `insert into health_vaccination_records (child_id, household_id, municipality_code, vaccine, dose, lot_number,
       given_on, institution_code, recorded_by) values ($1, $2, $3, 'bcg', 1, 'LOT-B', '2026-10-01', $4, 'seed')`,
    [otherChildId, other.parent.householdId, HACHIOJI, OTHER_INSTITUTION],
  );
});
afterAll(() => t?.close());

const auditRows = async (action: string, resourceId: string) =>
  (
    (await t.services.database.pool.query(
      'select actor_type, resource_type, outcome, detail from audit_events where action = $1 and resource_id = $2 order by id',
      [action, resourceId],
    )) as { rows: { actor_type: string; resource_type: string; outcome: string; detail: Record<string, unknown> }[] }
  ).rows;

async function openPrenatalCode() {
  const res = await post('/api/v1/health/prenatal-consent-codes', parentCookies, { pregnancyId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { token: string; shortCode: string; expectedDeliveryDate: string; purpose: string };
}

describe('妊婦健診 recorded by a clinic with the expecting parent’s code', () => {
  it('only the expecting parent opens a code for their own pregnancy', async () => {
    const res = await post('/api/v1/health/prenatal-consent-codes', otherParentCookies, { pregnancyId });
    expect(res.statusCode).toBe(404);
    const code = await openPrenatalCode();
    expect(code).toMatchObject({ purpose: 'prenatal-checkup', expectedDeliveryDate: '2027-03-01' });
    expect(code.shortCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  });

  it('check-in once → visit → record → the parent and the municipality see the same result; all audited', async () => {
    const code = await openPrenatalCode();
    const checkIn = await post('/api/v1/prenatal-checks', clinicCookies, {
      consentToken: code.shortCode.toLowerCase(),
      institutionCode: INSTITUTION,
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    const visitId = checkIn.json().visit.id as string;
    expect(checkIn.json().visit).toMatchObject({ expectedDeliveryDate: '2027-03-01' });
    expect(visitId).not.toBe(pregnancyId);
    const again = await post('/api/v1/prenatal-checks', clinicCookies, {
      consentToken: code.shortCode,
      institutionCode: INSTITUTION,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('no-eligibility-available');

    const view = await get(`/api/v1/health/prenatal-visits/${visitId}`, clinicCookies);
    expect(view.statusCode, view.body).toBe(200);
    // due 2027-03-01 → week 0 day 0 = 2026-05-25; 2026-11-21 is day 180 = 25w5d; the next visit is #6 at week 26
    expect(view.json()).toMatchObject({ gestationalWeek: 25, results: [] });
    expect(view.json().visits[5]).toMatchObject({ number: 6, week: 26, status: 'next', recorded: false });
    expect(view.json().vaccinations).toEqual([
      expect.objectContaining({ code: 'rsv-maternal', status: 'upcoming', from: '2026-12-07', until: '2027-02-07' }),
    ]);

    const recorded = await post(`/api/v1/health/prenatal-visits/${visitId}/checkup-results`, clinicCookies, {
      checkupCode: '5',
      examinedOn: '2026-11-21',
      outcome: 'no-findings',
      measurements: { weightKg: 58.4, systolicMmHg: 112, diastolicMmHg: 70, urineProtein: '-', urineGlucose: '-' },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({
      kind: 'prenatal',
      subjectId: pregnancyId,
      checkupCode: '5',
      gestationalWeek: 25,
      recordedByKind: 'clinic',
      institutionCode: INSTITUTION,
    });
    const twice = await post(`/api/v1/health/prenatal-visits/${visitId}/checkup-results`, clinicCookies, {
      checkupCode: '5',
      examinedOn: '2026-11-21',
      outcome: 'no-findings',
    });
    expect(twice.statusCode).toBe(409);
    const future = await post(`/api/v1/health/prenatal-visits/${visitId}/checkup-results`, clinicCookies, {
      checkupCode: '6',
      examinedOn: '2026-11-22',
      outcome: 'no-findings',
    });
    expect(future.statusCode).toBe(400);
    expect(JSON.stringify(future.json())).toContain('body.examinedOn');

    const parentView = await get('/api/v1/health/checkup-results', parentCookies);
    expect(parentView.json()).toEqual([
      expect.objectContaining({
        kind: 'prenatal',
        subjectId: pregnancyId,
        checkupCode: '5',
        institutionCode: INSTITUTION,
      }),
    ]);
    const officerView = await get(`/api/v1/health/households/${householdId}/checkup-results`, officerCookies);
    expect(officerView.statusCode).toBe(200);
    expect(officerView.json()).toEqual([expect.objectContaining({ subjectId: pregnancyId, checkupCode: '5' })]);

    expect((await auditRows('health-prenatal.check', pregnancyId))[0]).toMatchObject({
      actor_type: 'clinic-staff',
      resource_type: 'pregnancy',
      outcome: 'success',
      detail: { institutionCode: INSTITUTION },
    });
    expect(await auditRows('health-prenatal.read', pregnancyId)).toHaveLength(1);

    // The parent's 「このデータを見た人」 names each of these in words: who, which institution, what, why.
    const api = await get('/api/v1/me/access-log', parentCookies);
    expect(api.json().items).toContainEqual(
      expect.objectContaining({
        actorType: 'clinic-staff',
        institutionCode: INSTITUTION,
        action: 'health-checkup.record',
        resourceType: 'pregnancy',
      }),
    );
    for (const [lang, words] of [
      [
        'ja',
        [
          '妊婦健診の受付（番号を確認）',
          '妊婦健診の記録を閲覧',
          '健診結果を記録',
          '医療機関コード 1312345678',
          '医療機関が妊婦健診の結果を記録',
        ],
      ],
      [
        'en',
        [
          'Checked in for a 妊婦健診',
          'Recorded a check-up result',
          'Medical institution code 1312345678',
          'prenatal check-up result recorded by a clinic',
        ],
      ],
    ] as const) {
      const page = await t.app.inject({
        url: '/access-log',
        cookies: parentCookies,
        headers: { 'accept-language': lang },
      });
      expect(page.statusCode).toBe(200);
      for (const w of words) expect(page.body).toContain(w);
      // No entry falls back to its raw code.
      expect(page.body).not.toMatch(/<code>health-/);
    }
    expect((await auditRows('health-checkup.record', pregnancyId))[0]).toMatchObject({
      actor_type: 'clinic-staff',
      detail: { institutionCode: INSTITUTION, checkupCode: '5', gestationalWeek: 25 },
    });
  });

  it('another clinic cannot use the visit; pregnancy and child codes do not cross', async () => {
    const code = await openPrenatalCode();
    const checkIn = await post('/api/v1/prenatal-checks', clinicCookies, {
      consentToken: code.token,
      institutionCode: INSTITUTION,
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    const visitId = checkIn.json().visit.id as string;
    expect((await get(`/api/v1/health/prenatal-visits/${visitId}`, otherClinicCookies)).statusCode).toBe(404);
    // A pregnancy token is not a child code, and a child code is not a pregnancy code.
    const fresh = await openPrenatalCode();
    const asChild = await post('/api/v1/eligibility-checks', clinicCookies, {
      consentToken: fresh.token,
      visitDate: '2026-11-21',
      institutionCode: INSTITUTION,
    });
    expect(asChild.statusCode).toBe(404);
    const childCode = await post('/api/v1/health/consent-codes', parentCookies, { childId, purpose: 'vaccination' });
    const asPregnancy = await post('/api/v1/prenatal-checks', clinicCookies, {
      consentToken: childCode.json().token,
      institutionCode: INSTITUTION,
    });
    expect(asPregnancy.statusCode).toBe(404);
    // The pregnancy code still works after the refused attempt on the child path.
    const ok = await post('/api/v1/prenatal-checks', clinicCookies, {
      consentToken: fresh.shortCode,
      institutionCode: INSTITUTION,
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the 妊婦健診 routes and keeps the shared CheckupResult schema as it was', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, unknown>; components: { schemas: Record<string, object> } };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health/prenatal-consent-codes',
        '/api/v1/prenatal-checks',
        '/api/v1/health/prenatal-visits/{visitId}',
        '/api/v1/health/prenatal-visits/{visitId}/checkup-results',
      ]),
    );
    expect(JSON.stringify(doc.components.schemas.CheckupResult)).not.toContain('gestationalWeek');
  });
});

describe('clinic scope (row-level security)', () => {
  it('a clinic transaction reaches only the consented child and what the clinic recorded itself', async () => {
    const code = await post('/api/v1/health/consent-codes', parentCookies, { childId, purpose: 'vaccination' });
    const redeemed = await post('/api/v1/eligibility-checks', clinicCookies, {
      consentToken: code.json().token,
      visitDate: '2026-11-21',
      institutionCode: INSTITUTION,
    });
    // No subsidy is imported for this child: the API answers 404 but the code is redeemed by this clinic.
    expect(redeemed.statusCode).toBe(404);
    const [visit] = (
      await t.services.database.pool.query(
        'select id from health_consent_codes where child_id = $1 and used_at is not null',
        [childId],
      )
    ).rows as { id: string }[];
    expect(visit).toBeDefined();
    const visitId = visit!.id;
    const recorded = await post(`/api/v1/health/visits/${visitId}/vaccinations`, clinicCookies, {
      vaccine: 'mr',
      dose: 1,
      lotNumber: 'LOT-A',
      givenOn: '2026-11-21',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);

    const seen = await withClinicScope(t.services, { institutionCode: INSTITUTION, visitId }, async (tx) => ({
      records: (await tx.execute(sql`select child_id from health_vaccination_records`)).rows,
      codes: (await tx.execute(sql`select id from health_consent_codes`)).rows,
      prenatal: (await tx.execute(sql`select id from health_prenatal_consent_codes`)).rows,
      checkups: (await tx.execute(sql`select subject_id from health_checkup_results`)).rows,
      otherChild: (await tx.execute(sql`select * from health_vaccination_records where child_id = ${otherChildId}`))
        .rows,
    }));
    expect(seen.records).toEqual([{ child_id: childId }]);
    expect(seen.codes).toEqual([{ id: visitId }]);
    expect(seen.prenatal).toEqual([]);
    expect(seen.otherChild).toEqual([]);
    // The 妊婦健診 result recorded above by this clinic is its own record; nothing of anyone else's.
    expect(seen.checkups).toEqual([{ subject_id: pregnancyId }]);

    // Writing for another child is refused by the policy, not only by the use case.
    await expect(
      withClinicScope(t.services, { institutionCode: INSTITUTION, visitId }, (tx) =>
        tx.execute(sql`insert into health_vaccination_records (child_id, household_id, municipality_code, vaccine,
          dose, lot_number, given_on, institution_code, recorded_by)
          values (${otherChildId}, ${householdId}, ${HACHIOJI}, 'mr', 1, 'X', '2026-11-21', ${INSTITUTION}, 'x')`),
      ),
    ).rejects.toSatisfy((e: { cause?: { code?: string } }) => e.cause?.code === '42501');

    // Another institution with the same visit id sees nothing at all.
    const other = await withClinicScope(t.services, { institutionCode: OTHER_INSTITUTION, visitId }, async (tx) => ({
      records: (await tx.execute(sql`select child_id from health_vaccination_records`)).rows,
      codes: (await tx.execute(sql`select id from health_consent_codes`)).rows,
    }));
    // …except its own record of the other family's child.
    expect(other.records).toEqual([{ child_id: otherChildId }]);
    expect(other.codes).toEqual([]);
    const fhir = (cookies: Record<string, string>) => get(`/api/v1/fhir/Immunization?patient=${visitId}`, cookies);
    expect((await fhir(otherClinicCookies)).statusCode).toBe(404);
    const own = await fhir(clinicCookies);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().total).toBe(1);
  });
});
