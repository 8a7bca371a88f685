import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import { recordAudits } from '../audit-batch.ts';
import { benefitClaims } from '../benefits.tables.ts';
import { auditActor, type BenefitsActor, requireStaff, staffCovers } from '../benefits-actor.ts';
import { benefitGiftDispatches } from '../gift/gift-dispatch.tables.ts';
import { GIFT_DISPATCH_STATUSES } from '../gift/gift-dispatch-status.ts';
import { parseInput } from '../input-validation.ts';
import { inBenefitsScope } from './benefits-scope.ts';

/** `awaiting`: 支給決定 and no card prepared yet. */
export const GIFT_QUEUE_STATES = ['awaiting', ...GIFT_DISPATCH_STATUSES] as const;
export type GiftQueueState = (typeof GIFT_QUEUE_STATES)[number];

const querySchema = z.object({
  municipalityCode: z
    .string()
    .refine((v) => /^\d{6}$/.test(v), {
      message: 'A municipality code is 6 digits',
      params: { ja: '区市町村コードは6桁です' },
    })
    .optional(),
  state: z.enum(GIFT_QUEUE_STATES).default('awaiting'),
  limit: z.number().int().min(1).max(500).default(200),
});

/**
 * The 赤ちゃんファースト cards of one municipality in one dispatch state, oldest claim first: approved claims
 * (支給決定) with their card's status. Staff see their own municipality; Tokyo-wide staff choose one or see all.
 * Every claim listed is a read of a benefit record, so each gets an audit row (one INSERT).
 */
export async function listGiftDispatches(
  services: AppServices,
  input: { actor: BenefitsActor; query?: z.input<typeof querySchema>; requestId?: string | null },
) {
  const { actor } = input;
  requireStaff(actor, ['benefits-clerk', 'benefits-approver', 'benefits-treasury']);
  const query = parseInput(querySchema, input.query ?? {}, 'query');
  const municipalityCode =
    query.municipalityCode ?? (actor.municipalityCode === TOKYO_CODE ? undefined : actor.municipalityCode);
  if (municipalityCode && !staffCovers(actor, municipalityCode)) throw forbidden();

  const conditions: SQL[] = [eq(benefitClaims.benefitCode, 'akachan-first'), eq(benefitClaims.status, 'approved')];
  if (municipalityCode) conditions.push(eq(benefitClaims.municipalityCode, municipalityCode));
  conditions.push(
    query.state === 'awaiting' ? isNull(benefitGiftDispatches.id) : eq(benefitGiftDispatches.status, query.state),
  );
  return inBenefitsScope(services, actor, async (tx) => {
    const rows = await tx
      .select({
        claimId: benefitClaims.id,
        municipalityCode: benefitClaims.municipalityCode,
        childId: benefitClaims.childId,
        fiscalYear: benefitClaims.fiscalYear,
        amount: benefitClaims.amount,
        decidedAt: benefitClaims.updatedAt,
        status: benefitGiftDispatches.status,
        changedAt: benefitGiftDispatches.updatedAt,
      })
      .from(benefitClaims)
      .leftJoin(benefitGiftDispatches, eq(benefitGiftDispatches.claimId, benefitClaims.id))
      .where(and(...conditions))
      .orderBy(asc(benefitClaims.createdAt), asc(benefitClaims.id))
      .limit(query.limit);
    await recordAudits(
      tx,
      rows.map((row) => ({
        actor: auditActor(actor),
        action: 'benefit-claim.read',
        resource: { type: 'benefit-claim', id: row.claimId },
        municipalityCode: row.municipalityCode,
        purpose: 'gift card dispatch list',
        outcome: 'success' as const,
        requestId: input.requestId,
      })),
    );
    return {
      municipalityCode: municipalityCode ?? null,
      state: query.state,
      items: rows.map((r) => ({
        ...r,
        state: (r.status ?? 'awaiting') as GiftQueueState,
        decidedAt: r.decidedAt.toISOString(),
        changedAt: r.changedAt?.toISOString() ?? null,
      })),
    };
  });
}
