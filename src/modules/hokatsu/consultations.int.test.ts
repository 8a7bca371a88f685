import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUrl } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { createLogger } from '../../platform/log/logger.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from '../identity/index.ts';
import { bookConsultation } from './consultations/book-consultation.ts';

const MUNI = '132012';
const NOW = new Date('2026-12-01T00:00:00Z');
let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
});
afterAll(async () => {
  await t.close();
});

describe('online consultations', () => {
  it('counsellors publish, parents book with a topic, the link stays private, capacity holds under concurrency', async () => {
    const counsellor = await makeStaff(t.services, { municipalityCode: MUNI, roles: ['nursery-screener'] });
    const staff = await staffCookie(t.app, t.services, counsellor);
    const publish = (body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/staff/consultation-slots', cookies: staff, payload: body });
    const bad = await publish({ startsAt: '2026-12-10T10:00:00+09:00', durationMinutes: 30, meetingUrl: 'http://x' });
    expect(bad.json().errors[0].field).toBe('body.meetingUrl');
    const slot = await publish({
      startsAt: '2026-12-10T10:00:00+09:00',
      durationMinutes: 30,
      meetingUrl: 'https://meet.example.jp/hokatsu-1',
    });
    expect(slot.statusCode, slot.body).toBe(201);
    const slotId = slot.json().id as string;

    const list = await t.app.inject({ url: `/api/v1/consultation-slots?municipality=${MUNI}` });
    expect(list.json().items).toEqual([
      { id: slotId, startsAt: '2026-12-10T01:00:00.000Z', durationMinutes: 30, capacity: 1, seatsLeft: 1 },
    ]);
    expect(list.body).not.toContain('meet.example.jp');

    // 50 households try the one seat at once: exactly one gets it.
    const households = await Promise.all(
      Array.from({ length: 50 }, () => makeHouseholdWithChild(t.services, { municipalityCode: MUNI })),
    );
    const wide = fromUrl(t.services.database.url, 20, createLogger('silent'), 'DATABASE_URL');
    try {
      const outcomes = await Promise.all(
        households.map((h) =>
          bookConsultation(
            { services: { ...t.services, db: wide.db }, actor: h.actor },
            { slotId, topic: '0歳児の入園' },
          )
            .then(() => 'ok')
            .catch((e: unknown) => (e instanceof AppError ? e.code : String(e))),
        ),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'slot-full')).toHaveLength(49);
    } finally {
      await wide.close();
    }

    const winner = (
      await t.services.db.execute<{ household_id: string; id: string }>(
        sql`select household_id, id from hokatsu_consultation_bookings where slot_id = ${slotId}`,
      )
    ).rows[0]!;
    const parent = households.find((h) => h.parent.householdId === winner.household_id)!;
    const cookies = await parentCookie(t.app, t.services, parent.parent);
    const bookings = await t.app.inject({ url: `/api/v1/staff/consultation-slots/${slotId}/bookings`, cookies: staff });
    expect(bookings.json().items).toMatchObject([{ topic: '0歳児の入園' }]);
    const elsewhere = await makeStaff(t.services, { municipalityCode: '131199', roles: ['nursery-screener'] });
    const other = await staffCookie(t.app, t.services, elsewhere);
    expect(
      (await t.app.inject({ url: `/api/v1/staff/consultation-slots/${slotId}/bookings`, cookies: other })).statusCode,
    ).toBe(403);

    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultation-bookings/${winner.id}/cancel`,
      cookies,
    });
    expect(cancel.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consultation-bookings',
      cookies,
      payload: { slotId, topic: '転園について', questions: '兄弟で同じ園に入れますか？' },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().meetingUrl).toBe('https://meet.example.jp/hokatsu-1');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consultation-bookings',
      cookies,
      payload: { slotId, topic: '  ' },
    });
    expect(empty.json().errors[0].field).toBe('body.topic');
    const over = await t.services.db
      .execute(sql`update hokatsu_consultation_slots set seats_taken = 2 where id = ${slotId}`)
      .catch((e: { cause?: { code?: string } }) => e);
    expect((over as { cause?: { code?: string } }).cause?.code).toBe('23514');
  });

  it('works as a page without JavaScript: book with a topic, then see the meeting link', async () => {
    const counsellor = await makeStaff(t.services, { municipalityCode: MUNI, roles: ['municipality-admin'] });
    const staff = await staffCookie(t.app, t.services, counsellor);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/consultation-slots',
      cookies: staff,
      payload: { startsAt: '2026-12-11T14:00:00+09:00', durationMinutes: 45, meetingUrl: 'https://meet.example.jp/p2' },
    });
    const anonymous = await t.app.inject({
      url: `/hokatsu/consultations?municipality=${MUNI}`,
      cookies: { lang: 'en' },
    });
    expect(anonymous.body).toContain('Sign in to book');
    expect(anonymous.body).not.toContain('meet.example.jp');
    const { parent } = await makeHouseholdWithChild(t.services, { municipalityCode: MUNI });
    const session = await parentCookie(t.app, t.services, parent);
    const page = await t.app.inject({
      url: `/hokatsu/consultations?municipality=${MUNI}`,
      cookies: { ...session, lang: 'en' },
    });
    const csrf = page.cookies.find((c) => c.name === '_csrf')!.value;
    const token = /name="_csrf" value="([^"]*)"/.exec(page.body)![1]!;
    const slotId = /name="slotId" value="([^"]*)"/.exec(page.body)![1]!;
    const post = (topic: string) =>
      t.app.inject({
        method: 'POST',
        url: '/hokatsu/consultations',
        cookies: { ...session, _csrf: csrf, lang: 'en' },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, slotId, municipality: MUNI, topic }).toString(),
      });
    const empty = await post('');
    expect(empty.statusCode, empty.body.slice(0, 300)).toBe(400);
    const ok = await post('Which nurseries have 0-year places?');
    expect(ok.statusCode).toBe(303);
    const after = await t.app.inject({ url: ok.headers.location!, cookies: { ...session, lang: 'en' } });
    expect(after.body).toContain('Your consultation is booked.');
    expect(after.body).toContain('https://meet.example.jp/p2');
  });
});
