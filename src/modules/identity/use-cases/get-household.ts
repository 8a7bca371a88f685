import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { householdNotFound } from '../household-errors.ts';
import { toHouseholdView } from '../household-views.ts';
import type { HouseholdView } from '../identity.schemas.ts';
import { findHousehold } from '../repositories/household.repository.ts';
import { locateHousehold } from '../repositories/tenant-locator.ts';
import type { UseCaseContext } from './use-case-context.ts';

/** One household as its parent or a permitted staff member sees it; every read is audited. */
export async function getHousehold(
  ctx: UseCaseContext,
  input: { householdId: string; purpose?: string },
): Promise<HouseholdView> {
  const { services, actor, requestId } = ctx;
  const located = await locateHousehold(services.db, input.householdId);
  if (!located) throw householdNotFound();
  const scope = await authorize({ db: services.db, requestId }, actor, 'household.read', {
    ...located,
    resource: { type: 'household', id: input.householdId },
  });
  return withTenantScope(services.db, scope, async (tx) => {
    const household = await findHousehold(tx, input.householdId);
    if (!household) throw householdNotFound();
    await recordAudit(tx, {
      actor,
      action: 'household.read',
      resource: { type: 'household', id: household.id },
      municipalityCode: household.municipalityCode,
      purpose: input.purpose ?? (actor.type === 'parent' ? 'own household' : 'staff review'),
      outcome: 'success',
      requestId,
    });
    return toHouseholdView(household);
  });
}
