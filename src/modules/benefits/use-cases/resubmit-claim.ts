import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { badRequest, forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import type { BankAccount } from '../bank-account.schemas.ts';
import { benefitApplications, benefitClaims } from '../benefits.tables.ts';
import { auditActor, type BenefitsActor } from '../benefits-actor.ts';
import { benefitClaimCorrections, type CorrectedAccount } from '../claim-corrections.tables.ts';
import { lockClaimInScope, transitionClaim } from '../claim-transition.ts';
import { inBenefitsScope } from './benefits-scope.ts';
import { getClaimTimeline } from './get-claim-timeline.ts';

type ApplicationRow = typeof benefitApplications.$inferSelect;

const accountOf = (a: ApplicationRow): CorrectedAccount => ({
  source: a.accountSource,
  bankCode: a.bankCode,
  branchCode: a.branchCode,
  accountType: a.accountType,
  accountNumber: a.accountNumber,
  holderKana: a.accountHolderKana,
});

const sameAccount = (a: CorrectedAccount, b: CorrectedAccount) =>
  a.bankCode === b.bankCode &&
  a.branchCode === b.branchCode &&
  a.accountType === b.accountType &&
  a.accountNumber === b.accountNumber &&
  a.holderKana === b.holderKana;

/**
 * What the parent needs to answer a fix request: the claim's timeline (scope check and audit happen there, so
 * another parent's claim is a 404) and the account it would be paid to now, for the form to start from.
 */
export async function loadResubmission(
  services: AppServices,
  input: { actor: BenefitsActor; claimId: string; requestId?: string | null },
) {
  const view = await getClaimTimeline(services, input);
  const [row] = await inBenefitsScope(services, input.actor, (tx) =>
    tx
      .select({ application: benefitApplications })
      .from(benefitClaims)
      .innerJoin(benefitApplications, eq(benefitApplications.id, benefitClaims.applicationId))
      .where(eq(benefitClaims.id, input.claimId)),
  );
  return { ...view, account: row ? accountOf(row.application) : null };
}

/**
 * The parent answers a fix request (要修正 → 再提出): the corrected bank account and/or a note to the reviewer.
 * The account belongs to the application, so correcting it changes where every claim of that application is paid
 * (the household has one account for its benefits). The old and new account are kept in
 * benefit_claim_corrections, since the signed application document still names the old one. One transaction: the
 * transition (history, audit, claim.status-changed → notify), the correction and the account change.
 */
export async function resubmitClaim(
  services: AppServices,
  input: {
    actor: BenefitsActor;
    claimId: string;
    account?: BankAccount | null;
    note?: string | null;
    requestId?: string | null;
  },
) {
  if (input.actor.kind !== 'parent') throw forbidden();
  const actor = input.actor;
  const note = input.note?.trim() || null;
  if (note && note.length > 1000) {
    throw badRequest('note-too-long', 'body.note', {
      en: 'Keep the note to 1,000 characters.',
      ja: '補足は1,000文字以内で入力してください。',
    });
  }
  return inBenefitsScope(services, actor, async (tx) => {
    const claim = await lockClaimInScope(services, tx, actor, input.claimId, input.requestId);
    const fixReason = claim.statusReason;
    // The transition table decides first: a claim not in 要修正 is refused before anything is written.
    const updated = await transitionClaim(services, tx, claim, 'resubmitted', {
      actor,
      requestId: input.requestId,
      purpose: 'parent resubmits after a fix request',
    });
    const [application] = await tx
      .select()
      .from(benefitApplications)
      .where(eq(benefitApplications.id, claim.applicationId))
      .for('update');
    if (!application) throw new Error(`claim ${claim.id} has no application`);
    const previous = accountOf(application);
    const next: CorrectedAccount | null = input.account ? { ...input.account } : null;
    const changed = next !== null && (!sameAccount(previous, next) || previous.source !== next.source);
    if (!changed && !note) {
      throw badRequest('nothing-corrected', 'body.note', {
        en: 'Correct the account or tell the municipality what you changed.',
        ja: '口座を直すか、直した内容を補足欄に書いてください。',
      });
    }
    await tx.insert(benefitClaimCorrections).values({
      claimId: claim.id,
      applicationId: application.id,
      municipalityCode: claim.municipalityCode,
      parentId: actor.parentId,
      fixReason,
      previousAccount: changed ? previous : null,
      newAccount: changed ? next : null,
      note,
      createdAt: services.now(),
    });
    if (changed && next) {
      await tx
        .update(benefitApplications)
        .set({
          accountSource: next.source,
          bankCode: next.bankCode,
          branchCode: next.branchCode,
          accountType: next.accountType,
          accountNumber: next.accountNumber,
          accountHolderKana: next.holderKana,
        })
        .where(eq(benefitApplications.id, application.id));
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: 'benefit-application.update',
        resource: { type: 'benefit-application', id: application.id },
        municipalityCode: claim.municipalityCode,
        purpose: 'bank account corrected on resubmission',
        outcome: 'success',
        requestId: input.requestId,
        detail: { claimId: claim.id },
      });
    }
    return { id: updated.id, status: updated.status, accountChanged: changed };
  });
}
