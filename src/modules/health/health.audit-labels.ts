import { registerAuditLabels } from '../../platform/audit/audit-labels.ts';

// Every action health writes on a child, pregnancy or household (so it appears in the parent's access log), in words.
// health-audit-labels.test.ts checks that each action written by this module's code has a label here.
export const HEALTH_ACTION_LABELS = {
  'health-consent.open': { ja: '医療機関用の番号（同意）を表示', en: 'Opened a consent code for a clinic' },
  'health-eligibility.check': {
    ja: '医療費助成の受給資格を確認',
    en: 'Checked medical-subsidy eligibility',
  },
  'health-visit.read': {
    ja: '受付で助成・予防接種・予診票を閲覧',
    en: 'Viewed subsidies, vaccinations and the 予診票 at reception',
  },
  'health-vaccination.record': { ja: '予防接種を記録', en: 'Recorded a vaccination' },
  'health-checkup.record': { ja: '健診結果を記録', en: 'Recorded a check-up result' },
  'health-checkup.read': { ja: '健診結果を閲覧', en: 'Viewed check-up results' },
  'health-prenatal.check': { ja: '妊婦健診の受付（番号を確認）', en: 'Checked in for a 妊婦健診 (prenatal check-up)' },
  'health-prenatal.read': { ja: '妊婦健診の記録を閲覧', en: 'Viewed the 妊婦健診 records' },
  'health-questionnaire.sign': { ja: '予診票に署名', en: 'Signed a 予診票 (pre-vaccination questionnaire)' },
  'health-link.set': {
    ja: '自治体の宛名番号と結び付け（医療費助成のため）',
    en: 'Linked to the municipality’s resident number (for medical subsidies)',
  },
  'health-record.list': {
    ja: '自治体の健康記録一覧に表示',
    en: 'Shown in the municipality’s health records list',
  },
} as const;

const HEALTH_PURPOSE_LABELS = {
  'subsidy eligibility check at a clinic': {
    ja: '医療機関での受給資格確認',
    en: 'subsidy eligibility check at a clinic',
  },
  // Denied checks carry no resource, so this label shows only in staff views of the audit log.
  'clinic check without a valid consent code': {
    ja: '有効な同意コードのない医療機関からの確認',
    en: 'clinic check without a valid consent code',
  },
  'clinic reception: subsidies and vaccinations': {
    ja: '医療機関の受付（助成・予防接種）',
    en: 'clinic reception: subsidies and vaccinations',
  },
  'clinic reception: 妊婦健診': { ja: '医療機関の受付（妊婦健診）', en: 'clinic reception: prenatal check-up' },
  'prenatal check-up (妊婦健診) at a clinic': { ja: '医療機関での妊婦健診', en: 'prenatal check-up at a clinic' },
  'vaccination recorded by a clinic': { ja: '医療機関が予防接種を記録', en: 'vaccination recorded by a clinic' },
  'check-up result recorded by a clinic': {
    ja: '医療機関が健診結果を記録',
    en: 'check-up result recorded by a clinic',
  },
  '妊婦健診 result recorded by a clinic': {
    ja: '医療機関が妊婦健診の結果を記録',
    en: 'prenatal check-up result recorded by a clinic',
  },
  'check-up result recorded by the municipality': {
    ja: '自治体が健診結果を記録',
    en: 'check-up result recorded by the municipality',
  },
  'municipal health records: check-up results': {
    ja: '自治体の健康記録（健診結果）',
    en: 'municipal health records: check-up results',
  },
  'municipal health records: vaccination and check-up status': {
    ja: '自治体の健康記録（予防接種・健診の状況）',
    en: 'municipal health records: vaccination and check-up status',
  },
  'consent code for a clinic (eligibility)': {
    ja: '医療機関用の番号（受給資格確認）',
    en: 'consent code for a clinic (eligibility check)',
  },
  'consent code for a clinic (vaccination)': {
    ja: '医療機関用の番号（予防接種・乳幼児健診）',
    en: 'consent code for a clinic (vaccination or infant check-up)',
  },
  'consent code for a clinic (prenatal-checkup)': {
    ja: '医療機関用の番号（妊婦健診）',
    en: 'consent code for a clinic (prenatal check-up)',
  },
  'parent signs a 予診票': { ja: '保護者が予診票に署名', en: 'parent signs a pre-vaccination questionnaire' },
  'link child to municipal resident number for subsidies': {
    ja: '医療費助成のため宛名番号と結び付け',
    en: 'link to the municipal resident number for subsidies',
  },
  'link child to municipal resident number for subsidies (file import)': {
    ja: '医療費助成のため宛名番号と結び付け（一括）',
    en: 'link to the municipal resident number for subsidies (file import)',
  },
  'health reminders': { ja: '健診・予防接種のお知らせ', en: 'check-up and vaccination reminders' },
  // Purposes of staff reads of the household (identity's household.read) made for health.
  'record a check-up result': { ja: '健診結果の記録', en: 'recording a check-up result' },
  'check-up results': { ja: '健診結果の確認', en: 'check-up results' },
  'link to resident number': { ja: '宛名番号との結び付け', en: 'linking to the resident number' },
  'link children to resident numbers': { ja: '宛名番号との結び付け（一括）', en: 'linking to resident numbers (file)' },
} as const;

registerAuditLabels({ actions: HEALTH_ACTION_LABELS, purposes: HEALTH_PURPOSE_LABELS });
