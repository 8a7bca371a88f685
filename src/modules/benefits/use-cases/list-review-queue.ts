import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import { benefitClaims } from '../benefits.tables.ts';
import { auditActor, type BenefitsActor, requireStaff, staffCovers } from '../benefits-actor.ts';
import { CLAIM_STATUSES } from '../claim-status.ts';
import { parseInput } from '../input-validation.ts';
import { CLAIMABLE_BENEFITS } from '../rules/evaluation.ts';
import { inBenefitsScope } from './benefits-scope.ts';

const queueQuerySchema = z.object({
  municipalityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  statuses: z.array(z.enum(CLAIM_STATUSES)).min(1).default(['received', 'resubmitted', 'under-review']),
  benefitCode: z.enum(CLAIMABLE_BENEFITS).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Keyset paging: the last `createdAt|id` of the previous page. */
  after: z.object({ createdAt: z.string(), id: z.string().uuid() }).optional(),
});

/**
 * Staff review queue, oldest first, scoped to the actor's municipality (Tokyo staff choose any, or all). Each claim
 * listed is a read of a benefit record, so each gets an audit row.
 */
export async function listReviewQueue(
  services: AppServices,
  input: { actor: BenefitsActor; query?: z.input<typeof queueQuerySchema>; requestId?: string | null },
) {
  const { actor } = input;
  requireStaff(actor, ['benefits-clerk', 'benefits-approver', 'benefits-treasury']);
  const query = parseInput(queueQuerySchema, input.query ?? {}, 'query');
  const municipalityCode =
    query.municipalityCode ?? (actor.municipalityCode === TOKYO_CODE ? undefined : actor.municipalityCode);
  if (municipalityCode && !staffCovers(actor, municipalityCode)) throw forbidden();

  const conditions: SQL[] = [inArray(benefitClaims.status, query.statuses)];
  if (municipalityCode) conditions.push(eq(benefitClaims.municipalityCode, municipalityCode));
  if (query.benefitCode) conditions.push(eq(benefitClaims.benefitCode, query.benefitCode));
  if (query.after) {
    // Claims opened by one submission share a timestamp, so the id breaks ties.
    conditions.push(
      sql`(${benefitClaims.createdAt}, ${benefitClaims.id}) > (${new Date(query.after.createdAt)}, ${query.after.id})`,
    );
  }

  return inBenefitsScope(services, actor, async (tx) => {
    const rows = await tx
      .select({
        id: benefitClaims.id,
        municipalityCode: benefitClaims.municipalityCode,
        childId: benefitClaims.childId,
        benefitCode: benefitClaims.benefitCode,
        fiscalYear: benefitClaims.fiscalYear,
        status: benefitClaims.status,
        amount: benefitClaims.amount,
        months: benefitClaims.months,
        createdAt: benefitClaims.createdAt,
      })
      .from(benefitClaims)
      .where(and(...conditions))
      .orderBy(asc(benefitClaims.createdAt), asc(benefitClaims.id))
      .limit(query.limit);
    for (const row of rows) {
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: 'benefit-claim.read',
        resource: { type: 'benefit-claim', id: row.id },
        municipalityCode: row.municipalityCode,
        purpose: 'review queue',
        outcome: 'success',
        requestId: input.requestId,
      });
    }
    const last = rows.at(-1);
    return {
      items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      next: rows.length === query.limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
    };
  });
}
