import { and, asc, eq, gt } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import type { AppServices } from '../../../platform/services.ts';
import { nurseries, visitSlots } from '../hokatsu.tables.ts';
import type { VisitRecurrence } from '../visits/visit-slot-dates.ts';
import { locateVisitBooking, locateVisitSlot } from './family-visit-bookings.ts';
import { publishVisitSlots } from './publish-visit-slots.ts';
import { listVisitAttendees, markVisitAttendance } from './visit-attendance.ts';

// Nursery staff act for the one nursery their account is bound to (identity's nurseryId); every call names the
// nursery it touches, so authorize() refuses another nursery's tours (audited) even in the same municipality.

export interface StaffContext {
  services: AppServices;
  actor: Actor;
  requestId?: string;
}

async function own(ctx: StaffContext, nurseryId: string, resource: { type: string; id?: string }) {
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery.manage-slots', {
    nurseryId,
    municipalityCode: ctx.actor.municipalityCode ?? null,
    resource,
  });
  return { municipalityCode: ctx.actor.municipalityCode! };
}

export async function staffNurseryOverview(ctx: StaffContext) {
  const nurseryId = ctx.actor.nurseryId ?? '';
  const scope = await own(ctx, nurseryId, { type: 'nursery', id: nurseryId });
  const [nursery] = await ctx.services.db
    .select({ id: nurseries.id, name: nurseries.name })
    .from(nurseries)
    .where(and(eq(nurseries.id, nurseryId), eq(nurseries.municipalityCode, scope.municipalityCode)));
  // Tours from a day back, so that today's tours can still be marked attended or no-show.
  const since = new Date(ctx.services.now().getTime() - 86_400_000);
  const tours = nursery
    ? await ctx.services.db
        .select()
        .from(visitSlots)
        .where(
          and(
            eq(visitSlots.nurseryId, nurseryId),
            eq(visitSlots.municipalityCode, scope.municipalityCode),
            gt(visitSlots.startsAt, since),
          ),
        )
        .orderBy(asc(visitSlots.startsAt))
        .limit(40)
    : [];
  return { nursery: nursery ?? null, tours };
}

export async function staffPublishTours(
  ctx: StaffContext,
  input: { recurrence: VisitRecurrence; capacity: number; notes?: string | null },
) {
  const nurseryId = ctx.actor.nurseryId ?? '';
  const scope = await own(ctx, nurseryId, { type: 'nursery', id: nurseryId });
  return publishVisitSlots(ctx.services.db, scope, { actor: ctx.actor, nurseryId, ...input });
}

export async function staffListAttendees(ctx: StaffContext, input: { slotId: string }) {
  const where = await locateVisitSlot(ctx.services.db, input.slotId);
  const scope = await own(ctx, where.nurseryId, { type: 'visit-slot', id: input.slotId });
  return listVisitAttendees(ctx.services.db, scope, { actor: ctx.actor, slotId: input.slotId });
}

export async function staffMarkAttendance(
  ctx: StaffContext,
  input: { bookingId: string; status: 'attended' | 'no-show' },
) {
  const where = await locateVisitBooking(ctx.services.db, input.bookingId);
  const scope = await own(ctx, where.nurseryId, { type: 'visit-booking', id: input.bookingId });
  await markVisitAttendance(ctx.services.db, scope, { actor: ctx.actor, now: ctx.services.now(), ...input });
}
