import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { plainDate } from '../../../platform/time/civil-age.ts';
import { tokyoToday } from '../../../platform/time/today.ts';
import { checkupResultsOfSubject, insertCheckupResult } from '../checkups/checkup-results.repository.ts';
import type { ClinicPrenatalCheckupRequest } from '../checkups/checkup-results.schemas.ts';
import type { CheckupResultRow } from '../checkups/checkup-results.tables.ts';
import { gestationalWeek, prenatalVisits } from '../checkups/checkup-schedule.ts';
import { examinedInFuture } from '../checkups/record-checkup-by-municipality.ts';
import type { ClinicRequest } from '../clinic/clinic-access.ts';
import { type PrenatalConsentCodeRow, withPrenatalVisit } from '../clinic/clinic-scope.ts';
import { maternalVaccinations } from '../vaccination/maternal-schedule.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';

function auditPregnancy(
  tx: ScopedTx,
  req: ClinicRequest,
  visit: PrenatalConsentCodeRow,
  action: string,
  purpose: string,
  detail: Record<string, unknown>,
) {
  return recordAudit(tx, {
    actor: req.actor,
    action,
    resource: { type: 'pregnancy', id: visit.pregnancyId },
    municipalityCode: visit.municipalityCode,
    purpose,
    outcome: 'success',
    requestId: req.requestId ?? null,
    detail,
  });
}

/**
 * What reception needs for a 妊婦健診 visit on one screen: who, the gestational week today, the 14 visits with the
 * ones already recorded, and the maternal vaccinations whose window is open. Read in the clinic's narrow scope and
 * audited on the pregnancy.
 */
export async function prenatalVisitView(req: ClinicRequest, schedule: RoutineSchedule, visitId: string) {
  const today = tokyoToday(req.services.now());
  return withPrenatalVisit(req, visitId, async (tx, visit, institutionCode) => {
    const results = await checkupResultsOfSubject(tx, 'prenatal', visit.pregnancyId);
    await auditPregnancy(tx, req, visit, 'health-prenatal.read', 'clinic reception: 妊婦健診', { institutionCode });
    const due = plainDate(visit.expecting.expectedDeliveryDate);
    const done = new Set(results.map((r) => r.checkupCode));
    const visits = prenatalVisits(due, plainDate(today)).map((v) => ({
      number: v.number,
      week: v.week,
      date: v.date.toString(),
      status: v.status,
      recorded: done.has(String(v.number)),
    }));
    return {
      visit,
      today,
      gestationalWeek: gestationalWeek(due, plainDate(today)),
      visits,
      results,
      vaccinations: maternalVaccinations(schedule, due, plainDate(today)),
      /** The first visit not yet recorded from the one scheduled for about now on: preselected on the form. */
      suggestedVisit: suggestVisit(visits),
    };
  });
}

function suggestVisit(visits: { number: number; status: string; recorded: boolean }[]): number | undefined {
  const now = visits.findIndex((v) => v.status === 'next');
  const from = now === -1 ? visits.length - 1 : now;
  return (visits.slice(from).find((v) => !v.recorded) ?? visits.find((v) => !v.recorded))?.number;
}

export type PrenatalVisitView = Awaited<ReturnType<typeof prenatalVisitView>>;

/**
 * The clinic records a 妊婦健診 result for the pregnancy the parent opened the code for: one row of
 * health_checkup_results (kind `prenatal`), which the parent's page and the municipality read at once. The
 * gestational week on the examination day (from the expected delivery date) goes into the audit detail.
 */
export async function recordPrenatalCheckupByClinic(
  req: ClinicRequest,
  visitId: string,
  input: ClinicPrenatalCheckupRequest,
): Promise<CheckupResultRow & { gestationalWeek: number }> {
  if (input.examinedOn > tokyoToday(req.services.now())) throw examinedInFuture('body.examinedOn');
  return withPrenatalVisit(req, visitId, async (tx, visit, institutionCode) => {
    const week = gestationalWeek(plainDate(visit.expecting.expectedDeliveryDate), plainDate(input.examinedOn));
    const row = await insertCheckupResult(tx, {
      kind: 'prenatal',
      subjectId: visit.pregnancyId,
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
    await auditPregnancy(tx, req, visit, 'health-checkup.record', '妊婦健診 result recorded by a clinic', {
      institutionCode,
      checkupCode: input.checkupCode,
      gestationalWeek: week,
    });
    return { ...row, gestationalWeek: week };
  });
}
