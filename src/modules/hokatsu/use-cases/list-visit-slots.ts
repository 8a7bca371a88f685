import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { visitSlots } from '../hokatsu.tables.ts';

/** Upcoming open tours of a nursery with the seats left; public (no personal data). */
export async function listVisitSlots(db: DbOrTx, nursery: { id: string; municipalityCode: string }, now: Date) {
  const rows = await db
    .select({
      id: visitSlots.id,
      startsAt: visitSlots.startsAt,
      endsAt: visitSlots.endsAt,
      capacity: visitSlots.capacity,
      seatsTaken: visitSlots.seatsTaken,
      notes: visitSlots.notes,
    })
    .from(visitSlots)
    .where(
      and(
        eq(visitSlots.municipalityCode, nursery.municipalityCode),
        eq(visitSlots.nurseryId, nursery.id),
        eq(visitSlots.status, 'open'),
        gt(visitSlots.startsAt, now),
      ),
    )
    .orderBy(asc(visitSlots.startsAt))
    .limit(60);
  return rows.map((r) => ({
    id: r.id,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    capacity: r.capacity,
    seatsLeft: r.capacity - r.seatsTaken,
    notes: r.notes,
  }));
}
