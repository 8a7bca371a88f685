import { createHash } from 'node:crypto';
import { AppError } from '../../../platform/http/app-error.ts';
import { type SignatureService, signForReadHousehold } from '../../identity/index.ts';
import type { BankAccount } from '../bank-account.schemas.ts';
import { type BenefitEvaluation, CLAIMABLE_BENEFITS, type ClaimableBenefit } from '../rules/evaluation.ts';
import { trustForApplications } from '../signing/card-trust.ts';
import { verifyApplicationSignature } from '../signing/verify-application-signature.ts';
import { openToApply, type ParentContext, requireParent, withHouseholdBenefits } from './household-benefits.ts';
import { type SubmitApplicationResult, submitValidatedApplication } from './submit-application.ts';

const nothingToApply = () =>
  new AppError('nothing-to-apply', 409, {
    en: 'There is nothing left to apply for: every benefit your children are due has been applied for.',
    ja: '申請できる給付はありません（対象の給付はすべて申請済みです）。',
  });

/**
 * The document the parent signs: what is applied for, for whom, and where it is paid. Canonical JSON (fixed key
 * order) so the same application always has the same digest, and a reviewer can recompute it.
 */
export function applicationDocument(input: {
  parentId: string;
  householdId: string;
  fiscalYear: number;
  idempotencyKey: string;
  children: { childId: string; name: string; birthDate: string; benefits: ClaimableBenefit[] }[];
  bankAccount: BankAccount;
}): string {
  return JSON.stringify({
    type: 'tsunagu.benefit-application.v1',
    parentId: input.parentId,
    householdId: input.householdId,
    fiscalYear: input.fiscalYear,
    idempotencyKey: input.idempotencyKey,
    children: input.children.map((c) => ({
      childId: c.childId,
      name: c.name,
      birthDate: c.birthDate,
      benefits: [...c.benefits].sort(),
    })),
    bankAccount: {
      source: input.bankAccount.source,
      bankCode: input.bankAccount.bankCode,
      branchCode: input.bankAccount.branchCode,
      accountType: input.bankAccount.accountType,
      accountNumber: input.bankAccount.accountNumber,
      holderKana: input.bankAccount.holderKana,
    },
  });
}

/**
 * The once-only application from the parent's page: every benefit each child of the household is still due, built
 * from the household identity keeps (nothing re-typed), signed with the parent's card and verified (chain, dates,
 * key usage, CRL, signature) before one `submitApplication` opens one claim per benefit per child. A second tap
 * carries the same idempotency key and is answered from the first; a later application finds the open claims.
 */
export async function applyForHousehold(
  ctx: ParentContext,
  signatures: SignatureService,
  input: { idempotencyKey: string; bankAccount: BankAccount; selection?: string[] },
): Promise<SubmitApplicationResult> {
  const { parentId, householdId } = requireParent(ctx.actor);
  // One transaction in the household's scope: the household and claims read, then (signed and verified) the
  // submission.
  return withHouseholdBenefits(
    ctx,
    async (preview, tx) => {
      // What the parent was shown and confirmed (`childId:benefit`); without it, everything still due. The page sends
      // its list back, so a second tap after the claims opened asks for the same thing and is answered as a replay.
      const wanted = input.selection
        ? new Set(input.selection)
        : new Set(openToApply(preview.children).flatMap((c) => c.due.map((b) => `${c.child.id}:${b.code}`)));
      const children = preview.children
        .map((c) => ({
          childId: c.child.id,
          name: c.child.name,
          birthDate: c.child.birthDate,
          facts: c.facts,
          // The preview's evaluations without the open-claim note it adds: the submission stores them as evaluated.
          evaluations: c.benefits.map(({ claim: _claim, ...evaluation }): BenefitEvaluation => evaluation),
          benefits: c.benefits
            .filter((b) => b.code !== 'jidou-teate' && b.eligible && wanted.has(`${c.child.id}:${b.code}`))
            .map((b) => b.code as ClaimableBenefit),
        }))
        .filter((c) => c.benefits.length > 0);
      if (children.length === 0) throw nothingToApply();

      const document = applicationDocument({
        parentId,
        householdId,
        fiscalYear: preview.fiscalYear,
        idempotencyKey: input.idempotencyKey,
        children,
        bankAccount: input.bankAccount,
      });
      const digest = createHash('sha256').update(document).digest();
      // Signed with the parent's card key; the household just read says who signs, and the signature's audit record is
      // written by the transaction that stores the signed document.
      const signed = await signForReadHousehold(signatures, {
        actor: ctx.actor,
        household: preview.household,
        digest,
        now: ctx.services.now(),
        requestId: ctx.requestId,
      });
      const verified = await verifyApplicationSignature(
        { digest, signature: Buffer.from(signed.signature, 'base64'), chain: signed.certificateChain },
        await trustForApplications(signatures, ctx.services.now()),
        ctx.services.now(),
      );
      if (!verified.valid) {
        throw new AppError(verified.code, 422, {
          en: `The card signature could not be verified (${verified.code}). Nothing was submitted.`,
          ja: `カードの署名を確認できませんでした（${verified.code}）。申請は送信されていません。`,
        });
      }

      return submitValidatedApplication(ctx.services, {
        parentId,
        householdId,
        requestId: ctx.requestId,
        application: {
          municipalityCode: preview.household.municipalityCode,
          idempotencyKey: input.idempotencyKey,
          fiscalYear: preview.fiscalYear,
          children: children.map((c) => ({ childId: c.childId, facts: c.facts, benefits: c.benefits })),
          bankAccount: input.bankAccount,
        },
        signature: {
          document,
          digest: digest.toString('base64'),
          signature: signed.signature,
          certificateChain: signed.certificateChain,
          audit: signed.audit,
        },
        // The preview evaluated these children on the same facts and fiscal year a moment ago; not twice.
        evaluated: new Map(children.map((c) => [c.childId, c.evaluations])),
        tx,
      });
    },
    {
      // Only what can be applied for: 児童手当 is shown on the page, never claimed here.
      only: CLAIMABLE_BENEFITS,
      // The open claims matter only when the caller did not say what to apply for (then: everything still due).
      readClaims: !input.selection,
    },
  );
}
