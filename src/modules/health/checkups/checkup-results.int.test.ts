import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../../identity/index.ts';

const HACHIOJI = '132012';
const ITABASHI = '131199';
const INSTITUTION = '1312345678';
const now = new Date('2026-11-21T00:30:00Z');
let t: TestContext;
let parentCookies: Record<string, string>;
let officerCookies: Record<string, string>;
let otherOfficerCookies: Record<string, string>;
let clinicCookies: Record<string, string>;
let householdId: string;
let childId: string;
let pregnancyId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  const family = await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI, childName: '八王子 健太' });
  householdId = family.parent.householdId;
  childId = family.child.id;
  parentCookies = await parentCookie(t.app, t.services, family.parent);
  const pregnancy = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/household/pregnancies',
    cookies: parentCookies,
    payload: { expectedDeliveryDate: '2027-03-01' },
  });
  expect(pregnancy.statusCode, pregnancy.body).toBeLessThan(300);
  pregnancyId = pregnancy.json().id;
  officerCookies = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, { municipalityCode: HACHIOJI, roles: ['health-officer'] }),
  );
  otherOfficerCookies = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, { municipalityCode: ITABASHI, roles: ['health-officer'] }),
  );
  clinicCookies = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, {
      municipalityCode: HACHIOJI,
      roles: [],
      kind: 'clinic',
      institutionCode: INSTITUTION,
    }),
  );
});
afterAll(() => t?.close());

const record = (cookies: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/health/checkup-results', cookies, payload });

const auditRows = async (action: string) =>
  (
    (await t.services.database.pool.query(
      'select actor_type, resource_type, resource_id, outcome from audit_events where action = $1 order by id',
      [action],
    )) as { rows: { actor_type: string; resource_type: string; resource_id: string; outcome: string }[] }
  ).rows;

describe('check-up results', () => {
  it('the municipality records a 3-year and a 妊婦健診 result; audited on the child and the pregnancy', async () => {
    const infant = await record(officerCookies, {
      kind: 'infant',
      householdId,
      childId,
      checkupCode: '3y',
      examinedOn: '2026-11-20',
      outcome: 'no-findings',
      measurements: { heightCm: 95.2, weightKg: 14.1 },
    });
    expect(infant.statusCode, infant.body).toBe(201);
    expect(infant.json()).toMatchObject({ kind: 'infant', subjectId: childId, recordedByKind: 'municipality' });
    const prenatal = await record(officerCookies, {
      kind: 'prenatal',
      householdId,
      pregnancyId,
      checkupCode: '5',
      examinedOn: '2026-11-18',
      outcome: 'follow-up',
      measurements: { systolicMmHg: 128, diastolicMmHg: 82, urineProtein: '±', weightKg: 58.4 },
      notes: '血圧を次回も確認',
    });
    expect(prenatal.statusCode, prenatal.body).toBe(201);
    const audits = await auditRows('health-checkup.record');
    expect(audits).toEqual(
      expect.arrayContaining([
        { actor_type: 'staff', resource_type: 'child', resource_id: childId, outcome: 'success' },
        { actor_type: 'staff', resource_type: 'pregnancy', resource_id: pregnancyId, outcome: 'success' },
      ]),
    );
  });

  it('refuses the same check-up twice (409), bad values by field (400), and a future date', async () => {
    const again = await record(officerCookies, {
      kind: 'infant',
      householdId,
      childId,
      checkupCode: '3y',
      examinedOn: '2026-11-21',
      outcome: 'no-findings',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('checkup-recorded');
    const bad = await record(officerCookies, {
      kind: 'infant',
      householdId,
      childId,
      checkupCode: '7y',
      examinedOn: '2026-11-21',
      outcome: 'fine',
      measurements: { weightKg: 14100 },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().errors as { field: string }[]).map((e) => e.field).join(' ');
    expect(fields).toMatch(/checkupCode/);
    expect(fields).toMatch(/outcome/);
    expect(fields).toMatch(/weightKg/);
    const future = await record(officerCookies, {
      kind: 'infant',
      householdId,
      childId,
      checkupCode: '5y',
      examinedOn: '2026-12-01',
      outcome: 'no-findings',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('body.examinedOn');
  });

  it('a health officer of another municipality can neither record nor read', async () => {
    const res = await record(otherOfficerCookies, {
      kind: 'infant',
      householdId,
      childId,
      checkupCode: '1y6m',
      examinedOn: '2026-11-20',
      outcome: 'no-findings',
    });
    expect(res.statusCode).toBe(403);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/health/households/${householdId}/checkup-results`,
      cookies: otherOfficerCookies,
    });
    expect(read.statusCode).toBe(403);
  });

  it('a clinic records a 乳幼児健診 with the parent’s vaccination code, not with an eligibility-only code', async () => {
    const open = async (purpose: string) => {
      const code = await t.app.inject({
        method: 'POST',
        url: '/api/v1/health/consent-codes',
        cookies: parentCookies,
        payload: { childId, purpose },
      });
      expect(code.statusCode, code.body).toBe(201);
      // The reception screen redeems codes for children without a subsidy too (the API's check needs one).
      const visit = await t.app.inject({
        method: 'POST',
        url: '/api/v1/eligibility-checks',
        cookies: clinicCookies,
        payload: { consentToken: code.json().token, visitDate: '2026-11-21', institutionCode: INSTITUTION },
      });
      expect(visit.statusCode).toBe(404); // no subsidy imported for this child: the API's one answer
      const row = await t.services.database.pool.query(
        'select id from health_consent_codes where child_id = $1 and purpose = $2 and used_at is not null',
        [childId, purpose],
      );
      return row.rows[0].id as string;
    };
    const payload = { checkupCode: '1y6m', examinedOn: '2026-11-21', outcome: 'no-findings', measurements: {} };
    const eligibilityVisit = await open('eligibility');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/health/visits/${eligibilityVisit}/checkup-results`,
      cookies: clinicCookies,
      payload,
    });
    expect(refused.statusCode).toBe(403);
    const visitId = await open('vaccination');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/health/visits/${visitId}/checkup-results`,
      cookies: clinicCookies,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ recordedByKind: 'clinic', institutionCode: INSTITUTION, subjectId: childId });
    expect((await auditRows('health-checkup.record')).at(-1)).toMatchObject({
      actor_type: 'clinic-staff',
      resource_id: childId,
    });
  });

  it('the parent and the municipality read the same rows; the officer’s read is audited', async () => {
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/health/checkup-results', cookies: parentCookies });
    expect(own.statusCode).toBe(200);
    expect(
      own
        .json()
        .map((r: { checkupCode: string }) => r.checkupCode)
        .sort(),
    ).toEqual(['1y6m', '3y', '5']);
    const officer = await t.app.inject({
      method: 'GET',
      url: `/api/v1/health/households/${householdId}/checkup-results`,
      cookies: officerCookies,
    });
    expect(officer.statusCode).toBe(200);
    expect(officer.json()).toEqual(own.json());
    expect(await auditRows('health-checkup.read')).toEqual([
      { actor_type: 'staff', resource_type: 'household', resource_id: householdId, outcome: 'success' },
    ]);
  });
});
