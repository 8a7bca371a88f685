import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../../../platform/access/actor.ts';
import type { AuditEntry } from '../../../platform/audit/record-audit.ts';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { type ChildView, type HouseholdView, withHousehold } from '../../identity/index.ts';
import { recordAudits } from '../audit-batch.ts';
import type { ChildFactsInput } from '../benefits.schemas.ts';
import { toChildFacts } from '../benefits.schemas.ts';
import { fiscalYearOf } from '../rules/civil-date.ts';
import { evaluateBenefits } from '../rules/evaluate-benefits.ts';
import type { BenefitCode, BenefitEvaluation } from '../rules/evaluation.ts';
import { listParentClaimsIn } from './list-parent-claims.ts';

export interface ParentContext {
  services: AppServices;
  actor: Actor;
  requestId?: string | null;
}

export function requireParent(actor: Actor): { parentId: string; householdId: string } {
  if (actor.type !== 'parent' || !actor.id || !actor.householdId) {
    throw new AppError('not-signed-in', 401, {
      en: 'Sign in with your card to apply.',
      ja: '申請するにはカードでログインしてください。',
    });
  }
  return { parentId: actor.id, householdId: actor.householdId };
}

/** Today in Tokyo: the fiscal year a parent applies in follows the civil date there, not UTC. */
export function todayInTokyo(now: Date): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO('Asia/Tokyo').toPlainDate();
}

/**
 * A child's facts for the rules, from the household the identity module keeps: the verified birth date and the
 * household's residence history (a child lives where its household lives), clipped to the birth date. The
 * household's move-out date is the first day elsewhere, so the last day lived there is the day before.
 */
export function childFactsFromHousehold(household: HouseholdView, child: ChildView): ChildFactsInput {
  const birth = Temporal.PlainDate.from(child.birthDate);
  const residence = household.residences
    .map((r) => ({
      municipalityCode: r.municipalityCode,
      from: Temporal.PlainDate.from(r.movedInOn),
      to: r.movedOutOn ? Temporal.PlainDate.from(r.movedOutOn).subtract({ days: 1 }) : null,
    }))
    .filter((r) => r.to === null || Temporal.PlainDate.compare(r.to, birth) >= 0)
    .map((r) => ({ ...r, from: Temporal.PlainDate.compare(r.from, birth) < 0 ? birth : r.from }))
    .sort((a, b) => Temporal.PlainDate.compare(a.from, b.from))
    .map((r) => ({ municipalityCode: r.municipalityCode, from: r.from.toString(), to: r.to?.toString() ?? null }));
  return { birthDate: child.birthDate, residence };
}

export interface ChildBenefits {
  child: ChildView;
  facts: ChildFactsInput;
  benefits: (BenefitEvaluation & { claim?: { id: string; status: string; label: { ja: string; en: string } } })[];
}

export interface HouseholdBenefits {
  household: HouseholdView;
  fiscalYear: number;
  children: ChildBenefits[];
  claims: Awaited<ReturnType<typeof listParentClaimsIn>>;
}

/**
 * What the signed-in parent's children are due this fiscal year, evaluated on the household identity holds, with
 * any claim already open for each benefit (so the page offers only what is left to apply for).
 */
export function previewHouseholdBenefits(ctx: ParentContext): Promise<HouseholdBenefits> {
  return withHouseholdBenefits(ctx, async (preview) => preview);
}

/**
 * `previewHouseholdBenefits`, then `fn` in the same transaction in the household's scope (the application opens its
 * claims there): the household and the parent's claims are read in it (identity's read, audited, then ours), so a
 * submission is one transaction. If `fn` or the commit fails, the claims were read all the same: their audit
 * records, rolled back with the transaction, are written again on their own (identity does so for the household).
 */
export async function withHouseholdBenefits<T>(
  ctx: ParentContext,
  fn: (preview: HouseholdBenefits, tx: ScopedTx) => Promise<T>,
  options: {
    /** The benefits to evaluate (default: all, 児童手当 included for display). */
    only?: readonly BenefitCode[];
    /**
     * false: the parent's claims are not read (`claims` is empty and no benefit carries one), for a caller that
     * decides nothing by them. A submission is such a caller: its unique keys find the open claims themselves.
     */
    readClaims?: boolean;
  } = {},
): Promise<T> {
  const { parentId, householdId } = requireParent(ctx.actor);
  const claimsRead: AuditEntry[] = [];
  try {
    return await withHousehold(ctx, { householdId, purpose: 'benefit eligibility' }, async (household, tx) => {
      const claims =
        options.readClaims === false
          ? []
          : await listParentClaimsIn(tx, { parentId, requestId: ctx.requestId }, claimsRead);
      return fn(evaluateHousehold(ctx, household, claims, options.only), tx);
    });
  } catch (error) {
    await recordAudits(ctx.services.db, claimsRead);
    throw error;
  }
}

function evaluateHousehold(
  ctx: ParentContext,
  household: HouseholdView,
  claims: HouseholdBenefits['claims'],
  only: readonly BenefitCode[] | undefined,
): HouseholdBenefits {
  const fiscalYear = fiscalYearOf(todayInTokyo(ctx.services.now()));
  const children: ChildBenefits[] = household.children.map((child) => {
    const facts = childFactsFromHousehold(household, child);
    const benefits = evaluateBenefits({ fiscalYear, child: toChildFacts(facts), only }).map((evaluation) => {
      const claim = claims.find(
        (c) =>
          c.status !== 'withdrawn' &&
          c.childId === child.id &&
          c.benefitCode === evaluation.code &&
          (evaluation.code === 'akachan-first' || c.fiscalYear === fiscalYear),
      );
      return claim
        ? { ...evaluation, claim: { id: claim.id, status: claim.status, label: claim.statusLabel } }
        : evaluation;
    });
    return { child, facts, benefits };
  });
  return { household, fiscalYear, children, claims };
}

/** The children with at least one claimable benefit not yet applied for. */
export function openToApply(children: ChildBenefits[]) {
  return children
    .map((c) => ({
      ...c,
      due: c.benefits.filter((b) => b.code !== 'jidou-teate' && b.eligible && !b.claim),
    }))
    .filter((c) => c.due.length > 0);
}
