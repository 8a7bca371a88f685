import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { consultationSlots } from './consultation.tables.ts';

/** Upcoming open slots of a municipality with seats left; public, so without the meeting link. */
export async function listConsultationSlots(db: DbOrTx, municipalityCode: string, now: Date) {
  const rows = await db
    .select({
      id: consultationSlots.id,
      startsAt: consultationSlots.startsAt,
      durationMinutes: consultationSlots.durationMinutes,
      capacity: consultationSlots.capacity,
      seatsTaken: consultationSlots.seatsTaken,
    })
    .from(consultationSlots)
    .where(
      and(
        eq(consultationSlots.municipalityCode, municipalityCode),
        eq(consultationSlots.status, 'open'),
        gt(consultationSlots.startsAt, now),
      ),
    )
    .orderBy(asc(consultationSlots.startsAt))
    .limit(100);
  return rows.map(({ seatsTaken, ...r }) => ({
    ...r,
    startsAt: r.startsAt.toISOString(),
    seatsLeft: r.capacity - seatsTaken,
  }));
}
