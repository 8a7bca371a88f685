import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import { pregnancyNotFound } from '../household-errors.ts';
import { toPregnancyView } from '../household-views.ts';
import type { PregnancyView } from '../identity.schemas.ts';
import { canMovePregnancy } from '../pregnancy-status.ts';
import { findPregnancy, updatePregnancy as updatePregnancyRow } from '../repositories/household.repository.ts';
import { locatePregnancy } from '../repositories/tenant-locator.ts';
import type { PregnancyStatus } from '../tables/household.tables.ts';
import { checkExpectedDeliveryDate } from './register-pregnancy.ts';
import { todayInTokyo } from './today.ts';
import type { UseCaseContext } from './use-case-context.ts';

export async function updatePregnancy(
  ctx: UseCaseContext,
  input: { pregnancyId: string; expectedDeliveryDate?: string; status?: PregnancyStatus },
): Promise<PregnancyView> {
  const { services, actor, requestId } = ctx;
  const located = await locatePregnancy(services.db, input.pregnancyId);
  if (!located) throw pregnancyNotFound();
  const scope = await authorize({ db: services.db, requestId }, actor, 'pregnancy.update', {
    ...located,
    resource: { type: 'pregnancy', id: input.pregnancyId },
  });
  return withTenantScope(services.db, scope, async (tx) => {
    const current = await findPregnancy(tx, input.pregnancyId);
    if (!current) throw pregnancyNotFound();
    if (input.status && !canMovePregnancy(current.status, input.status)) {
      throw conflict('invalid-transition', {
        en: `A pregnancy that is ${current.status} cannot become ${input.status}.`,
        ja: `状態「${current.status}」の妊娠記録を「${input.status}」に変更することはできません。`,
      });
    }
    if (input.expectedDeliveryDate) {
      if (current.status !== 'expecting') {
        throw conflict('invalid-transition', {
          en: 'The due date can only change while expecting.',
          ja: '出産予定日は妊娠中の記録でのみ変更できます。',
        });
      }
      checkExpectedDeliveryDate(input.expectedDeliveryDate, todayInTokyo(services.now()));
    }
    const row = await updatePregnancyRow(tx, input.pregnancyId, {
      ...(input.expectedDeliveryDate ? { expectedDeliveryDate: input.expectedDeliveryDate } : {}),
      ...(input.status ? { status: input.status } : {}),
      updatedAt: services.now(),
    });
    if (!row) throw pregnancyNotFound();
    await recordAudit(tx, {
      actor,
      action: 'pregnancy.update',
      resource: { type: 'pregnancy', id: row.id },
      municipalityCode: row.municipalityCode,
      purpose: 'parent edits own household',
      outcome: 'success',
      requestId,
    });
    return toPregnancyView(row);
  });
}
