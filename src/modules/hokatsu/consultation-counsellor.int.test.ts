import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../identity/index.ts';

const MUNI = '132012';
const START = new Date('2026-12-01T00:00:00Z');
let clock = START;
let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t.close();
});

/** Posts a no-JavaScript form the way a browser does: the CSRF cookie from the page plus the token field. */
async function postForm(
  url: string,
  page: { cookies: { name: string; value: string }[]; body: string },
  cookies: Record<string, string>,
  fields: Record<string, string | string[]>,
) {
  const csrf = page.cookies.find((c) => c.name === '_csrf')!.value;
  const token = /name="_csrf" value="([^"]*)"/.exec(page.body)![1]!;
  const form = new URLSearchParams({ _csrf: token });
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
  return t.app.inject({
    method: 'POST',
    url,
    cookies: { ...cookies, _csrf: csrf, lang: 'en' },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
}

const outbox = async (type: string) =>
  (
    await t.services.db.execute<{ payload: Record<string, string> }>(
      sql`select payload from outbox_events where type = ${type} order by id`,
    )
  ).rows.map((r) => r.payload);

describe('counsellor console for online consultations', () => {
  it('publishes a weekly series without holidays, reads topics, marks held once, and raises booking events', async () => {
    clock = START;
    const counsellor = await makeStaff(t.services, { municipalityCode: MUNI, roles: ['nursery-screener'] });
    let staff = await staffCookie(t.app, t.services, counsellor);
    // Mondays and Fridays from 1 to 15 January 2027: 1 Jan (new year) and 11 Jan (成人の日) are skipped.
    const series = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/consultation-slots',
      cookies: staff,
      payload: {
        recurrence: { from: '2027-01-01', until: '2027-01-15', weekdays: [1, 5], startTime: '13:30' },
        durationMinutes: 40,
        meetingUrl: 'https://meet.example.jp/series',
        capacity: 2,
      },
    });
    expect(series.statusCode, series.body).toBe(201);
    expect(series.json().slots.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2027-01-04T04:30:00.000Z',
      '2027-01-08T04:30:00.000Z',
      '2027-01-15T04:30:00.000Z',
    ]);
    const both = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/consultation-slots',
      cookies: staff,
      payload: { durationMinutes: 40, meetingUrl: 'https://meet.example.jp/x' },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].field).toBe('body.startsAt');
    const slotId = series.json().slots[0].id as string;

    const { parent } = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
    const parentSession = await parentCookie(t.app, t.services, parent);
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consultation-bookings',
      cookies: parentSession,
      payload: { slotId, topic: '育休明けの入園時期', questions: '4月と5月、どちらが入りやすいですか？\n兄がいます。' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId = booked.json().bookingId as string;
    expect(await outbox('consultation.booked')).toContainEqual({
      bookingId,
      householdId: parent.householdId,
      municipalityCode: MUNI,
      startsAt: '2027-01-04T04:30:00.000Z',
    });

    // The console lists the slot with the household's topic and questions, and no mark buttons before the start.
    const page = await t.app.inject({ url: '/staff/hokatsu/consultations', cookies: { ...staff, lang: 'en' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('育休明けの入園時期');
    expect(page.body).toContain('兄がいます。');
    expect(page.body).toContain('https://meet.example.jp/series');
    expect(page.body).not.toContain(`/staff/hokatsu/consultations/bookings/${bookingId}/outcome`);
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/consultation-bookings/${bookingId}/outcome`,
      cookies: staff,
      payload: { outcome: 'held' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('not-started');

    clock = new Date('2027-01-04T05:00:00Z');
    // Sessions expire with the clock, so sign in again on the day.
    staff = await staffCookie(t.app, t.services, counsellor);
    const afterStart = await t.app.inject({ url: '/staff/hokatsu/consultations', cookies: { ...staff, lang: 'en' } });
    expect(afterStart.body).toContain(`/staff/hokatsu/consultations/bookings/${bookingId}/outcome`);
    const elsewhere = await makeStaff(t.services, { municipalityCode: '131199', roles: ['nursery-screener'] });
    const other = await staffCookie(t.app, t.services, elsewhere);
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/consultation-bookings/${bookingId}/outcome`,
      cookies: other,
      payload: { outcome: 'no-show' },
    });
    expect(foreign.statusCode).toBe(403);
    const otherPage = await t.app.inject({ url: '/staff/hokatsu/consultations', cookies: { ...other, lang: 'en' } });
    expect(otherPage.body).not.toContain('育休明けの入園時期');

    const mark = await postForm(`/staff/hokatsu/consultations/bookings/${bookingId}/outcome`, afterStart, staff, {
      outcome: 'held',
    });
    expect(mark.statusCode, mark.body.slice(0, 300)).toBe(303);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/consultation-bookings/${bookingId}/outcome`,
      cookies: staff,
      payload: { outcome: 'no-show' },
    });
    expect(again.statusCode).toBe(409);
    const [row] = (
      await t.services.db.execute<{ status: string }>(
        sql`select status from hokatsu_consultation_bookings where id = ${bookingId}`,
      )
    ).rows;
    expect(row!.status).toBe('held');
    clock = START;
  });

  it('publishes one slot from the page form, and the parent cancels from the page until the cut-off', async () => {
    clock = START;
    const counsellor = await makeStaff(t.services, { municipalityCode: MUNI, roles: ['municipality-admin'] });
    const staff = await staffCookie(t.app, t.services, counsellor);
    const console = await t.app.inject({ url: '/staff/hokatsu/consultations', cookies: { ...staff, lang: 'en' } });
    const bad = await postForm('/staff/hokatsu/consultations/slots', console, staff, {
      from: '2026-12-20',
      until: '',
      startTime: '10:00',
      durationMinutes: '30',
      meetingUrl: 'http://insecure.example.jp/room',
      capacity: '1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('https://');
    expect(bad.body).toContain('value="http://insecure.example.jp/room"');
    const ok = await postForm('/staff/hokatsu/consultations/slots', console, staff, {
      from: '2026-12-20',
      until: '',
      startTime: '10:00',
      durationMinutes: '30',
      meetingUrl: 'https://meet.example.jp/one-off',
      capacity: '1',
    });
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
    expect(ok.headers.location).toBe('/staff/hokatsu/consultations?published=1');

    const slots = await t.app.inject({ url: `/api/v1/consultation-slots?municipality=${MUNI}` });
    const slot = slots.json().items.find((s: { startsAt: string }) => s.startsAt === '2026-12-20T01:00:00.000Z') as {
      id: string;
    };
    const { parent } = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
    let session = await parentCookie(t.app, t.services, parent);
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consultation-bookings',
      cookies: session,
      payload: { slotId: slot.id, topic: 'Moving to Hachioji in spring' },
    });
    const bookingId = booked.json().bookingId as string;

    // Someone else's booking cannot be cancelled (the household scope hides it).
    const stranger = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
    const strangerSession = await parentCookie(t.app, t.services, stranger.parent);
    const hijack = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultation-bookings/${bookingId}/cancel`,
      cookies: strangerSession,
    });
    expect(hijack.statusCode).toBe(404);

    // Inside the 2-hour cut-off the page offers no cancel button and the API refuses.
    clock = new Date('2026-12-20T00:00:00Z');
    const lateSession = await parentCookie(t.app, t.services, parent);
    const late = await t.app.inject({
      url: `/hokatsu/consultations?municipality=${MUNI}`,
      cookies: { ...lateSession, lang: 'en' },
    });
    expect(late.body).toContain('contact the consultation desk');
    const lateCancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultation-bookings/${bookingId}/cancel`,
      cookies: lateSession,
    });
    expect(lateCancel.json().code).toBe('past-cutoff');

    clock = START;
    session = await parentCookie(t.app, t.services, parent);
    const page = await t.app.inject({
      url: `/hokatsu/consultations?municipality=${MUNI}`,
      cookies: { ...session, lang: 'en' },
    });
    expect(page.body).toContain(`/hokatsu/consultations/bookings/${bookingId}/cancel`);
    const cancel = await postForm(`/hokatsu/consultations/bookings/${bookingId}/cancel`, page, session, {
      municipality: MUNI,
    });
    expect(cancel.statusCode, cancel.body.slice(0, 300)).toBe(303);
    const after = await t.app.inject({ url: cancel.headers.location!, cookies: { ...session, lang: 'en' } });
    expect(after.body).toContain('Your consultation booking is cancelled.');
    expect(after.body).not.toContain('https://meet.example.jp/one-off');
    expect(await outbox('consultation.cancelled')).toContainEqual({
      bookingId,
      householdId: parent.householdId,
      municipalityCode: MUNI,
      startsAt: '2026-12-20T01:00:00.000Z',
    });
    const seats = await t.app.inject({ url: `/api/v1/consultation-slots?municipality=${MUNI}` });
    expect(seats.json().items.find((s: { id: string }) => s.id === slot.id).seatsLeft).toBe(1);
  });

  it('tells Tokyo-wide staff that consultations belong to a municipality', async () => {
    const tokyo = await makeStaff(t.services, { municipalityCode: '130001', roles: ['municipality-admin'] });
    const cookies = await staffCookie(t.app, t.services, tokyo);
    const page = await t.app.inject({ url: '/staff/hokatsu/consultations', cookies: { ...cookies, lang: 'en' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tokyo-wide accounts cannot use this page');
  });
});
