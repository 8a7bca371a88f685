import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TenantScope, withTenantScope } from '../../platform/db/tenant-scope.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../identity/index.ts';
import { makeTestNursery } from './hokatsu.factories.ts';

// Row-level security on hokatsu's household and municipality data: whatever a scoped query forgets to filter,
// PostgreSQL hides rows of another municipality or household (migration hokatsu-rls).
const HACHIOJI = '132012';
const ITABASHI = '131199';
const NOW = new Date('2026-11-01T00:00:00Z');
let t: TestContext;
let householdA: string;
let householdB: string;

const TABLES = [
  'hokatsu_applications',
  'hokatsu_application_choices',
  'hokatsu_application_adjustments',
  'hokatsu_application_documents',
  'hokatsu_allocation_rounds',
  'hokatsu_consultation_bookings',
] as const;

/** Row counts per table as seen by a transaction in `scope` (no WHERE clause at all: only the policies filter). */
async function visible(scope: TenantScope): Promise<Record<string, number>> {
  return withTenantScope(t.services.db, scope, async (tx) => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const r = await tx.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
      counts[table] = r.rows[0]!.n;
    }
    return counts;
  });
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const nursery = await makeTestNursery(t.services.db, HACHIOJI, 'RLSテスト保育園');
  await t.services.db.execute(sql`
    insert into hokatsu_nursery_vacancies (nursery_id, municipality_code, month, age_class, vacancies, source)
    values (${nursery}, ${HACHIOJI}, '2027-04-01', 3, 1, 'test')`);
  const screener = await makeStaff(t.services, { municipalityCode: HACHIOJI, roles: ['nursery-screener'] });
  const staff = await staffCookie(t.app, t.services, screener);
  const ids: string[] = [];
  for (const hours of [40, 30]) {
    const h = await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI });
    const cookies = await parentCookie(t.app, t.services, h.parent);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nursery-applications',
      cookies,
      payload: {
        childId: h.child.id,
        roundMonth: '2027-04',
        choices: [nursery],
        answers: {
          parents: [
            { reason: 'work', hoursPerWeek: 40 },
            { reason: 'work', hoursPerWeek: hours },
          ],
          adjustments: [],
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/nursery-applications/${res.json().id}/documents`,
      cookies,
      payload: { filename: '就労証明書.pdf', data: Buffer.from('%PDF-1.4\n').toString('base64') },
    });
    if (hours === 40) householdA = h.parent.householdId!;
    else householdB = h.parent.householdId!;
  }
  for (const id of ids) {
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/nursery-applications/${id}/status`,
      cookies: staff,
      payload: { status: 'in-review' },
    });
  }
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/nursery-applications/${ids[0]}/adjustments`,
    cookies: staff,
    payload: { points: 2, reason: '認可外保育施設を利用中' },
  });
  const slot = await t.app.inject({
    method: 'POST',
    url: '/api/v1/staff/consultation-slots',
    cookies: staff,
    payload: { startsAt: '2026-11-20T10:00:00+09:00', durationMinutes: 30, meetingUrl: 'https://meet.example.jp/rls' },
  });
  const booker = await makeHouseholdWithChild(t.services, { municipalityCode: ITABASHI });
  const booking = await t.app.inject({
    method: 'POST',
    url: '/api/v1/consultation-bookings',
    cookies: await parentCookie(t.app, t.services, booker.parent),
    payload: { slotId: slot.json().id, topic: '八王子への転入予定' },
  });
  expect(booking.statusCode, booking.body).toBe(201);
  await t.services.db.execute(sql`
    insert into hokatsu_allocation_rounds (municipality_code, round_month, round_no, applicants, offers, blocking_pairs, result, run_by)
    values (${HACHIOJI}, '2027-04-01', 1, 2, 1, 0, '{}'::jsonb, 'test')`);
});
afterAll(async () => {
  await t.close();
});

describe('row-level security on hokatsu tables', () => {
  it('shows staff of another municipality nothing, and their own municipality everything', async () => {
    expect(await visible({ kind: 'municipality', municipalityCode: ITABASHI })).toEqual({
      hokatsu_applications: 0,
      hokatsu_application_choices: 0,
      hokatsu_application_adjustments: 0,
      hokatsu_application_documents: 0,
      hokatsu_allocation_rounds: 0,
      hokatsu_consultation_bookings: 0,
    });
    expect(await visible({ kind: 'municipality', municipalityCode: HACHIOJI })).toEqual({
      hokatsu_applications: 2,
      hokatsu_application_choices: 2,
      hokatsu_application_adjustments: 1,
      hokatsu_application_documents: 2,
      hokatsu_allocation_rounds: 1,
      hokatsu_consultation_bookings: 1,
    });
  });

  it('shows a household only its own application, its choices, documents and adjustments', async () => {
    expect(await visible({ kind: 'household', householdId: householdA })).toMatchObject({
      hokatsu_applications: 1,
      hokatsu_application_choices: 1,
      hokatsu_application_adjustments: 1,
      hokatsu_application_documents: 1,
      hokatsu_allocation_rounds: 0,
    });
    expect(await visible({ kind: 'household', householdId: householdB })).toMatchObject({
      hokatsu_applications: 1,
      hokatsu_application_adjustments: 0,
    });
  });

  it('refuses writes into another municipality, even without a filter in the query', async () => {
    const error = await withTenantScope(t.services.db, { kind: 'municipality', municipalityCode: ITABASHI }, (tx) =>
      tx.execute(sql`
        insert into hokatsu_allocation_rounds (municipality_code, round_month, round_no, applicants, offers, blocking_pairs, result, run_by)
        values (${HACHIOJI}, '2027-05-01', 1, 0, 0, 0, '{}'::jsonb, 'intruder')`),
    ).catch((e: { cause?: { code?: string } }) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('42501');
    const updated = await withTenantScope(t.services.db, { kind: 'municipality', municipalityCode: ITABASHI }, (tx) =>
      tx.execute(sql`update hokatsu_applications set status = 'ready'`),
    );
    expect(updated.rowCount).toBe(0);
  });

  it('keeps the staff pages and API in scope: another municipality’s screener finds an empty queue', async () => {
    const elsewhere = await makeStaff(t.services, { municipalityCode: ITABASHI, roles: ['nursery-screener'] });
    const cookies = await staffCookie(t.app, t.services, elsewhere);
    const queue = await t.app.inject({ url: '/api/v1/staff/nursery-applications', cookies });
    expect(queue.json().items).toEqual([]);
  });
});
