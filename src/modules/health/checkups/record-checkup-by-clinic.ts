import { AppError } from '../../../platform/http/app-error.ts';
import { tokyoToday } from '../../../platform/time/today.ts';
import { auditChildAccess, type ClinicRequest } from '../clinic/clinic-access.ts';
import { withChildVisit } from '../clinic/clinic-scope.ts';
import { insertCheckupResult } from './checkup-results.repository.ts';
import type { ClinicCheckupRequest } from './checkup-results.schemas.ts';
import type { CheckupResultRow } from './checkup-results.tables.ts';
import { examinedInFuture } from './record-checkup-by-municipality.ts';

/**
 * A clinic records a 乳幼児健診 (個別健診) during a visit the parent opened a code for — the same consent as for a
 * vaccination (purpose `vaccination`, shown to the parent as "vaccination or check-up"). One row, read by the parent
 * and the municipality at once; audited on the child.
 */
export async function recordCheckupByClinic(
  req: ClinicRequest,
  visitId: string,
  input: ClinicCheckupRequest,
): Promise<CheckupResultRow> {
  if (input.examinedOn > tokyoToday(req.services.now())) throw examinedInFuture('body.examinedOn');
  return withChildVisit(req, visitId, async (tx, visit, institutionCode) => {
    if (visit.purpose !== 'vaccination') {
      throw new AppError('consent-purpose', 403, {
        en: 'The parent’s code was opened for an eligibility check only, not for a check-up.',
        ja: '保護者の番号は受給資格確認のためのもので、健診結果の記録には使えません。',
      });
    }
    const row = await insertCheckupResult(tx, {
      kind: 'infant',
      subjectId: visit.childId,
      householdId: visit.householdId,
      municipalityCode: visit.municipalityCode,
      checkupCode: input.checkupCode,
      examinedOn: input.examinedOn,
      outcome: input.outcome,
      measurements: input.measurements,
      notes: input.notes,
      recordedByKind: 'clinic',
      institutionCode,
      recordedBy: req.actor.id ?? 'clinic',
      recordedAt: req.services.now(),
    });
    await auditChildAccess(tx, req, visit, 'health-checkup.record', 'check-up result recorded by a clinic', {
      institutionCode,
      checkupCode: input.checkupCode,
    });
    return row;
  });
}
