import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { getHousehold, type UseCaseContext } from '../../identity/index.ts';
import { checkupResultsOfHousehold } from './checkup-results.repository.ts';
import type { CheckupResultRow } from './checkup-results.tables.ts';

/** The parent's own household's check-up results (children and pregnancies), in the household's scope. */
export async function listOwnCheckupResults(ctx: UseCaseContext): Promise<CheckupResultRow[]> {
  const { services, actor } = ctx;
  if (actor.type !== 'parent' || !actor.householdId) {
    throw new AppError('forbidden', 403, { en: 'Parents only.', ja: '保護者のみ利用できます。' });
  }
  const householdId = actor.householdId;
  return withTenantScope(services.db, { kind: 'household', householdId }, (tx) =>
    checkupResultsOfHousehold(tx, householdId),
  );
}

/**
 * A health officer reads one household's results (their municipality only: the scope's row-level security returns
 * nothing of another municipality). Audited on the household, so it appears in the parent's access log.
 */
export async function listHouseholdCheckupResults(
  ctx: UseCaseContext,
  householdId: string,
): Promise<CheckupResultRow[]> {
  const { services, actor, requestId } = ctx;
  const household = await getHousehold(ctx, { householdId, purpose: 'check-up results' });
  const scope = await authorize({ db: services.db, requestId }, actor, 'health-record.read', {
    municipalityCode: household.municipalityCode,
    resource: { type: 'household', id: householdId },
  });
  return withTenantScope(services.db, scope, async (tx) => {
    const rows = await checkupResultsOfHousehold(tx, householdId);
    await recordAudit(tx, {
      actor,
      action: 'health-checkup.read',
      resource: { type: 'household', id: householdId },
      municipalityCode: household.municipalityCode,
      purpose: 'municipal health records: check-up results',
      outcome: 'success',
      requestId,
      detail: { results: rows.length },
    });
    return rows;
  });
}
