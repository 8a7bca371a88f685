import { authorize } from '../../../platform/access/authorize.ts';
import { type AuditEntry, recordAudit } from '../../../platform/audit/record-audit.ts';
import { type ScopedTx, withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { householdNotFound } from '../household-errors.ts';
import { toHouseholdView } from '../household-views.ts';
import type { HouseholdView } from '../identity.schemas.ts';
import { findHousehold } from '../repositories/household.repository.ts';
import { locateHousehold } from '../repositories/tenant-locator.ts';
import type { UseCaseContext } from './use-case-context.ts';

/** One household as its parent or a permitted staff member sees it; every read is audited. */
export function getHousehold(
  ctx: UseCaseContext,
  input: { householdId: string; purpose?: string },
): Promise<HouseholdView> {
  return withHousehold(ctx, input, async (household) => household);
}

/**
 * `getHousehold`, then `fn` in the same transaction and tenant scope (the one the permission check chose for this
 * actor), for a caller whose own reads and writes belong with the household's: one transaction instead of two. `fn`
 * must not widen what it touches beyond that scope's rows; row-level security holds it there anyway. When `fn` (or
 * the commit) fails, the read still happened: its audit record, rolled back with the transaction, is written again
 * on its own.
 */
export async function withHousehold<T>(
  ctx: UseCaseContext,
  input: { householdId: string; purpose?: string },
  fn: (household: HouseholdView, tx: ScopedTx) => Promise<T>,
): Promise<T> {
  const { services, actor, requestId } = ctx;
  // A parent's own household needs no locating: the decision does not depend on its municipality, and one that does
  // not exist is a 404 from the read itself. Anyone else's is located first, so 403 and 404 stay apart.
  const own = actor.type === 'parent' && actor.householdId === input.householdId;
  const located = own ? { householdId: input.householdId } : await locateHousehold(services.db, input.householdId);
  if (!located) throw householdNotFound();
  const scope = await authorize({ db: services.db, requestId }, actor, 'household.read', {
    ...located,
    resource: { type: 'household', id: input.householdId },
  });
  const audit = {
    actor,
    action: 'household.read',
    purpose: input.purpose ?? (actor.type === 'parent' ? 'own household' : 'staff review'),
    outcome: 'success',
    requestId,
  } satisfies Omit<AuditEntry, 'resource' | 'municipalityCode'>;
  let read: AuditEntry | undefined;
  try {
    return await withTenantScope(services.db, scope, async (tx) => {
      // The read and its audit record in one statement; no household, no record.
      const household = await findHousehold(tx, input.householdId, audit);
      if (!household) throw householdNotFound();
      read = {
        ...audit,
        resource: { type: 'household', id: household.id },
        municipalityCode: household.municipalityCode,
      };
      return fn(toHouseholdView(household), tx);
    });
  } catch (error) {
    if (read) await recordAudit(services.db, read);
    throw error;
  }
}
