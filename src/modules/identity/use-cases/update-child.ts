import { Temporal } from 'temporal-polyfill';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { childNotFound, dateInFuture } from '../household-errors.ts';
import { toChildView } from '../household-views.ts';
import type { ChildView } from '../identity.schemas.ts';
import { type ChildValues, updateChild as updateChildRow } from '../repositories/household.repository.ts';
import { locateChild } from '../repositories/tenant-locator.ts';
import { todayInTokyo } from './today.ts';
import type { UseCaseContext } from './use-case-context.ts';

/** Corrects a child's record: the parent, or staff of the child's municipality with the right role. */
export async function updateChild(
  ctx: UseCaseContext,
  input: { childId: string; changes: Partial<ChildValues> },
): Promise<ChildView> {
  const { services, actor, requestId } = ctx;
  const located = await locateChild(services.db, input.childId);
  if (!located) throw childNotFound();
  const { birthDate } = input.changes;
  if (birthDate && Temporal.PlainDate.compare(Temporal.PlainDate.from(birthDate), todayInTokyo(services.now())) > 0) {
    throw dateInFuture('body.birthDate');
  }
  const scope = await authorize({ db: services.db, requestId }, actor, 'child.update', {
    ...located,
    resource: { type: 'child', id: input.childId },
  });
  return withTenantScope(services.db, scope, async (tx) => {
    const row = await updateChildRow(tx, input.childId, { ...input.changes, updatedAt: services.now() });
    if (!row) throw childNotFound();
    await recordAudit(tx, {
      actor,
      action: 'child.update',
      resource: { type: 'child', id: row.id },
      municipalityCode: row.municipalityCode,
      purpose: actor.type === 'parent' ? 'parent edits own household' : 'staff correction',
      outcome: 'success',
      requestId,
      detail: { fields: Object.keys(input.changes) },
    });
    return toChildView(row);
  });
}
