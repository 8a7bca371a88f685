import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../identity/index.ts';
import { makeTestNursery } from './hokatsu.factories.ts';

// Application → screening → allocation → offer, over the API with real sign-in. The test child (born 2023-04-10)
// is in the 3歳児 class for an April 2027 intake
// (3 years old on 2027-04-01).
const MUNI = '132012';
let t: TestContext;
let north: string;
let south: string;

const makeNursery = (name: string) => makeTestNursery(t.services.db, MUNI, name);

async function seats(nurseryId: string, ageClass: number, n: number) {
  await t.services.db.execute(sql`
    insert into hokatsu_nursery_vacancies (nursery_id, municipality_code, month, age_class, vacancies, source)
    values (${nurseryId}, ${MUNI}, '2027-04-01', ${ageClass}, ${n}, 'test')`);
}

const answers = (hours: number) => ({
  parents: [
    { reason: 'work', hoursPerWeek: 40 },
    { reason: 'work', hoursPerWeek: hours },
  ],
  adjustments: [],
});

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-11-01T00:00:00Z') });
  north = await makeNursery('申請テスト北保育園');
  south = await makeNursery('申請テスト南保育園');
  await seats(north, 3, 1);
  await seats(south, 3, 1);
});
afterAll(async () => {
  await t.close();
});

describe('nursery application, screening and allocation', () => {
  it('runs from application to accepted offer', async () => {
    const families = await Promise.all(
      [40, 30, 20].map(async (hours) => {
        const h = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
        return { ...h, hours, cookies: await parentCookie(t.app, t.services, h.parent) };
      }),
    );
    const ids: string[] = [];
    for (const f of families) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/nursery-applications',
        cookies: f.cookies,
        payload: { childId: f.child.id, roundMonth: '2027-04', choices: [north, south], answers: answers(f.hours) },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const [first, second, third] = families;
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nursery-applications',
      cookies: first!.cookies,
      payload: { childId: first!.child.id, roundMonth: '2027-04', choices: [north], answers: answers(40) },
    });
    expect(duplicate.json().code).toBe('already-applied');

    // Household data came from identity; the index from the engine (八王子市: 40h = 10, 30h = 8, <25h = 6).
    const mine = await t.app.inject({ url: `/api/v1/nursery-applications/${ids[1]}`, cookies: second!.cookies });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({
      childName: 'テスト 太郎',
      ageClass: 3,
      computedIndex: 18,
      status: 'submitted',
    });
    const foreign = await t.app.inject({ url: `/api/v1/nursery-applications/${ids[1]}`, cookies: first!.cookies });
    expect(foreign.statusCode).toBe(404);

    // Documents: PDF accepted, other types refused by their bytes, size capped.
    const upload = (body: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/nursery-applications/${ids[0]}/documents`,
        cookies: first!.cookies,
        payload: { filename: '就労証明書.pdf', data: body.toString('base64') },
      });
    const pdf = await upload(Buffer.from('%PDF-1.4\n% test\n'));
    expect(pdf.statusCode, pdf.body).toBe(201);
    const fake = await upload(Buffer.from('MZ not a pdf'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().errors[0].field).toBe('body.file');
    const big = await upload(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.json().code).toBe('document-too-large');
    expect(big.headers['content-type']).toContain('application/problem+json');
    const bigger = await upload(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(6 * 1024 * 1024)]));
    expect(bigger.json().code).toBe('payload-too-large');

    // Staff screening: own municipality only.
    const screener = await makeStaff(t.services, { municipalityCode: MUNI, roles: ['nursery-screener'] });
    const staff = await staffCookie(t.app, t.services, screener);
    const elsewhere = await makeStaff(t.services, { municipalityCode: '131199', roles: ['nursery-screener'] });
    const other = await staffCookie(t.app, t.services, elsewhere);
    expect(
      (await t.app.inject({ url: `/api/v1/staff/nursery-applications/${ids[0]}`, cookies: other })).statusCode,
    ).toBe(403);
    const queue = await t.app.inject({ url: '/api/v1/staff/nursery-applications', cookies: other });
    expect(queue.json().items).toHaveLength(0);

    const detail = await t.app.inject({ url: `/api/v1/staff/nursery-applications/${ids[0]}`, cookies: staff });
    expect(detail.json().engine.total).toBe(20);
    expect(detail.json().documents).toHaveLength(1);
    const doc = await t.app.inject({
      url: `/api/v1/nursery-applications/${ids[0]}/documents/${detail.json().documents[0].id}`,
      cookies: staff,
    });
    expect(doc.body).toContain('%PDF-1.4');

    const status = (id: string, body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/nursery-applications/${id}/status`,
        cookies: staff,
        payload: body,
      });
    expect((await status(ids[0]!, { status: 'ready' })).json().code).toBe('invalid-transition');
    for (const id of ids) expect((await status(id, { status: 'in-review' })).statusCode).toBe(204);
    expect((await status(ids[2]!, { status: 'needs-fix' })).json().errors[0].field).toBe('body.fixRequest');
    expect(
      (await status(ids[2]!, { status: 'needs-fix', fixRequest: '就労証明書を添付してください' })).statusCode,
    ).toBe(204);
    // The third family (index 16) fixes and resubmits; a screener adjusts its index with a reason: 16 + 5 = 21.
    const resubmit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/nursery-applications/${ids[2]}/resubmit`,
      cookies: third!.cookies,
      payload: {},
    });
    expect(resubmit.statusCode, resubmit.body).toBe(204);
    expect((await status(ids[2]!, { status: 'in-review' })).statusCode).toBe(204);
    const adjust = (points: number, reason: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/nursery-applications/${ids[2]}/adjustments`,
        cookies: staff,
        payload: { points, reason },
      });
    expect((await adjust(5, '')).json().errors[0].field).toBe('body.reason');
    expect((await adjust(5, 'きょうだい在園（要綱の調整指数）')).statusCode).toBe(204);
    for (const id of ids) expect((await status(id, { status: 'ready' })).statusCode).toBe(204);

    // Allocation: the dry run changes nothing; publishing makes the offers.
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/allocation-rounds',
      cookies: staff,
      payload: { roundMonth: '2027-04', roundNo: 1 },
    });
    expect(run.statusCode, run.body).toBe(201);
    // 21 (16 + 5) takes the first choice, 20 the second; 18 waits.
    expect(run.json().assignments).toEqual({ [ids[0]!]: south, [ids[1]!]: null, [ids[2]!]: north });
    expect(run.json().blockingPairs).toBe(0);
    const stillReady = await t.app.inject({ url: `/api/v1/nursery-applications/${ids[0]}`, cookies: first!.cookies });
    expect(stillReady.json().status).toBe('ready');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/staff/allocation-rounds/${run.json().id}/publish`,
          cookies: other,
        })
      ).statusCode,
    ).toBe(403);
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/allocation-rounds/${run.json().id}/publish`,
      cookies: staff,
    });
    expect(published.json()).toMatchObject({ offers: 2, waitlisted: 1 });

    const offer = await t.app.inject({ url: `/api/v1/nursery-applications/${ids[0]}`, cookies: first!.cookies });
    expect(offer.json()).toMatchObject({ status: 'offered', offeredNurseryName: '申請テスト南保育園' });
    const waiting = await t.app.inject({ url: `/api/v1/nursery-applications/${ids[1]}`, cookies: second!.cookies });
    // Second on the first choice's waitlist: the family placed at its second choice still waits for the first.
    expect(waiting.json()).toMatchObject({ status: 'waitlisted', waitlistRank: 2 });
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/v1/nursery-applications/${ids[0]}/offer`,
      cookies: first!.cookies,
      payload: { answer: 'accepted' },
    });
    expect(accept.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/nursery-applications/${ids[0]}/offer`,
      cookies: first!.cookies,
      payload: { answer: 'declined' },
    });
    expect(again.json().code).toBe('invalid-transition');

    // Minimum admitted index per nursery and age class is published, and notify gets its event.
    const nursery = await t.app.inject({ url: `/api/v1/nurseries/${north}` });
    expect(nursery.json().minimumIndices).toEqual([
      { ageClass: 3, minimumIndex: 21, label: null, roundMonth: '2027-04-01', roundNo: 1 },
    ]);
    const events = await t.services.db.execute<{ type: string }>(
      sql`select type from outbox_events where type = 'allocation.published'`,
    );
    expect(events.rows).toHaveLength(1);
    // The database refuses a status outside the machine.
    const bad = await t.services.db
      .execute(sql`update hokatsu_applications set status = 'approved' where id = ${ids[1]}`)
      .catch((e: { cause?: { code?: string } }) => e);
    expect((bad as { cause?: { code?: string } }).cause?.code).toBe('23514');
  });

  it('names the bad field for invalid applications', async () => {
    const h = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
    const cookies = await parentCookie(t.app, t.services, h.parent);
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/nursery-applications', cookies, payload });
    const base = { childId: h.child.id, roundMonth: '2027-04', choices: [north], answers: answers(40) };
    expect(
      (await post({ ...base, answers: { parents: [{ reason: 'work', hoursPerWeek: 500 }] } })).json().errors[0].field,
    ).toBe('body.answers.parents.0.hoursPerWeek');
    expect((await post({ ...base, choices: [north, north] })).json().errors[0].field).toBe('body.choices');
    expect((await post({ ...base, childId: '00000000-0000-4000-8000-000000000000' })).json().errors[0].field).toBe(
      'body.childId',
    );
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/nursery-applications', payload: base });
    expect(anonymous.statusCode).toBe(401);
  });
});
