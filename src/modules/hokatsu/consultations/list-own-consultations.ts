import { and, asc, eq, gt } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { ParentContext } from '../applications/submit-application.ts';
import { consultationBookings, consultationSlots } from './consultation.tables.ts';
import { pastConsultationCutoff } from './consultation-rules.ts';

/** The household's upcoming consultations, with the meeting links and whether it can still cancel (audited read). */
export async function listOwnConsultations(ctx: ParentContext) {
  const householdId = ctx.actor.householdId ?? null;
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-consultation.book',
    { householdId },
  );
  const now = ctx.services.now();
  return withTenantScope(ctx.services.db, scope, async (tx) => {
    const rows = await tx
      .select({
        bookingId: consultationBookings.id,
        startsAt: consultationSlots.startsAt,
        durationMinutes: consultationSlots.durationMinutes,
        meetingUrl: consultationSlots.meetingUrl,
        topic: consultationBookings.topic,
      })
      .from(consultationBookings)
      .innerJoin(consultationSlots, eq(consultationSlots.id, consultationBookings.slotId))
      .where(
        and(
          eq(consultationBookings.householdId, householdId!),
          eq(consultationBookings.status, 'booked'),
          gt(consultationSlots.startsAt, now),
        ),
      )
      .orderBy(asc(consultationSlots.startsAt));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'consultation-booking.list-own',
      resource: { type: 'household', id: householdId },
      municipalityCode: ctx.actor.municipalityCode ?? null,
      purpose: 'parent sees their consultations',
      outcome: 'success',
    });
    return rows.map((r) => ({ ...r, cancellable: !pastConsultationCutoff(r.startsAt, now) }));
  });
}
