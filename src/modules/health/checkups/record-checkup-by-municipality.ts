import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest, notFound } from '../../../platform/http/app-error.ts';
import { tokyoToday } from '../../../platform/time/today.ts';
import { getHousehold, type UseCaseContext } from '../../identity/index.ts';
import { insertCheckupResult } from './checkup-results.repository.ts';
import type { MunicipalityCheckupRequest } from './checkup-results.schemas.ts';
import type { CheckupResultRow } from './checkup-results.tables.ts';

export const examinedInFuture = (field: string) =>
  badRequest('examined-in-future', field, {
    en: 'The examination date is in the future.',
    ja: '健診日が未来の日付になっています。',
  });

/**
 * The health officer of the subject's municipality records a 乳幼児健診 (child) or 妊婦健診 (pregnancy) result, e.g.
 * from the municipality's own group check-up. Audited on the child or pregnancy, so the parent sees who recorded it.
 */
export async function recordCheckupByMunicipality(
  ctx: UseCaseContext,
  input: MunicipalityCheckupRequest,
): Promise<CheckupResultRow> {
  const { services, actor, requestId } = ctx;
  if (input.examinedOn > tokyoToday(services.now())) throw examinedInFuture('body.examinedOn');
  const household = await getHousehold(ctx, { householdId: input.householdId, purpose: 'record a check-up result' });
  const subject =
    input.kind === 'infant'
      ? household.children.find((c) => c.id === input.childId)
      : household.pregnancies.find((p) => p.id === input.pregnancyId);
  if (!subject) {
    throw notFound({
      en: 'No such child or pregnancy in this household.',
      ja: 'この世帯にその子ども（妊娠）の登録はありません。',
    });
  }
  const resource = { type: input.kind === 'infant' ? 'child' : 'pregnancy', id: subject.id };
  const scope = await authorize({ db: services.db, requestId }, actor, 'health-checkup.record', {
    municipalityCode: subject.municipalityCode,
    resource,
  });
  return withTenantScope(services.db, scope, async (tx) => {
    const row = await insertCheckupResult(tx, {
      kind: input.kind,
      subjectId: subject.id,
      householdId: household.id,
      municipalityCode: subject.municipalityCode,
      checkupCode: input.checkupCode,
      examinedOn: input.examinedOn,
      outcome: input.outcome,
      measurements: input.measurements,
      notes: input.notes,
      recordedByKind: 'municipality',
      institutionCode: null,
      recordedBy: actor.id ?? actor.type,
      recordedAt: services.now(),
    });
    await recordAudit(tx, {
      actor,
      action: 'health-checkup.record',
      resource,
      municipalityCode: subject.municipalityCode,
      purpose: 'check-up result recorded by the municipality',
      outcome: 'success',
      requestId,
      detail: { kind: input.kind, checkupCode: input.checkupCode },
    });
    return row;
  });
}
