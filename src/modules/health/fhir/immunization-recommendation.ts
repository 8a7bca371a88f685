import type { ImmunizationRecommendation, ImmunizationRecommendationRecommendation } from '@medplum/fhirtypes';
import { isoFromDay } from '../../../platform/time/civil-days.ts';
import type { DoseStatus, DoseStatusName } from '../vaccination/evaluate-doses.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { DATE_CRITERIA, FHIR_SYSTEMS } from './fhir-systems.ts';

/**
 * Not forecast: past the routine window, for the other sex, outside the child's series, or for a child whose sex is not
 * known (a recommendation would be a guess).
 */
const NO_RECOMMENDATION: ReadonlySet<DoseStatusName> = new Set([
  'aged-out',
  'not-applicable',
  'not-needed',
  'not-determinable',
]);

const criterion = (kind: keyof typeof DATE_CRITERIA, day: number | undefined) =>
  day === undefined
    ? []
    : [
        {
          code: { coding: [{ system: FHIR_SYSTEMS.loinc, ...DATE_CRITERIA[kind] }] },
          value: `${isoFromDay(day)}T00:00:00+09:00`,
        },
      ];

/**
 * A base-R4 ImmunizationRecommendation (JP Core has no profile for it) from the schedule engine's statuses: one
 * recommendation per dose still to give within its legal window. Aged-out doses are left out — they are no longer
 * routine — and completed doses are reported as complete.
 */
export function toImmunizationRecommendation(
  patientReference: string,
  schedule: RoutineSchedule,
  statuses: readonly DoseStatus[],
  asOf: number,
): ImmunizationRecommendation {
  const names = new Map(schedule.vaccines.map((v) => [v.code, v.name]));
  // Doses of this child's series: a dose `not-needed` (HPV's shorter series) is not part of it.
  const seriesDoses = new Map<string, number>();
  for (const s of statuses) {
    if (s.status !== 'not-needed') seriesDoses.set(s.vaccine, (seriesDoses.get(s.vaccine) ?? 0) + 1);
  }
  const recommendation: ImmunizationRecommendationRecommendation[] = statuses
    .filter((s) => !NO_RECOMMENDATION.has(s.status))
    .map((s) => ({
      vaccineCode: [
        {
          coding: [{ system: FHIR_SYSTEMS.routineVaccine, code: s.vaccine, display: names.get(s.vaccine)?.ja }],
          text: names.get(s.vaccine)?.ja,
        },
      ],
      forecastStatus: {
        coding: [
          {
            system: FHIR_SYSTEMS.forecastStatus,
            code: s.status === 'completed' ? 'complete' : s.status === 'overdue' ? 'overdue' : 'due',
          },
        ],
        text: s.status,
      },
      dateCriterion: [
        ...criterion('earliest', s.earliest),
        ...criterion('due', s.recommendedFrom),
        ...criterion('overdue', s.recommendedBy === undefined ? undefined : s.recommendedBy + 1),
        ...criterion('latest', s.latest),
      ],
      doseNumberPositiveInt: s.dose,
      seriesDosesPositiveInt: seriesDoses.get(s.vaccine),
      description: `schedule ${schedule.version} (${schedule.verification})`,
    }));
  return {
    resourceType: 'ImmunizationRecommendation',
    patient: { reference: patientReference },
    date: `${isoFromDay(asOf)}T00:00:00+09:00`,
    recommendation,
  };
}
