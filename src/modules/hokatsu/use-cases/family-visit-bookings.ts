import { and, asc, eq, gt } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Db, DbOrTx } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import { nurseries, visitBookings, visitSlots } from '../hokatsu.tables.ts';

/**
 * Where a tour lives (municipality and nursery), looked up before anyone is authorized so that the permission check
 * and the tenant scope can name it. Returns no personal data.
 */
export async function locateVisitSlot(db: DbOrTx, slotId: string) {
  const [row] = await db
    .select({ municipalityCode: visitSlots.municipalityCode, nurseryId: visitSlots.nurseryId })
    .from(visitSlots)
    .where(eq(visitSlots.id, slotId));
  if (!row) throw notFound({ en: 'No such visit slot', ja: '該当する見学枠はありません' });
  return row;
}

/** The same for a booking; the household reference lets the caller tell "not yours" from "not there". */
export async function locateVisitBooking(db: DbOrTx, bookingId: string) {
  const [row] = await db
    .select({
      municipalityCode: visitBookings.municipalityCode,
      nurseryId: visitBookings.nurseryId,
      familyRef: visitBookings.familyRef,
    })
    .from(visitBookings)
    .where(eq(visitBookings.id, bookingId));
  if (!row) throw notFound({ en: 'No such booking', ja: '該当する予約はありません' });
  return row;
}

export interface FamilyVisitBooking {
  bookingId: string;
  slotId: string;
  nurseryId: string;
  nurseryName: string;
  startsAt: string;
  endsAt: string;
  partySize: number;
  status: string;
}

/** A household's upcoming tours (optionally at one nursery), across municipalities; the read is audited. */
export async function listFamilyVisitBookings(
  db: Db,
  input: { actor: Actor; familyRef: string; nurseryId?: string; now: Date },
): Promise<FamilyVisitBooking[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        bookingId: visitBookings.id,
        slotId: visitBookings.slotId,
        nurseryId: visitBookings.nurseryId,
        nurseryName: nurseries.name,
        startsAt: visitSlots.startsAt,
        endsAt: visitSlots.endsAt,
        partySize: visitBookings.partySize,
        status: visitBookings.status,
      })
      .from(visitBookings)
      .innerJoin(visitSlots, eq(visitSlots.id, visitBookings.slotId))
      .innerJoin(nurseries, eq(nurseries.id, visitBookings.nurseryId))
      .where(
        and(
          eq(visitBookings.familyRef, input.familyRef),
          eq(visitBookings.status, 'booked'),
          gt(visitSlots.startsAt, input.now),
          input.nurseryId ? eq(visitBookings.nurseryId, input.nurseryId) : undefined,
        ),
      )
      .orderBy(asc(visitSlots.startsAt));
    await recordAudit(tx, {
      actor: input.actor,
      action: 'visit-booking.list-own',
      resource: { type: 'household', id: input.familyRef },
      municipalityCode: input.actor.municipalityCode ?? null,
      purpose: 'parent sees their visit bookings',
      outcome: 'success',
      detail: { bookings: rows.length },
    });
    return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
  });
}
