import type { Coverage } from '@medplum/fhirtypes';
import type { SchemeCopay } from '../health.tables.ts';
import { FHIR_SYSTEMS } from './fhir-systems.ts';

export interface CoverageSource {
  id: string;
  recipientNumber: string;
  validFrom: string;
  validTo: string;
  ended: boolean;
  scheme: { insurerNumber: string; nameJa: string; copay: SchemeCopay };
}

/**
 * A medical-subsidy 受給者証 as a FHIR R4 Coverage the way JP Core models 公費: the payor is the 公費負担者 identified by
 * its number, the subscriber id is the 受給者番号, the period is the validity, and costToBeneficiary carries what the
 * family still pays per visit.
 */
export function toCoverage(patientReference: string, source: CoverageSource): Coverage {
  const copayYen = source.scheme.copay.kind === 'none' ? 0 : (source.scheme.copay.outpatientYen ?? 0);
  return {
    resourceType: 'Coverage',
    id: source.id,
    status: source.ended ? 'cancelled' : 'active',
    identifier: [{ system: FHIR_SYSTEMS.recipientNumber, value: source.recipientNumber }],
    subscriberId: source.recipientNumber,
    beneficiary: { reference: patientReference },
    period: { start: source.validFrom, end: source.validTo },
    payor: [
      {
        identifier: { system: FHIR_SYSTEMS.insurerNumber, value: source.scheme.insurerNumber },
        display: source.scheme.nameJa,
      },
    ],
    costToBeneficiary: [
      {
        type: { coding: [{ system: FHIR_SYSTEMS.copayType, code: 'copay' }] },
        valueMoney: { value: copayYen, currency: 'JPY' },
      },
    ],
  };
}
