import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUrl } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { createLogger } from '../../platform/log/logger.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { allocate } from './allocation/allocate.ts';
import { makeTestNursery } from './hokatsu.factories.ts';
import { bookVisit } from './use-cases/book-visit.ts';
import { cancelVisitBooking } from './use-cases/cancel-visit-booking.ts';
import { publishMinimumIndices } from './use-cases/publish-minimum-indices.ts';
import { publishVisitSlots } from './use-cases/publish-visit-slots.ts';
import { rescheduleVisitBooking } from './use-cases/reschedule-visit-booking.ts';
import { listVisitAttendees, markVisitAttendance } from './use-cases/visit-attendance.ts';

const scope = { municipalityCode: '132012' };
const staff = { type: 'nursery-staff' as const, id: 'staff-1' };
const parent = (n: number) => ({ type: 'parent' as const, id: `parent-${n}` });
const NOW = new Date('2026-12-01T00:00:00Z');

let t: TestContext;
let nurseryId: string;

const makeNursery = (name: string) => makeTestNursery(t.services.db, scope.municipalityCode, name);

async function slots(from: string, until: string, capacity: number) {
  return publishVisitSlots(t.services.db, scope, {
    actor: staff,
    nurseryId,
    recurrence: { from, until, weekdays: [1, 2, 3, 4, 5], startTime: '10:00', endTime: '11:00' },
    capacity,
  });
}

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

beforeAll(async () => {
  // The clock is fixed so that the tours of December 2026 stay in the future whenever this runs.
  t = await createTestApp({ now: () => NOW });
  nurseryId = await makeNursery('見学テスト保育園');
});
afterAll(async () => {
  await t.close();
});

describe('visit booking capacity', () => {
  it('200 concurrent attempts on a 10-seat tour: exactly 10 bookings', async () => {
    const [slot] = await slots('2026-12-08', '2026-12-08', 10);
    // A wide pool so that the attempts really meet in PostgreSQL at the same time.
    const wide = fromUrl(t.services.database.url, 40, createLogger('silent'), 'DATABASE_URL');
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          codeOf(bookVisit(wide.db, scope, { actor: parent(i), familyRef: `family-${i}`, slotId: slot!.id, now: NOW })),
        ),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
      expect(outcomes.filter((o) => o === 'slot-full')).toHaveLength(190);
    } finally {
      await wide.close();
    }
    const counts = await t.services.db.execute<{ taken: number; bookings: number; audits: number }>(sql`
      select (select seats_taken from hokatsu_visit_slots where id = ${slot!.id}) as taken,
             (select count(*)::int from hokatsu_visit_bookings where slot_id = ${slot!.id} and status = 'booked') as bookings,
             (select count(*)::int from audit_events where action = 'visit-booking.create') as audits`);
    expect(counts.rows[0]).toEqual({ taken: 10, bookings: 10, audits: 10 });
  });

  it('the database itself refuses more seats than capacity', async () => {
    const [slot] = await slots('2026-12-09', '2026-12-09', 3);
    const error = await t.services.db
      .execute(sql`update hokatsu_visit_slots set seats_taken = 4 where id = ${slot!.id}`)
      .catch((e: { cause?: { code?: string } }) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('23514');
  });

  it('one booking per family and tour, a per-family limit per nursery, cut-off and cancellation', async () => {
    const week = await slots('2026-12-14', '2026-12-18', 2);
    const book = (i: number, family = 'family-x', partySize = 1) =>
      codeOf(
        bookVisit(t.services.db, scope, {
          actor: parent(0),
          familyRef: family,
          slotId: week[i]!.id,
          now: NOW,
          partySize,
        }),
      );
    expect(await book(0)).toBe('ok');
    expect(await book(0)).toBe('already-booked');
    expect(await book(1)).toBe('ok');
    expect(await book(2)).toBe('family-limit');
    expect(await book(2, 'family-y', 3)).toBe('slot-full');
    expect(await book(2, 'family-y', 2)).toBe('ok');
    const late = await codeOf(
      bookVisit(t.services.db, scope, {
        actor: parent(0),
        familyRef: 'family-z',
        slotId: week[3]!.id,
        now: new Date(week[3]!.startsAt.getTime() - 3_600_000),
      }),
    );
    expect(late).toBe('past-cutoff');

    const [booking] = (
      await t.services.db.execute<{ id: string }>(
        sql`select id from hokatsu_visit_bookings where family_ref = 'family-x' and slot_id = ${week[0]!.id}`,
      )
    ).rows;
    const cancel = (now = NOW, family = 'family-x') =>
      codeOf(
        cancelVisitBooking(t.services.db, scope, { actor: parent(0), familyRef: family, bookingId: booking!.id, now }),
      );
    expect(await cancel(NOW, 'someone-else')).toBe('not-found');
    expect(await cancel()).toBe('ok');
    expect(await cancel()).toBe('invalid-transition');
    // The freed seat and the family's quota are usable again.
    expect(await book(2)).toBe('slot-full');
    expect(await book(4)).toBe('ok');
  });
});

describe('public tour listing', () => {
  it('lists upcoming tours with seats left on the API and the nursery page', async () => {
    const res = await t.app.inject({ url: `/api/v1/nurseries/${nurseryId}/visit-slots` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { seatsLeft: number; capacity: number }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((i) => i.seatsLeft === 0 && i.capacity === 10)).toBe(true);
    const page = await t.app.inject({ url: `/hokatsu/nurseries/${nurseryId}`, cookies: { lang: 'en' } });
    expect(page.body).toContain('Visit tours');
    expect(page.body).toContain('Full');
  });
});

describe('publishing a round’s minimum indices', () => {
  it('stores the allocation’s minimum index per nursery and age class as the last round', async () => {
    const other = await makeNursery('公表テスト保育園');
    const result = allocate({
      nurseries: { [nurseryId]: { '0': 1, '1': 0 }, [other]: { '0': 1 } },
      applicants: [
        { id: 'a', ageClass: 0, priority: [40], choices: [nurseryId, other], family: null, together: false },
        { id: 'b', ageClass: 0, priority: [50], choices: [nurseryId], family: null, together: false },
      ],
    });
    const published = await publishMinimumIndices(t.services.db, scope, {
      actor: staff,
      result,
      roundMonth: '2027-04-01',
      roundNo: 1,
    });
    expect(published.rows).toBe(2);
    const detail = await t.app.inject({ url: `/api/v1/nurseries/${nurseryId}` });
    expect(detail.json().minimumIndices).toEqual([
      { ageClass: 0, minimumIndex: 50, label: null, roundMonth: '2027-04-01', roundNo: 1 },
    ]);
    const foreign = await codeOf(
      publishMinimumIndices(t.services.db, scope, {
        actor: staff,
        result: { minimumIndex: { '00000000-0000-4000-8000-000000000000': { '0': 1 } } },
        roundMonth: '2027-04-01',
        roundNo: 1,
      }),
    );
    expect(foreign).toBe('unknown-nursery');
  });
});

describe('rescheduling and attendance', () => {
  it('moves a booking atomically, and leaves it alone when the new tour is full', async () => {
    const week = await slots('2026-12-21', '2026-12-25', 1);
    const { bookingId } = await bookVisit(t.services.db, scope, {
      actor: parent(1),
      familyRef: 'mover',
      slotId: week[0]!.id,
      now: NOW,
    });
    await bookVisit(t.services.db, scope, { actor: parent(2), familyRef: 'other', slotId: week[2]!.id, now: NOW });
    const move = (newSlotId: string, id = bookingId) =>
      codeOf(
        rescheduleVisitBooking(t.services.db, scope, {
          actor: parent(1),
          familyRef: 'mover',
          bookingId: id,
          newSlotId,
          now: NOW,
        }),
      );
    expect(await move(week[2]!.id)).toBe('slot-full');
    const seats = async (i: number) =>
      (
        await t.services.db.execute<{ n: number }>(
          sql`select seats_taken as n from hokatsu_visit_slots where id = ${week[i]!.id}`,
        )
      ).rows[0]!.n;
    expect([await seats(0), await seats(1), await seats(2)]).toEqual([1, 0, 1]);
    expect(await move(week[1]!.id)).toBe('ok');
    expect([await seats(0), await seats(1)]).toEqual([0, 1]);
  });

  it('staff list attendees and mark no-shows only once the tour has started', async () => {
    const [slot] = await slots('2026-12-28', '2026-12-28', 5);
    const { bookingId } = await bookVisit(t.services.db, scope, {
      actor: parent(3),
      familyRef: 'visitor',
      slotId: slot!.id,
      now: NOW,
    });
    const attendees = await listVisitAttendees(t.services.db, scope, { actor: staff, slotId: slot!.id });
    expect(attendees).toEqual([{ bookingId, familyRef: 'visitor', partySize: 1, status: 'booked' }]);
    const mark = (now: Date, status: 'attended' | 'no-show' = 'no-show') =>
      codeOf(markVisitAttendance(t.services.db, scope, { actor: staff, bookingId, status, now }));
    expect(await mark(NOW)).toBe('tour-not-started');
    const after = new Date(slot!.startsAt.getTime() + 3_600_000);
    expect(await mark(after)).toBe('ok');
    expect(await mark(after, 'attended')).toBe('invalid-transition');
  });
});
