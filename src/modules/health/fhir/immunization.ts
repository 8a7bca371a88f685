import type { Immunization } from '@medplum/fhirtypes';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { FHIR_SYSTEMS } from './fhir-systems.ts';

export interface ImmunizationSource {
  id: string;
  vaccine: string;
  dose: number;
  lotNumber: string;
  givenOn: string;
  institutionCode: string;
}

/** A recorded vaccination as an R4 Immunization (JP Core's required elements: status, vaccineCode, patient, date). */
export function toImmunization(
  patientReference: string,
  schedule: RoutineSchedule,
  r: ImmunizationSource,
): Immunization {
  const vaccine = schedule.vaccines.find((v) => v.code === r.vaccine);
  return {
    resourceType: 'Immunization',
    id: r.id,
    status: 'completed',
    vaccineCode: {
      coding: [{ system: FHIR_SYSTEMS.routineVaccine, code: r.vaccine, display: vaccine?.name.ja }],
      text: vaccine?.name.ja ?? r.vaccine,
    },
    patient: { reference: patientReference },
    occurrenceDateTime: r.givenOn,
    primarySource: true,
    lotNumber: r.lotNumber,
    performer: [{ actor: { identifier: { system: FHIR_SYSTEMS.institutionCode, value: r.institutionCode } } }],
    protocolApplied: [{ doseNumberPositiveInt: r.dose, seriesDosesPositiveInt: vaccine?.doses.length }],
  };
}
