import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import type { AppServices } from '../../../platform/services.ts';
import { bookVisit } from './book-visit.ts';
import { cancelVisitBooking } from './cancel-visit-booking.ts';
import { listFamilyVisitBookings, locateVisitBooking, locateVisitSlot } from './family-visit-bookings.ts';
import { rescheduleVisitBooking } from './reschedule-visit-booking.ts';

// A signed-in parent's visit bookings. The household id from identity is the family reference, so the per-family
// limits count the whole household (both guardians), and a parent can only touch their own household's bookings.
// The tenant scope is the tour's municipality: families often visit nurseries in neighbouring wards.

export interface ParentContext {
  services: AppServices;
  actor: Actor;
  requestId?: string;
}

async function household(ctx: ParentContext, resource: { type: string; id?: string }) {
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-visit.book', {
    householdId: ctx.actor.householdId ?? null,
    resource,
  });
  return ctx.actor.householdId!;
}

export async function parentBookVisit(ctx: ParentContext, input: { slotId: string; partySize?: number }) {
  const familyRef = await household(ctx, { type: 'visit-slot', id: input.slotId });
  const where = await locateVisitSlot(ctx.services.db, input.slotId);
  return bookVisit(
    ctx.services.db,
    { municipalityCode: where.municipalityCode },
    { ...input, actor: ctx.actor, familyRef, now: ctx.services.now(), events: ctx.services.events },
  );
}

export async function parentCancelVisit(ctx: ParentContext, input: { bookingId: string }) {
  const familyRef = await household(ctx, { type: 'visit-booking', id: input.bookingId });
  const where = await locateVisitBooking(ctx.services.db, input.bookingId);
  await cancelVisitBooking(
    ctx.services.db,
    { municipalityCode: where.municipalityCode },
    {
      actor: ctx.actor,
      familyRef,
      bookingId: input.bookingId,
      now: ctx.services.now(),
      events: ctx.services.events,
    },
  );
}

export async function parentRescheduleVisit(ctx: ParentContext, input: { bookingId: string; newSlotId: string }) {
  const familyRef = await household(ctx, { type: 'visit-booking', id: input.bookingId });
  const where = await locateVisitBooking(ctx.services.db, input.bookingId);
  return rescheduleVisitBooking(
    ctx.services.db,
    { municipalityCode: where.municipalityCode },
    { actor: ctx.actor, familyRef, now: ctx.services.now(), events: ctx.services.events, ...input },
  );
}

export async function parentListVisits(ctx: ParentContext, input: { nurseryId?: string } = {}) {
  const familyRef = await household(ctx, { type: 'household', id: ctx.actor.householdId });
  return listFamilyVisitBookings(ctx.services.db, {
    actor: ctx.actor,
    familyRef,
    now: ctx.services.now(),
    ...input,
  });
}
