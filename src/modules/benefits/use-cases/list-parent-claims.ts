import { asc, eq, sql } from 'drizzle-orm';
import type { AuditEntry } from '../../../platform/audit/record-audit.ts';
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

/**
 * `listParentClaims` in a transaction the caller already holds in the parent's household scope. The audit entries
 * are also added to `readAudits`, for a caller that must write them again if its transaction rolls back.
 */
export async function listParentClaimsIn(
  tx: ScopedTx,
  input: { parentId: string; requestId?: string | null },
  readAudits: AuditEntry[] = [],
) {
  // What the list shows and audits; not the stored evaluation (the large part of the row).
  const rows = await tx
    .select({
      id: benefitClaims.id,
      municipalityCode: benefitClaims.municipalityCode,
      childId: benefitClaims.childId,
      benefitCode: benefitClaims.benefitCode,
      fiscalYear: benefitClaims.fiscalYear,
      status: benefitClaims.status,
      statusReason: benefitClaims.statusReason,
      months: benefitClaims.months,
      amount: benefitClaims.amount,
    })
    .from(benefitClaims)
    .where(eq(benefitClaims.parentId, sql.placeholder('parentId')))
    .orderBy(asc(benefitClaims.createdAt), asc(benefitClaims.childId), asc(benefitClaims.benefitCode))
    // A named statement: parsed and planned once per connection (the apply page and every application read it).
    .prepare('benefits_parent_claims')
    .execute({ parentId: input.parentId });
  const audits = rows.map(
    (row): AuditEntry => ({
      actor: { type: 'parent', id: input.parentId },
      action: 'benefit-claim.read',
      resource: { type: 'benefit-claim', id: row.id },
      municipalityCode: row.municipalityCode,
      purpose: 'parent lists own claims',
      outcome: 'success',
      requestId: input.requestId,
    }),
  );
  readAudits.push(...audits);
  // One statement records every claim read; no claims, no record.
  await recordAudits(tx, audits);
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
