import { asc, eq } from 'drizzle-orm';
import { type ScopedTx, withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import { recordAudits } from '../audit-batch.ts';
import { benefitClaims } from '../benefits.tables.ts';
import { CLAIM_STATUS_LABELS, NEXT_STEP } from '../claim-status.ts';

/**
 * The parent's own claims with their current status and next step: the list the parent page shows. Each claim
 * listed is an audited read.
 */
export function listParentClaims(
  services: AppServices,
  input: { parentId: string; householdId: string; requestId?: string | null },
) {
  // The household's row-level-security scope underneath the parent_id filter.
  return withTenantScope(services.db, { kind: 'household', householdId: input.householdId }, (tx) =>
    listParentClaimsIn(tx, input),
  );
}

/** `listParentClaims` in a transaction the caller already holds in the parent's household scope. */
export async function listParentClaimsIn(tx: ScopedTx, input: { parentId: string; requestId?: string | null }) {
  const rows = await tx
    .select()
    .from(benefitClaims)
    .where(eq(benefitClaims.parentId, input.parentId))
    .orderBy(asc(benefitClaims.createdAt), asc(benefitClaims.childId), asc(benefitClaims.benefitCode));
  // One statement records every claim read; no claims, no record.
  await recordAudits(
    tx,
    rows.map((row) => ({
      actor: { type: 'parent', id: input.parentId },
      action: 'benefit-claim.read',
      resource: { type: 'benefit-claim', id: row.id },
      municipalityCode: row.municipalityCode,
      purpose: 'parent lists own claims',
      outcome: 'success',
      requestId: input.requestId,
    })),
  );
  return rows.map((r) => ({
    id: r.id,
    childId: r.childId,
    benefitCode: r.benefitCode,
    fiscalYear: r.fiscalYear,
    status: r.status,
    statusLabel: CLAIM_STATUS_LABELS[r.status],
    reason: r.statusReason,
    months: r.months,
    amount: r.amount,
    nextStep: NEXT_STEP[r.status],
  }));
}
