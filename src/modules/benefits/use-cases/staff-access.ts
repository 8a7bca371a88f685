import type { Actor } from '../../../platform/access/actor.ts';
import { authorize, isTokyoWide } from '../../../platform/access/authorize.ts';
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
