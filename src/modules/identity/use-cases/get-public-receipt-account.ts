import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { demoCardIssuer } from '../demo-card/demo-card-provider.ts';
import { DEMO_PUBLIC_RECEIPT_ACCOUNTS, type RegisteredAccount } from '../demo-card/demo-public-receipt-accounts.ts';
import { notAParent } from '../household-errors.ts';
import { parents } from '../tables/household.tables.ts';
import type { UseCaseContext } from './use-case-context.ts';

/**
 * The signed-in parent's 公金受取口座, looked up the way an application names the account registered with the
 * Digital Agency: by the person the card identified. Only the demo card authority answers (demo mode); a real
 * deployment has no such lookup yet, so the answer is `null` and the parent types an account. Audited as a read.
 */
export async function getPublicReceiptAccount(ctx: UseCaseContext): Promise<RegisteredAccount | null> {
  const { services, actor } = ctx;
  if (actor.type !== 'parent' || !actor.id || !actor.householdId) throw notAParent();
  if (services.config.mode !== 'demo') return null;
  const parentId = actor.id;
  return withTenantScope(services.db, { kind: 'household', householdId: actor.householdId }, async (tx) => {
    const [row] = await tx
      .select({ issuer: parents.issuer, subject: parents.subject, municipalityCode: parents.municipalityCode })
      .from(parents)
      .where(eq(parents.id, parentId));
    if (!row) throw notAParent();
    // Only for a person the demo card authority identified: its registry knows nobody else.
    const fromDemoCard = row.issuer === demoCardIssuer(services.config);
    const account = (fromDemoCard && DEMO_PUBLIC_RECEIPT_ACCOUNTS[row.subject]) || null;
    await recordAudit(tx, {
      actor,
      action: 'public-receipt-account.read',
      resource: { type: 'parent', id: parentId },
      municipalityCode: row.municipalityCode,
      purpose: 'benefit application names the registered account',
      outcome: 'success',
      requestId: ctx.requestId,
      detail: { registered: account !== null },
    });
    return account;
  });
}
