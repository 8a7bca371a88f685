import { Temporal } from 'temporal-polyfill';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import { findMunicipality, TOKYO_CODE } from '../../municipalities/index.ts';
import { dateInFuture, householdNotFound, notAParent } from '../household-errors.ts';
import { findHousehold, moveHousehold } from '../repositories/household.repository.ts';
import { todayInTokyo } from './today.ts';
import type { UseCaseContext } from './use-case-context.ts';

/** A parent records the household's move to another Tokyo municipality (転入/転居), dated. */
export async function changeResidence(
  ctx: UseCaseContext,
  input: { municipalityCode: string; movedOn: string },
): Promise<void> {
  const { services, actor, requestId } = ctx;
  if (actor.type !== 'parent' || !actor.householdId) throw notAParent();
  const householdId = actor.householdId;
  if (!findMunicipality(input.municipalityCode) || input.municipalityCode === TOKYO_CODE) {
    throw badRequest('outside-tokyo', 'body.municipalityCode', {
      en: 'Tsunagu serves the municipalities of Tokyo; pick one of them.',
      ja: 'つなぐは東京都内の区市町村が対象です。都内の区市町村を選んでください。',
    });
  }
  const movedOn = Temporal.PlainDate.from(input.movedOn);
  if (Temporal.PlainDate.compare(movedOn, todayInTokyo(services.now())) > 0) throw dateInFuture('body.movedOn');
  const scope = await authorize({ db: services.db, requestId }, actor, 'residence.change', { householdId });
  await withTenantScope(services.db, scope, async (tx) => {
    const household = await findHousehold(tx, householdId);
    if (!household) throw householdNotFound();
    const current = household.residences.find((r) => r.movedOutOn === null);
    if (current && Temporal.PlainDate.compare(movedOn, Temporal.PlainDate.from(current.movedInOn)) < 0) {
      throw badRequest('move-before-current', 'body.movedOn', {
        en: `The move must be on or after ${current.movedInOn}, when the current residence began.`,
        ja: `転居日は現在の住所に住み始めた日（${current.movedInOn}）以降にしてください。`,
      });
    }
    if (household.municipalityCode === input.municipalityCode) return; // a move within the same municipality
    await moveHousehold(tx, householdId, {
      municipalityCode: input.municipalityCode,
      movedOn: input.movedOn,
      at: services.now(),
    });
    await recordAudit(tx, {
      actor,
      action: 'residence.change',
      resource: { type: 'household', id: householdId },
      municipalityCode: input.municipalityCode,
      purpose: 'parent records a move',
      outcome: 'success',
      requestId,
      detail: { from: household.municipalityCode, to: input.municipalityCode },
    });
    await services.events.publish(
      tx,
      'residence.changed',
      {
        householdId,
        fromMunicipalityCode: household.municipalityCode,
        toMunicipalityCode: input.municipalityCode,
        movedOn: input.movedOn,
      },
      { municipalityCode: input.municipalityCode, requestId },
    );
  });
}
