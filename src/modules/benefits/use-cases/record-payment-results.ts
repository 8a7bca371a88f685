import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { benefitClaims } from '../benefits.tables.ts';
import { type BenefitsActor, requireStaff, staffCovers } from '../benefits-actor.ts';
import { transitionClaim } from '../claim-transition.ts';
import { parseInput } from '../input-validation.ts';
import { benefitPaymentBatches, benefitPayments } from '../payments/payments.tables.ts';
import { inBenefitsScope } from './benefits-scope.ts';

const resultsSchema = z.object({
  batchId: z.string().uuid(),
  results: z
    .array(
      z.object({
        lineNo: z.number().int().positive(),
        outcome: z.enum(['paid', 'failed']),
        reason: z.string().max(200).optional(),
      }),
    )
    .min(1),
});

/**
 * Applies the bank's result to a batch: a paid line moves its claim to 振込済; a failed one (closed account, name
 * mismatch) moves it back to 支給決定 with the reason, and its months become due again in the next batch. Lines
 * already settled are left as they are, so the same result can be applied twice.
 */
export async function recordPaymentResults(
  services: AppServices,
  input: { actor: BenefitsActor; results: z.input<typeof resultsSchema>; requestId?: string | null },
) {
  requireStaff(input.actor, ['benefits-treasury']);
  const actor = input.actor;
  const { batchId, results } = parseInput(resultsSchema, input.results);
  return inBenefitsScope(services, actor, async (tx) => {
    const [batch] = await tx.select().from(benefitPaymentBatches).where(eq(benefitPaymentBatches.id, batchId));
    if (!batch) throw new AppError('not-found', 404, { en: 'No such batch.', ja: '該当する振込データはありません。' });
    if (!staffCovers(actor, batch.municipalityCode)) throw forbidden();
    const lines = await tx
      .select()
      .from(benefitPayments)
      .where(
        and(
          eq(benefitPayments.batchId, batchId),
          inArray(
            benefitPayments.lineNo,
            results.map((r) => r.lineNo),
          ),
        ),
      )
      .for('update');
    const tally = { paid: 0, failed: 0, unchanged: 0, unknown: 0 };
    for (const result of results) {
      const line = lines.find((l) => l.lineNo === result.lineNo);
      if (!line) {
        tally.unknown++;
        continue;
      }
      if (line.outcome !== 'pending') {
        tally.unchanged++;
        continue;
      }
      const [claim] = await tx.select().from(benefitClaims).where(eq(benefitClaims.id, line.claimId)).for('update');
      await tx
        .update(benefitPayments)
        .set({ outcome: result.outcome, outcomeReason: result.reason ?? null, settledAt: services.now() })
        .where(eq(benefitPayments.id, line.id));
      if (claim?.status === 'payment-scheduled') {
        await transitionClaim(services, tx, claim, result.outcome === 'paid' ? 'paid' : 'approved', {
          actor,
          reason: result.outcome === 'failed' ? (result.reason ?? 'transfer returned by the bank') : null,
          requestId: input.requestId,
          purpose: `bank result for payment batch ${batchId}`,
        });
      }
      tally[result.outcome]++;
    }
    return tally;
  });
}
