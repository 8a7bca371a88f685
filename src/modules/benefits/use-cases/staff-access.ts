import type { Actor } from '../../../platform/access/actor.ts';
import { authorize, decide, isTokyoWide } from '../../../platform/access/authorize.ts';
import type { Permission } from '../../../platform/access/permissions.ts';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import type { BenefitsActor, StaffRole } from '../benefits-actor.ts';

/** Which of the claim machine's parties each benefits permission acts as. */
const PARTY: Record<'benefit-claim.review' | 'benefit-claim.approve' | 'benefit-payment.manage', StaffRole> = {
  'benefit-claim.review': 'benefits-clerk',
  'benefit-claim.approve': 'benefits-approver',
  'benefit-payment.manage': 'benefits-treasury',
};

/**
 * The staff console's one door: the permission registry decides (and audits a denial), then the signed-in account
 * becomes the benefits use cases' actor in the matching party, bound to its own municipality (Tokyo-wide accounts
 * to all). The use cases then keep every query inside that municipality.
 */
export async function staffBenefitsActor(
  services: AppServices,
  actor: Actor,
  permission: keyof typeof PARTY & Permission,
  target: { municipalityCode?: string; resource?: { type: string; id?: string } } = {},
  requestId?: string | null,
): Promise<BenefitsActor & { kind: 'staff' }> {
  await authorize({ db: services.db, requestId }, actor, permission, target);
  return {
    kind: 'staff',
    staffId: actor.id!,
    role: PARTY[permission],
    municipalityCode: isTokyoWide(actor) ? TOKYO_CODE : actor.municipalityCode!,
  };
}

/**
 * The console's reading door (queue, claim detail): reviewers, approvers and the treasury all read claims, each
 * through the permission they hold — reviewing first, so a reviewer who is also an approver reads as a clerk.
 * Someone holding none is refused (and audited) on the review permission.
 */
export function staffReaderActor(
  services: AppServices,
  actor: Actor,
  target: { municipalityCode?: string; resource?: { type: string; id?: string } } = {},
  requestId?: string | null,
): Promise<BenefitsActor & { kind: 'staff' }> {
  const held = (Object.keys(PARTY) as (keyof typeof PARTY)[]).find((p) => decide(actor, p, target).allowed);
  return staffBenefitsActor(services, actor, held ?? 'benefit-claim.review', target, requestId);
}
