import { type ScopedTx, type TenantScope, withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import type { BenefitsActor } from '../benefits-actor.ts';

/**
 * The row-level-security scope a benefits actor works in (migrations benefits-rls and
 * benefits-rls-corrections-and-gifts): staff of one municipality see only its rows, Tokyo's own staff and the
 * system every municipality's, a parent only their household's. The use cases keep their own filters as well, so
 * a mistake in either layer alone does not leak a claim.
 */
export function benefitsScope(actor: BenefitsActor): TenantScope {
  switch (actor.kind) {
    case 'staff':
      return actor.municipalityCode === TOKYO_CODE
        ? { kind: 'all' }
        : { kind: 'municipality', municipalityCode: actor.municipalityCode };
    case 'parent':
      return { kind: 'household', householdId: actor.householdId };
    case 'system':
      return { kind: 'all' };
  }
}

/** One transaction as the RLS-bound role in the actor's scope. */
export function inBenefitsScope<T>(
  services: AppServices,
  actor: BenefitsActor,
  fn: (tx: ScopedTx) => Promise<T>,
): Promise<T> {
  return withTenantScope(services.db, benefitsScope(actor), (tx) => fn(tx));
}
