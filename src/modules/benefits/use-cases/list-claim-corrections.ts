import { asc, eq } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import { benefitClaimCorrections } from '../claim-corrections.tables.ts';
import { inBenefitsScope } from './benefits-scope.ts';
import { getClaimTimeline } from './get-claim-timeline.ts';

/**
 * What the parent changed on each resubmission of a claim, for the reviewer's claim page. The claim read goes
 * through the timeline (scope check and audit there); corrections of a claim out of scope are never reached.
 */
export async function listClaimCorrections(
  services: AppServices,
  input: { actor: BenefitsActor; claimId: string; requestId?: string | null },
) {
  await getClaimTimeline(services, input);
  const rows = await inBenefitsScope(services, input.actor, (tx) =>
    tx
      .select()
      .from(benefitClaimCorrections)
      .where(eq(benefitClaimCorrections.claimId, input.claimId))
      .orderBy(asc(benefitClaimCorrections.createdAt)),
  );
  return rows.map((r) => ({
    at: r.createdAt.toISOString(),
    fixReason: r.fixReason,
    previousAccount: r.previousAccount,
    newAccount: r.newAccount,
    note: r.note,
  }));
}
