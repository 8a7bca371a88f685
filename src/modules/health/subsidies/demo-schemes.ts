import type { SchemeCopay, SchemeCoverage } from '../health.tables.ts';

const VERIFY =
  'demo: insurer numbers are real (八王子市 PMH notice); coverage and copay to be verified with the municipality';

/** Schemes of 八王子市, which joins PMH for マル乳 and マル子 from 2026-04-01 (public notice of the city). */
export const DEMO_SCHEMES: {
  municipalityCode: string;
  code: string;
  nameJa: string;
  nameEn: string;
  insurerNumber: string;
  recipientNumberHasCheckDigit: boolean;
  coverage: SchemeCoverage;
  copay: SchemeCopay;
  validFrom: string;
  verification: string;
}[] = [
  {
    municipalityCode: '132012',
    code: 'maru-nyu',
    nameJa: '乳幼児医療費助成（マル乳）',
    nameEn: 'Infant medical expense subsidy (Maru-nyu)',
    insurerNumber: '88138243',
    recipientNumberHasCheckDigit: true,
    coverage: { from: 'birth', until: 'before-school-entry' },
    copay: { kind: 'none' },
    validFrom: '2026-04-01',
    verification: VERIFY,
  },
  {
    municipalityCode: '132012',
    code: 'maru-ko',
    nameJa: '義務教育就学児医療費助成（マル子）',
    nameEn: 'School-age child medical expense subsidy (Maru-ko)',
    insurerNumber: '88131248',
    recipientNumberHasCheckDigit: true,
    coverage: { from: 'school-entry', until: 'end-of-age-15' },
    copay: { kind: 'none' },
    validFrom: '2026-04-01',
    verification: VERIFY,
  },
];
