import { Temporal } from 'temporal-polyfill';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import { householdNotFound, notAParent } from '../household-errors.ts';
import { toPregnancyView } from '../household-views.ts';
import type { PregnancyView } from '../identity.schemas.ts';
import { findHousehold, insertPregnancy } from '../repositories/household.repository.ts';
import { todayInTokyo } from './today.ts';
import type { UseCaseContext } from './use-case-context.ts';

/** A due date makes sense from a few weeks past (a late report) to about ten months ahead. */
export function checkExpectedDeliveryDate(value: string, today: Temporal.PlainDate): void {
  const date = Temporal.PlainDate.from(value);
  const earliest = today.subtract({ days: 60 });
  const latest = today.add({ days: 310 });
  if (Temporal.PlainDate.compare(date, earliest) < 0 || Temporal.PlainDate.compare(date, latest) > 0) {
    throw badRequest('implausible-due-date', 'body.expectedDeliveryDate', {
      en: `The expected delivery date must be between ${earliest} and ${latest}.`,
      ja: `出産予定日は ${earliest} から ${latest} までの日付を指定してください。`,
    });
  }
}

/** A parent records a pregnancy (after the 妊娠届); `pregnancy.registered` lets other modules plan support. */
export async function registerPregnancy(
  ctx: UseCaseContext,
  input: { expectedDeliveryDate: string },
): Promise<PregnancyView> {
  const { services, actor, requestId } = ctx;
  if (actor.type !== 'parent' || !actor.householdId || !actor.id) throw notAParent();
  const householdId = actor.householdId;
  const parentId = actor.id;
  checkExpectedDeliveryDate(input.expectedDeliveryDate, todayInTokyo(services.now()));
  const scope = await authorize({ db: services.db, requestId }, actor, 'pregnancy.register', { householdId });
  return withTenantScope(services.db, scope, async (tx) => {
    const household = await findHousehold(tx, householdId);
    if (!household) throw householdNotFound();
    const { municipalityCode } = household;
    const row = await insertPregnancy(tx, {
      householdId,
      municipalityCode,
      parentId,
      expectedDeliveryDate: input.expectedDeliveryDate,
    });
    await recordAudit(tx, {
      actor,
      action: 'pregnancy.register',
      resource: { type: 'pregnancy', id: row.id },
      municipalityCode,
      purpose: 'parent records a pregnancy',
      outcome: 'success',
      requestId,
    });
    await services.events.publish(
      tx,
      'pregnancy.registered',
      { pregnancyId: row.id, householdId, expectedDeliveryDate: row.expectedDeliveryDate },
      { municipalityCode, requestId },
    );
    return toPregnancyView(row);
  });
}
