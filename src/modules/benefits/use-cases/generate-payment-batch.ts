import { and, eq, inArray, lt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { AppError, badRequest, forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { civilDateSchema } from '../benefits.schemas.ts';
import { benefitApplications, benefitClaims } from '../benefits.tables.ts';
import { type BenefitsActor, requireStaff, staffCovers } from '../benefits-actor.ts';
import { transitionClaim } from '../claim-transition.ts';
import { parseInput } from '../input-validation.ts';
import { benefitPaymentBatches, benefitPayments, type PayerAccount } from '../payments/payments.tables.ts';
import { isZenginText } from '../payments/zengin-kana.ts';
import { buildTransferFile, type TransferRecord } from '../payments/zengin-transfer-file.ts';
import { parseCivilDate } from '../rules/civil-date.ts';
import { plainDate } from '../rules/evaluation.ts';
import { benefitParameters } from '../rules/parameters.ts';
import { inBenefitsScope } from './benefits-scope.ts';

const kana = (max: number) => z.string().max(max).refine(isZenginText, { message: 'Use 全銀 half-width characters' });
const digits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`));

const batchInputSchema = z.object({
  municipalityCode: z.string().regex(/^\d{6}$/),
  fiscalYear: z.number().int().min(2023).max(2100),
  instalmentNo: z.number().int().positive(),
  transferDate: civilDateSchema,
  lineBreak: z.enum(['crlf', 'none']).default('crlf'),
  payer: z.object({
    consignorCode: digits(10),
    consignorName: kana(40),
    bankCode: digits(4),
    bankName: kana(15),
    branchCode: digits(3),
    branchName: kana(15),
    accountType: z.enum(['1', '2']),
    accountNumber: digits(7),
  }),
});
export type PaymentBatchInput = z.input<typeof batchInputSchema>;

export interface PaymentTotalsReport {
  batchId: string;
  municipalityCode: string;
  fiscalYear: number;
  instalmentNo: number;
  transferDate: string;
  count: number;
  total: number;
  byBank: { bankCode: string; count: number; amount: number }[];
  monthsPaid: Record<string, number>;
}

/**
 * Chooses the approved 018サポート claims due in an instalment and writes the 全銀 総合振込 file for them. A claim is
 * due when its application came in by the instalment's deadline; it is paid every month up to the instalment's last
 * month not already in a pending or paid transfer (so a late applicant catches up, and a returned transfer is paid
 * again). Each claim moves to 振込予定; the file and its totals are kept with the batch.
 */
export async function generatePaymentBatch(
  services: AppServices,
  input: { actor: BenefitsActor; batch: PaymentBatchInput; requestId?: string | null },
): Promise<{ report: PaymentTotalsReport; file: Buffer }> {
  requireStaff(input.actor, ['benefits-treasury']);
  const actor = input.actor;
  const batch = parseInput(batchInputSchema, input.batch);
  if (!staffCovers(actor, batch.municipalityCode)) throw forbidden();
  const schedule = benefitParameters.at('support018.instalments', plainDate(batch.fiscalYear, 4, 1));
  const rule = schedule?.value.find((r) => r.no === batch.instalmentNo);
  if (!rule) {
    throw badRequest('unknown-instalment', 'body.instalmentNo', {
      en: `Fiscal year ${batch.fiscalYear} has no instalment ${batch.instalmentNo}.`,
      ja: `${batch.fiscalYear}年度に第${batch.instalmentNo}回の支給はありません。`,
    });
  }
  const monthLabelOf = (m: number) =>
    `${m >= 4 ? batch.fiscalYear : batch.fiscalYear + 1}-${String(m).padStart(2, '0')}`;
  const lastMonth = monthLabelOf(rule.months.at(-1)!);
  const deadline = plainDate(batch.fiscalYear + rule.deadline.yearOffset, rule.deadline.month, rule.deadline.day);
  // The deadline is a day in Japan: applications up to its end in Tokyo time count.
  const cutoff = new Date(
    deadline.add({ days: 1 }).toZonedDateTime({ timeZone: 'Asia/Tokyo' }).toInstant().epochMilliseconds,
  );
  const transferDate = parseCivilDate(batch.transferDate)!;

  return inBenefitsScope(services, actor, async (tx) => {
    const due = await tx
      .select({ claim: benefitClaims, account: benefitApplications })
      .from(benefitClaims)
      .innerJoin(benefitApplications, eq(benefitApplications.id, benefitClaims.applicationId))
      .where(
        and(
          eq(benefitClaims.municipalityCode, batch.municipalityCode),
          eq(benefitClaims.benefitCode, '018support'),
          eq(benefitClaims.fiscalYear, batch.fiscalYear),
          inArray(benefitClaims.status, ['approved', 'paid']),
          lt(benefitApplications.submittedAt, cutoff),
        ),
      )
      .orderBy(benefitClaims.id)
      .for('update', { of: benefitClaims });
    const claimIds = due.map((d) => d.claim.id);
    const already = claimIds.length
      ? await tx
          .select({ claimId: benefitPayments.claimId, months: benefitPayments.months })
          .from(benefitPayments)
          .where(and(inArray(benefitPayments.claimId, claimIds), inArray(benefitPayments.outcome, ['pending', 'paid'])))
      : [];
    const paidMonths = new Map<string, Set<string>>();
    for (const p of already) {
      const set = paidMonths.get(p.claimId) ?? new Set<string>();
      for (const m of p.months) set.add(m);
      paidMonths.set(p.claimId, set);
    }

    const lines: { claim: (typeof due)[number]['claim']; months: string[]; amount: number; record: TransferRecord }[] =
      [];
    for (const { claim, account } of due) {
      const months = claim.months.filter((m) => m <= lastMonth && !paidMonths.get(claim.id)?.has(m));
      if (!months.length) continue;
      const amount = months.reduce(
        (sum, m) => sum + benefitParameters.at('support018.monthlyAmount', Temporal.PlainDate.from(`${m}-01`))!.value,
        0,
      );
      const lineNo = lines.length + 1;
      lines.push({
        claim,
        months,
        amount,
        record: {
          bankCode: account.bankCode,
          bankName: '',
          branchCode: account.branchCode,
          branchName: '',
          clearingHouse: '',
          accountType: account.accountType,
          accountNumber: account.accountNumber,
          payeeName: account.accountHolderKana,
          amount,
          newCode: '0',
          customerCode1: String(lineNo).padStart(10, '0'),
          customerCode2: '',
          transferKind: '7',
          ediMark: '',
        },
      });
    }
    if (!lines.length) {
      throw new AppError('nothing-to-pay', 409, {
        en: 'No approved claim is due in this instalment.',
        ja: 'この回に支給する決定済みの申請はありません。',
      });
    }

    const payer: PayerAccount = batch.payer;
    const mmdd = `${String(transferDate.month).padStart(2, '0')}${String(transferDate.day).padStart(2, '0')}`;
    const { bytes, trailer } = buildTransferFile(
      { ...payer, transferDate: mmdd },
      lines.map((l) => l.record),
      { lineBreak: batch.lineBreak },
    );
    const [row] = await tx
      .insert(benefitPaymentBatches)
      .values({
        municipalityCode: batch.municipalityCode,
        benefitCode: '018support',
        fiscalYear: batch.fiscalYear,
        instalmentNo: batch.instalmentNo,
        transferDate: batch.transferDate,
        payer,
        recordCount: trailer.count,
        totalAmount: trailer.total,
        file: bytes,
        createdBy: actor.staffId,
      })
      .returning({ id: benefitPaymentBatches.id });
    const batchId = row!.id;
    await tx.insert(benefitPayments).values(
      lines.map((l, i) => ({
        batchId,
        municipalityCode: batch.municipalityCode,
        claimId: l.claim.id,
        lineNo: i + 1,
        months: l.months,
        amount: l.amount,
      })),
    );
    for (const l of lines) {
      await transitionClaim(services, tx, l.claim, 'payment-scheduled', {
        actor,
        requestId: input.requestId,
        reason: null,
        purpose: `payment batch ${batchId} (instalment ${batch.instalmentNo}, transfer ${batch.transferDate})`,
      });
    }

    const byBank = new Map<string, { count: number; amount: number }>();
    const monthsPaid: Record<string, number> = {};
    for (const l of lines) {
      const b = byBank.get(l.record.bankCode) ?? { count: 0, amount: 0 };
      byBank.set(l.record.bankCode, { count: b.count + 1, amount: b.amount + l.amount });
      for (const m of l.months) monthsPaid[m] = (monthsPaid[m] ?? 0) + 1;
    }
    return {
      report: {
        batchId,
        municipalityCode: batch.municipalityCode,
        fiscalYear: batch.fiscalYear,
        instalmentNo: batch.instalmentNo,
        transferDate: batch.transferDate,
        count: trailer.count,
        total: trailer.total,
        byBank: [...byBank].sort().map(([bankCode, v]) => ({ bankCode, ...v })),
        monthsPaid,
      },
      file: bytes,
    };
  });
}
