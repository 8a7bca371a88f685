import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Tx } from '../../../platform/db/database.ts';
import type { AppServices } from '../../../platform/services.ts';
import type { AllocationResult } from '../allocation/allocate.ts';
import './allocation.events.ts';
import { allocationRounds, applications } from './application.tables.ts';

export interface DeclinedSeat {
  roundId: string;
  municipalityCode: string;
  nurseryId: string;
  ageClass: number;
  declinedApplicationId: string;
  requestId: string | null;
}

/**
 * 繰り上げ内定: the seat of a declined offer goes to the first applicant on that nursery's waitlist for the age class
 * (the round's published order: index, then tie-breaks) who is still waiting in that round. Applicants holding an
 * offer elsewhere are passed over — they have a place, and moving is a transfer (転園) application — so one decline
 * moves exactly one waiting child up and nothing cascades. Runs in the decline's transaction; the conditional UPDATE
 * (status still 'waitlisted') takes the row lock, so two declines at once never give one child two seats, and
 * a seat nobody waits for stays a vacancy for the next round.
 */
export async function offerDeclinedSeat(services: AppServices, tx: Tx, seat: DeclinedSeat): Promise<string | null> {
  const [round] = await tx
    .select({ result: allocationRounds.result })
    .from(allocationRounds)
    .where(and(eq(allocationRounds.id, seat.roundId), eq(allocationRounds.status, 'published')));
  const waitlist = (round?.result as Pick<AllocationResult, 'waitlist'> | undefined)?.waitlist;
  const queue = waitlist?.[seat.nurseryId]?.[String(seat.ageClass)] ?? [];
  for (const candidate of queue) {
    if (candidate === seat.declinedApplicationId) continue;
    const [moved] = await tx
      .update(applications)
      .set({ status: 'offered', offeredNurseryId: seat.nurseryId, waitlistRank: null, updatedAt: sql`now()` })
      .where(
        and(
          eq(applications.id, candidate),
          eq(applications.status, 'waitlisted'),
          eq(applications.allocationRoundId, seat.roundId),
        ),
      )
      .returning({ id: applications.id, householdId: applications.householdId });
    if (!moved) continue;
    await recordAudit(tx, {
      actor: { type: 'system', id: 'hokatsu.reoffer-declined-seat' },
      action: 'nursery-application.offer-moved-up',
      resource: { type: 'nursery-application', id: moved.id },
      municipalityCode: seat.municipalityCode,
      purpose: 'a declined offer frees the seat for the next waiting applicant',
      outcome: 'success',
      requestId: seat.requestId,
      detail: { declined: seat.declinedApplicationId, nurseryId: seat.nurseryId, roundId: seat.roundId },
    });
    await services.events.publish(
      tx,
      'allocation.offer-moved-up',
      {
        roundId: seat.roundId,
        municipalityCode: seat.municipalityCode,
        applicationId: moved.id,
        householdId: moved.householdId,
        nurseryId: seat.nurseryId,
        declinedApplicationId: seat.declinedApplicationId,
      },
      { municipalityCode: seat.municipalityCode, requestId: seat.requestId },
    );
    return moved.id;
  }
  return null;
}
