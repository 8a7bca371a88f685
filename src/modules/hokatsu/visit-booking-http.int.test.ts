import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../identity/index.ts';
import { makeTestNursery } from './hokatsu.factories.ts';

// Visit booking over HTTP with real sign-in: parents (card session) book for their household, nursery staff
// (password + TOTP, bound to one nursery) publish tours and mark attendance. The clock is settable.
const MUNI = '132012';
let clock = new Date('2026-12-01T00:00:00Z');
let t: TestContext;
let nurseryA: string;
let nurseryB: string;

const makeNursery = (name: string) => makeTestNursery(t.services.db, MUNI, name);

/** A nursery staff account: made as municipal staff, then bound to the nursery (identity has no factory for it). */
async function nurseryStaff(nurseryId: string) {
  const s = await makeStaff(t.services, { municipalityCode: MUNI, roles: [] });
  await t.services.db.execute(
    sql`update staff_accounts set kind = 'nursery', nursery_id = ${nurseryId}, roles = '{}' where id = ${s.staff.id}`,
  );
  return staffCookie(t.app, t.services, s);
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  nurseryA = await makeNursery('予約テスト保育園A');
  nurseryB = await makeNursery('予約テスト保育園B');
});
afterAll(async () => {
  await t.close();
});

describe('visit booking with sign-in', () => {
  let staffA: Record<string, string>;
  let slotIds: string[] = [];

  it('nursery staff publish tours for their own nursery only', async () => {
    staffA = await nurseryStaff(nurseryA);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nursery/visit-slots',
      cookies: staffA,
      payload: {
        from: '2026-12-07',
        until: '2026-12-11',
        weekdays: [1, 3, 5],
        startTime: '10:00',
        endTime: '11:00',
        capacity: 2,
        notes: '上履き持参',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    slotIds = (res.json().items as { id: string }[]).map((x) => x.id);
    expect(slotIds).toHaveLength(3);

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nursery/visit-slots',
      cookies: staffA,
      payload: {
        from: '2026-12-07',
        until: '2026-12-11',
        weekdays: [9],
        startTime: '25:00',
        endTime: '11:00',
        capacity: 0,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json())).toContain('capacity');

    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/nursery/visit-slots', payload: bad.json() });
    expect([400, 401]).toContain(anonymous.statusCode);
  });

  it('a parent books, sees, reschedules and cancels; the household is the family', async () => {
    // A household from another ward (板橋区) books a 八王子市 tour: families hunt across borders.
    const { parent } = await makeHouseholdWithChild(t.services, { municipalityCode: '131199' });
    const cookies = await parentCookie(t.app, t.services, parent);
    const book = (slotId: string, partySize = 1) =>
      t.app.inject({ method: 'POST', url: '/api/v1/visit-bookings', cookies, payload: { slotId, partySize } });
    const first = await book(slotIds[0]!, 2);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().seatsLeft).toBe(0);
    expect((await book(slotIds[0]!)).json().code).toBe('slot-full');
    const mine = await t.app.inject({ url: '/api/v1/me/visit-bookings', cookies });
    expect(mine.json().items).toHaveLength(1);
    expect(mine.json().items[0]).toMatchObject({ nurseryName: '予約テスト保育園A', partySize: 2 });
    const bookingId = first.json().bookingId as string;

    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/visit-bookings/${bookingId}/reschedule`,
      cookies,
      payload: { slotId: slotIds[1] },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const newId = moved.json().bookingId as string;

    // Another household cannot cancel it (not found, nothing leaks), nor can an anonymous caller.
    const other = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
    const otherCookies = await parentCookie(t.app, t.services, other.parent);
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/visit-bookings/${newId}/cancel`,
      cookies: otherCookies,
    });
    expect(foreign.statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'POST', url: `/api/v1/visit-bookings/${newId}/cancel` });
    expect(anon.statusCode).toBe(401);
    // Nursery staff cannot book for a family.
    const staffBook = await t.app.inject({
      method: 'POST',
      url: '/api/v1/visit-bookings',
      cookies: staffA,
      payload: { slotId: slotIds[2] },
    });
    expect(staffBook.statusCode).toBe(403);

    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/visit-bookings/${newId}/cancel`, cookies });
    expect(cancelled.statusCode).toBe(204);
    expect((await book(slotIds[0]!, 2)).statusCode).toBe(201);
    // A malformed id is a problem naming the field, not a 500.
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/visit-bookings',
      cookies,
      payload: { slotId: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('slotId');
    const audits = await t.services.db.execute<{ action: string }>(
      sql`select distinct action from audit_events where action like 'visit-booking.%' order by 1`,
    );
    expect(audits.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['visit-booking.cancel', 'visit-booking.create', 'visit-booking.list-own']),
    );
  });

  it('works as pages without JavaScript: book, then cancel, from the nursery page', async () => {
    const { parent } = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
    const session = await parentCookie(t.app, t.services, parent);
    const anonymousPage = await t.app.inject({ url: `/hokatsu/nurseries/${nurseryA}`, cookies: { lang: 'en' } });
    expect(anonymousPage.body).toContain('Sign in to book a visit');
    const page = await t.app.inject({ url: `/hokatsu/nurseries/${nurseryA}`, cookies: { ...session, lang: 'en' } });
    expect(page.statusCode).toBe(200);
    const csrf = page.cookies.find((c) => c.name === '_csrf')!.value;
    const cookies = { ...session, _csrf: csrf, lang: 'en' };
    const post = (url: string, form: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: hidden(page.body, '_csrf'), ...form }).toString(),
      });
    const booked = await post(`/hokatsu/nurseries/${nurseryA}/visits`, { slotId: slotIds[2]!, partySize: '1' });
    expect(booked.statusCode, booked.body).toBe(303);
    expect(booked.headers.location).toBe(`/hokatsu/nurseries/${nurseryA}?done=booked`);
    const after = await t.app.inject({ url: booked.headers.location!, cookies });
    expect(after.body).toContain('Your visit is booked.');
    expect(after.body).toContain('data-testid="my-visits"');
    const full = await post(`/hokatsu/nurseries/${nurseryA}/visits`, { slotId: slotIds[0]!, partySize: '1' });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain('This tour is full');
    const bookingId = /\/hokatsu\/visits\/([0-9a-f-]{36})\/cancel/.exec(after.body)![1]!;
    const cancelled = await post(`/hokatsu/visits/${bookingId}/cancel`, {});
    expect(cancelled.headers.location).toBe(`/hokatsu/nurseries/${nurseryA}?done=cancelled`);
  });

  it('nursery staff see attendees of their tours, mark no-shows after the start, and nothing of another nursery', async () => {
    const page = await t.app.inject({ url: '/nursery', cookies: { ...staffA, lang: 'en' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('予約テスト保育園A');
    expect(page.body).toContain('Booked 2 / 2');

    const attendees = await t.app.inject({ url: `/api/v1/visit-slots/${slotIds[0]}/attendees`, cookies: staffA });
    expect(attendees.statusCode).toBe(200);
    const [booking] = attendees.json().items as { bookingId: string }[];
    const mark = (cookies: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/visit-bookings/${booking!.bookingId}/attendance`,
        cookies,
        payload: { status: 'no-show' },
      });
    expect((await mark(staffA)).json().code).toBe('tour-not-started');

    const staffB = await nurseryStaff(nurseryB);
    expect(
      (await t.app.inject({ url: `/api/v1/visit-slots/${slotIds[0]}/attendees`, cookies: staffB })).statusCode,
    ).toBe(403);
    expect((await mark(staffB)).statusCode).toBe(403);

    clock = new Date('2026-12-07T02:00:00Z'); // 11:00 in Tokyo: the first tour has started
    // A fresh sign-in: the staff session's idle timeout runs on the same (moved) clock.
    const fresh = await nurseryStaff(nurseryA);
    expect((await mark(fresh)).statusCode).toBe(204);
    expect((await mark(fresh)).json().code).toBe('invalid-transition');
    const denied = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where outcome = 'denied' and action = 'nursery.manage-slots'`,
    );
    expect(denied.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });
});
