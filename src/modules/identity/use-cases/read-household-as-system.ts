import { SYSTEM_ACTOR } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import { toHouseholdView } from '../household-views.ts';
import type { HouseholdView } from '../identity.schemas.ts';
import { findHousehold } from '../repositories/household.repository.ts';

/**
 * For other modules' jobs and event subscribers (no person is asking): one household, read as the system with the
 * purpose recorded in the audit log, so it shows in the parent's 「このデータを見た人」 page.
 */
export async function readHouseholdAsSystem(
  services: AppServices,
  input: { householdId: string; purpose: string; requestId?: string | null },
): Promise<HouseholdView | undefined> {
  return withTenantScope(services.db, { kind: 'all' }, async (tx) => {
    const household = await findHousehold(tx, input.householdId);
    if (!household) return undefined;
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'household.read',
      resource: { type: 'household', id: household.id },
      municipalityCode: household.municipalityCode,
      purpose: input.purpose,
      outcome: 'success',
      requestId: input.requestId ?? null,
    });
    return toHouseholdView(household);
  });
}
