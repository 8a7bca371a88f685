import { Temporal } from 'temporal-polyfill';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { dateInFuture, householdNotFound, notAParent } from '../household-errors.ts';
import { toChildView } from '../household-views.ts';
import type { ChildView } from '../identity.schemas.ts';
import {
  type ChildValues,
  findHousehold,
  insertChild,
  insertRelationship,
} from '../repositories/household.repository.ts';
import type { Relationship } from '../tables/household.tables.ts';
import { todayInTokyo } from './today.ts';
import type { UseCaseContext } from './use-case-context.ts';

/** A parent adds a child to their household; other modules hear of it through `child.registered`. */
export async function registerChild(
  ctx: UseCaseContext,
  input: ChildValues & { relationship: Relationship },
): Promise<ChildView> {
  const { services, actor, requestId } = ctx;
  if (actor.type !== 'parent' || !actor.householdId || !actor.id) throw notAParent();
  const householdId = actor.householdId;
  const parentId = actor.id;
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(input.birthDate), todayInTokyo(services.now())) > 0) {
    throw dateInFuture('body.birthDate');
  }
  const scope = await authorize({ db: services.db, requestId }, actor, 'child.register', { householdId });
  return withTenantScope(services.db, scope, async (tx) => {
    const household = await findHousehold(tx, householdId);
    if (!household) throw householdNotFound();
    const { municipalityCode } = household;
    const child = await insertChild(tx, {
      name: input.name,
      nameKana: input.nameKana,
      birthDate: input.birthDate,
      sex: input.sex,
      householdId,
      municipalityCode,
    });
    await insertRelationship(tx, {
      householdId,
      municipalityCode,
      parentId,
      childId: child.id,
      relationship: input.relationship,
    });
    await recordAudit(tx, {
      actor,
      action: 'child.register',
      resource: { type: 'child', id: child.id },
      municipalityCode,
      purpose: 'parent registers a child',
      outcome: 'success',
      requestId,
    });
    await services.events.publish(
      tx,
      'child.registered',
      { childId: child.id, householdId, birthDate: child.birthDate },
      { municipalityCode, requestId },
    );
    return toChildView(child);
  });
}
