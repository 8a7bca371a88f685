/** Identifier and code systems used in Tsunagu's FHIR output. */
export const FHIR_SYSTEMS = {
  /** 公費負担者番号 (JP Core / JAMI OID). */
  insurerNumber: 'urn:oid:1.2.392.100495.20.3.71',
  /** 公費受給者番号 (JP Core / JAMI OID). */
  recipientNumber: 'urn:oid:1.2.392.100495.20.3.72',
  /** Tsunagu's routine-vaccine codes (the `code` of each vaccine in the schedule data). */
  /** 医療機関コード (10 digits; JP Core's OID for the medical institution code). */
  institutionCode: 'http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no',
  routineVaccine: 'urn:tsunagu:code-system:routine-vaccine',
  forecastStatus: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status',
  loinc: 'http://loinc.org',
  copayType: 'http://terminology.hl7.org/CodeSystem/coverage-copay-type',
} as const;

/** LOINC codes for ImmunizationRecommendation.dateCriterion. */
export const DATE_CRITERIA = {
  earliest: { code: '30981-5', display: 'Earliest date to give' },
  due: { code: '30980-7', display: 'Date vaccine due' },
  overdue: { code: '59778-1', display: 'Date when overdue for immunization' },
  latest: { code: '59777-3', display: 'Latest date to give immunization' },
} as const;
