import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import { APPLICATION_TRANSITIONS, applications } from './application.tables.ts';
import { ownApplication } from './own-application.ts';
import { offerDeclinedSeat } from './reoffer-declined-seat.ts';
import type { ParentContext } from './submit-application.ts';

/**
 * The parent answers an offer: accepted or declined, once (the status machine has no way back). A declined seat is
 * offered at once, in the same transaction, to the next applicant still waiting for it in that round.
 */
export async function respondToOffer(ctx: ParentContext, input: { id: string; answer: 'accepted' | 'declined' }) {
  const where = await ownApplication(ctx, input.id);
  await ctx.services.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: applications.status,
        nurseryId: applications.offeredNurseryId,
        ageClass: applications.ageClass,
        roundId: applications.allocationRoundId,
      })
      .from(applications)
      .where(eq(applications.id, input.id))
      .for('update');
    if (!row || !APPLICATION_TRANSITIONS[row.status].includes(input.answer) || row.status !== 'offered') {
      throw conflict('invalid-transition', {
        en: 'There is no open offer on this application',
        ja: 'この申請に回答できる内定はありません',
      });
    }
    await tx
      .update(applications)
      .set({ status: input.answer, updatedAt: sql`now()` })
      .where(eq(applications.id, input.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: `nursery-application.${input.answer === 'accepted' ? 'accept' : 'decline'}`,
      resource: { type: 'nursery-application', id: input.id },
      municipalityCode: where.municipalityCode,
      purpose: 'parent answers a nursery offer',
      outcome: 'success',
    });
    if (input.answer === 'declined' && row.nurseryId && row.roundId) {
      await offerDeclinedSeat(ctx.services, tx, {
        roundId: row.roundId,
        municipalityCode: where.municipalityCode,
        nurseryId: row.nurseryId,
        ageClass: row.ageClass,
        declinedApplicationId: input.id,
        requestId: ctx.requestId ?? null,
      });
    }
  });
}
