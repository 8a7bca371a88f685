import { plainDate } from '../../../platform/time/civil-age.ts';
import { dayFromIso } from '../../../platform/time/civil-days.ts';
import { tokyoToday } from '../../../platform/time/today.ts';
import { checkupResultsOfSubject } from '../checkups/checkup-results.repository.ts';
import { infantCheckups } from '../checkups/checkup-schedule.ts';
import { toCoverage } from '../fhir/coverage.ts';
import { toImmunization } from '../fhir/immunization.ts';
import { toImmunizationRecommendation } from '../fhir/immunization-recommendation.ts';
import { evaluateDoses, sexCode } from '../vaccination/evaluate-doses.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { activeSubsidies } from './active-subsidies.ts';
import { auditChildAccess, type ClinicRequest } from './clinic-access.ts';
import { withChildVisit } from './clinic-scope.ts';
import { questionnairesOn } from './questionnaire.ts';
import { recordsOf } from './vaccination-records.ts';

/**
 * Everything reception needs on one screen for a visit: the child, subsidies today, the doses due, today's 予診票 and
 * the records. Read in one transaction and audited on the child.
 */
export async function visitView(req: ClinicRequest, schedule: RoutineSchedule, visitId: string) {
  const today = tokyoToday(req.services.now());
  return withChildVisit(req, visitId, async (tx, visit, institutionCode) => {
    const subsidies = await activeSubsidies(tx, visit.childId, today);
    const records = visit.purpose === 'vaccination' ? await recordsOf(tx, visit.childId) : [];
    const forms = visit.purpose === 'vaccination' ? await questionnairesOn(tx, visit.childId, today) : [];
    const checkups = visit.purpose === 'vaccination' ? await checkupResultsOfSubject(tx, 'infant', visit.childId) : [];
    const history = records.map((r) => ({ vaccine: r.vaccine, dose: r.dose, date: dayFromIso(r.givenOn) }));
    const statuses =
      visit.purpose === 'vaccination'
        ? evaluateDoses(
            schedule,
            dayFromIso(visit.child.birthDate),
            history,
            dayFromIso(today),
            sexCode(visit.child.sex),
          )
        : [];
    await auditChildAccess(tx, req, visit, 'health-visit.read', 'clinic reception: subsidies and vaccinations', {
      institutionCode,
    });
    // Check-ups the child is in the window for today, offered first on the record form.
    const dueCheckups = infantCheckups(
      plainDate(visit.child.birthDate),
      plainDate(today),
      new Set(checkups.map((c) => c.checkupCode)),
    )
      .filter((c) => c.status === 'due')
      .map((c) => c.code as string);
    return { visit, today, subsidies, records, questionnaires: forms, statuses, checkups, dueCheckups };
  });
}

export type VisitView = Awaited<ReturnType<typeof visitView>>;

/** The visit as FHIR resources for clinic systems. The patient is the visit id, a pseudonym only this clinic knows. */
export function visitFhir(view: VisitView, schedule: RoutineSchedule) {
  const patient = `Patient/${view.visit.id}`;
  return {
    coverages: view.subsidies.map((s) =>
      toCoverage(patient, {
        id: s.id,
        recipientNumber: s.recipientNumber,
        validFrom: s.validFrom,
        validTo: s.validTo,
        ended: false,
        scheme: {
          insurerNumber: s.insurerNumber,
          nameJa: s.schemeName,
          copay: { kind: s.copay.kind, outpatientYen: s.copay.outpatientYen },
        },
      }),
    ),
    immunizations: view.records.map((r) => toImmunization(patient, schedule, r)),
    recommendation: toImmunizationRecommendation(patient, schedule, view.statuses, dayFromIso(view.today)),
  };
}
