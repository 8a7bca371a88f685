import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../identity/index.ts';
import { makeTestNursery } from './hokatsu.factories.ts';

// 八王子市's sample rules rank equal indices by a staff-applied table, then by the lower 住民税所得割; the lottery is
// only the last key. Transfers bring the seat the child holds. Test children (born 2023-04-10) are in the 3歳児 class
// for April 2027.
const MUNI = '132012';
let t: TestContext;
let staff: Record<string, string>;

const answers = (hours: number) => ({
  parents: [
    { reason: 'work', hoursPerWeek: 40 },
    { reason: 'work', hoursPerWeek: hours },
  ],
  adjustments: [],
});

async function seats(nurseryId: string, n: number) {
  await t.services.db.execute(sql`
    insert into hokatsu_nursery_vacancies (nursery_id, municipality_code, month, age_class, vacancies, source)
    values (${nurseryId}, ${MUNI}, '2027-04-01', 3, ${n}, 'test')`);
}

async function apply(body: Record<string, unknown>, hours = 40) {
  const h = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
  const cookies = await parentCookie(t.app, t.services, h.parent);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/nursery-applications',
    cookies,
    payload: { childId: h.child.id, roundMonth: '2027-04', answers: answers(hours), ...body },
  });
  return { res, cookies };
}

async function makeReady(id: string) {
  for (const status of ['in-review', 'ready']) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/nursery-applications/${id}/status`,
      cookies: staff,
      payload: { status },
    });
    expect(res.statusCode, res.body).toBe(204);
  }
}

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-11-01T00:00:00Z') });
  const screener = await makeStaff(t.services, { municipalityCode: MUNI, roles: ['nursery-screener'] });
  staff = await staffCookie(t.app, t.services, screener);
});
afterAll(async () => {
  await t.close();
});

describe('tie-break facts and transfers in the allocation', () => {
  it('breaks an equal index by the lower income tax, not the lottery; checks the answers and the transfer', async () => {
    const one = await makeTestNursery(t.services.db, MUNI, '同点テスト保育園');
    const current = await makeTestNursery(t.services.db, MUNI, '同点テスト在園先保育園');
    await seats(one, 1);

    const bad = await apply({ choices: [one], tieBreakFacts: { 'lower-income': -1 } });
    expect(bad.res.json().errors[0].field).toBe('body.tieBreakFacts.lower-income');
    const unknown = await apply({ choices: [one], tieBreakFacts: { 'priority-table': 1 } });
    expect(unknown.res.json().errors[0].field).toBe('body.tieBreakFacts.priority-table');
    const currentListed = await apply({ choices: [one], currentNurseryId: one });
    expect(currentListed.res.json().errors[0].field).toBe('body.currentNurseryId');

    const rich = await apply({ choices: [one], tieBreakFacts: { 'lower-income': 300_000 } });
    const poor = await apply({ choices: [one], tieBreakFacts: { 'lower-income': 48_000 } });
    const silent = await apply({ choices: [one], currentNurseryId: current });
    const ids = [rich, poor, silent].map((x) => {
      expect(x.res.statusCode, x.res.body).toBe(201);
      return x.res.json().id as string;
    });
    const [richId, poorId, silentId] = ids as [string, string, string];
    const stored = await t.app.inject({ url: `/api/v1/nursery-applications/${poorId}`, cookies: poor.cookies });
    expect(stored.json()).toMatchObject({ tieBreakFacts: { 'lower-income': 48_000 }, currentNurseryId: null });
    // The lottery would favour the richer household and then the silent one: the income key must decide first.
    await t.services.db.execute(sql`update hokatsu_applications set lottery = 999999 where id = ${richId}`);
    await t.services.db.execute(sql`update hokatsu_applications set lottery = 999998 where id = ${silentId}`);
    await t.services.db.execute(sql`update hokatsu_applications set lottery = 1 where id = ${poorId}`);
    for (const id of ids) await makeReady(id);

    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/allocation-rounds',
      cookies: staff,
      payload: { roundMonth: '2027-04', roundNo: 1 },
    });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json().assignments[poorId]).toBe(one);
    expect(run.json().assignments[richId]).toBeNull();
    // The transfer child keeps its current seat: it is not "offered" the nursery it already attends.
    expect(run.json().assignments[silentId]).toBe(current);
    expect(run.json().explanations[silentId].keptCurrentSeat).toBe(true);
    expect(run.json().waitlist[one]['3']).toEqual([richId, silentId]);

    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/allocation-rounds/${run.json().id}/publish`,
      cookies: staff,
    });
    expect(published.json()).toMatchObject({ offers: 1, waitlisted: 2 });
    const kept = await t.app.inject({ url: `/api/v1/nursery-applications/${silentId}`, cookies: silent.cookies });
    expect(kept.json()).toMatchObject({ status: 'waitlisted', offeredNurseryId: null });

    // 繰り上げ内定: a declined seat goes to the next applicant still waiting for it in this round, in priority order.
    const answer = (id: string, cookies: Record<string, string>, answer: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/nursery-applications/${id}/offer`, cookies, payload: { answer } });
    expect((await answer(poorId, poor.cookies, 'declined')).statusCode).toBe(204);
    const movedUp = await t.app.inject({ url: `/api/v1/nursery-applications/${richId}`, cookies: rich.cookies });
    expect(movedUp.json()).toMatchObject({ status: 'offered', offeredNurseryId: one });
    const events = await t.services.db.execute<{ payload: Record<string, string> }>(
      sql`select payload from outbox_events where type = 'allocation.offer-moved-up'`,
    );
    expect(events.rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({ applicationId: richId, nurseryId: one, declinedApplicationId: poorId }),
    ]);
    expect((await answer(poorId, poor.cookies, 'accepted')).json().code).toBe('invalid-transition');
    // The transfer child is next; when it declines too, nobody is left and the seat waits for the next round.
    expect((await answer(richId, rich.cookies, 'declined')).statusCode).toBe(204);
    const transfer = await t.app.inject({ url: `/api/v1/nursery-applications/${silentId}`, cookies: silent.cookies });
    expect(transfer.json()).toMatchObject({ status: 'offered', offeredNurseryId: one });
    expect((await answer(silentId, silent.cookies, 'declined')).statusCode).toBe(204);
    const offered = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from hokatsu_applications where offered_nursery_id = ${one} and status = 'offered'`,
    );
    expect(offered.rows[0]!.n).toBe(0);
  });
});
