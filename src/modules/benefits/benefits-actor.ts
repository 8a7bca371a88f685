import type { Actor } from '../../platform/access/actor.ts';
import { forbidden } from '../../platform/http/app-error.ts';
import { TOKYO_CODE } from '../municipalities/index.ts';
import type { TransitionParty } from './claim-status.ts';

/**
 * Who is acting on benefit claims. Until the identity module lands (staff accounts and roles, card sign-in), use
 * cases take this explicit input; the staff console and parent pages will build it from the session.
 */
export type StaffRole = 'benefits-clerk' | 'benefits-approver' | 'benefits-treasury';

export type BenefitsActor =
  /** householdId: identity's household of the signed-in parent, the row-level-security scope of their reads. */
  | { kind: 'parent'; parentId: string; householdId: string }
  | { kind: 'staff'; staffId: string; role: StaffRole; municipalityCode: string }
  | { kind: 'system'; name: string };

export function auditActor(actor: BenefitsActor): Actor {
  switch (actor.kind) {
    case 'parent':
      return { type: 'parent', id: actor.parentId };
    case 'staff':
      return { type: 'staff', id: actor.staffId };
    case 'system':
      return { type: 'system', id: actor.name };
  }
}

export function transitionParty(actor: BenefitsActor): TransitionParty {
  if (actor.kind === 'parent') return 'parent';
  if (actor.kind === 'system') return 'system';
  return actor.role === 'benefits-approver' ? 'approver' : actor.role === 'benefits-treasury' ? 'treasury' : 'clerk';
}

/** Tokyo's own staff see every municipality; everyone else only their own. */
export function staffCovers(actor: BenefitsActor & { kind: 'staff' }, municipalityCode: string): boolean {
  return actor.municipalityCode === TOKYO_CODE || actor.municipalityCode === municipalityCode;
}

export function requireStaff(
  actor: BenefitsActor,
  roles: readonly StaffRole[],
): asserts actor is BenefitsActor & { kind: 'staff' } {
  if (actor.kind !== 'staff' || !roles.includes(actor.role)) throw forbidden();
}
