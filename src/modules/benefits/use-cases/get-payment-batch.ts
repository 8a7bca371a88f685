import { asc, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import { auditActor, type BenefitsActor, staffCovers } from '../benefits-actor.ts';
import { benefitPaymentBatches, benefitPayments } from '../payments/payments.tables.ts';
import { parseTransferFile } from '../payments/zengin-transfer-file.ts';
import { inBenefitsScope } from './benefits-scope.ts';

const notFound = () =>
  new AppError('not-found', 404, { en: 'No such payment batch.', ja: '該当する振込データはありません。' });

/**
 * A payment batch for the treasury page: its lines and outcomes, and a totals report recomputed by parsing the
 * stored 全銀 file back (so what the page adds up is what the bank receives). Outside the actor's municipality it
 * is not found; every look is audited as a read of benefit records.
 */
export async function getPaymentBatch(
  services: AppServices,
  input: { actor: BenefitsActor & { kind: 'staff' }; batchId: string; requestId?: string | null },
) {
  return inBenefitsScope(services, input.actor, async (tx) => {
    const [batch] = await tx.select().from(benefitPaymentBatches).where(eq(benefitPaymentBatches.id, input.batchId));
    const allowed = batch !== undefined && staffCovers(input.actor, batch.municipalityCode);
    await recordAudit(allowed ? tx : services.db, {
      actor: auditActor(input.actor),
      action: 'benefit-payment.read',
      resource: { type: 'benefit-payment-batch', id: input.batchId },
      municipalityCode: batch?.municipalityCode ?? null,
      purpose: 'treasury views a payment batch',
      outcome: allowed ? 'success' : 'denied',
      requestId: input.requestId,
    });
    if (!batch || !allowed) throw notFound();
    const lines = await tx
      .select()
      .from(benefitPayments)
      .where(eq(benefitPayments.batchId, batch.id))
      .orderBy(asc(benefitPayments.lineNo));
    const parsed = parseTransferFile(batch.file);
    const byBank = new Map<string, { count: number; amount: number }>();
    for (const record of parsed.records) {
      const b = byBank.get(record.bankCode) ?? { count: 0, amount: 0 };
      byBank.set(record.bankCode, { count: b.count + 1, amount: b.amount + record.amount });
    }
    return {
      batch: {
        id: batch.id,
        municipalityCode: batch.municipalityCode,
        fiscalYear: batch.fiscalYear,
        instalmentNo: batch.instalmentNo,
        transferDate: batch.transferDate,
        createdAt: batch.createdAt.toISOString(),
      },
      totals: {
        count: parsed.trailer.count,
        total: parsed.trailer.total,
        byBank: [...byBank].sort().map(([bankCode, v]) => ({ bankCode, ...v })),
      },
      lines: lines.map((l) => ({
        lineNo: l.lineNo,
        claimId: l.claimId,
        months: l.months,
        amount: l.amount,
        outcome: l.outcome,
        reason: l.outcomeReason,
      })),
      file: batch.file,
    };
  });
}

/** The municipality's batches, newest first (ids and totals only). */
export async function listPaymentBatches(services: AppServices, input: { actor: BenefitsActor & { kind: 'staff' } }) {
  return inBenefitsScope(services, input.actor, (tx) =>
    tx
      .select({
        id: benefitPaymentBatches.id,
        municipalityCode: benefitPaymentBatches.municipalityCode,
        fiscalYear: benefitPaymentBatches.fiscalYear,
        instalmentNo: benefitPaymentBatches.instalmentNo,
        transferDate: benefitPaymentBatches.transferDate,
        recordCount: benefitPaymentBatches.recordCount,
        totalAmount: benefitPaymentBatches.totalAmount,
      })
      .from(benefitPaymentBatches)
      .where(
        input.actor.municipalityCode === TOKYO_CODE
          ? undefined
          : eq(benefitPaymentBatches.municipalityCode, input.actor.municipalityCode),
      )
      .orderBy(desc(benefitPaymentBatches.createdAt))
      .limit(50),
  );
}
