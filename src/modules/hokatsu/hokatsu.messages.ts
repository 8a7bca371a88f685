import { defineMessages } from '../../platform/i18n/i18n.ts';

export const hokatsuMessages = defineMessages<{
  simulateTitle: string;
  simulateLead: string;
  next: string;
  startOver: string;
  you: string;
  resultHeading: string;
  total: string;
  points: string;
  lineHeading: string;
  pointsHeading: string;
  detailHeading: string;
  parent: (n: number) => string;
  sampleNotice: string;
  errorPrefix: string;
  comparisonHeading: string;
  comparisonNone: string;
  nurseryHeading: string;
  lowestHeading: string;
  comparisonAbove: string;
  comparisonBelow: string;
  comparisonEqual: string;
  comparisonNote: string;
  sources: string;
}>({
  ja: {
    simulateTitle: '指数シミュレーション',
    simulateLead:
      '質問に1つずつ答えると、保育園の利用調整で使われる世帯の指数（点数）の目安を計算します。入力内容は保存されません。',
    next: '次へ',
    startOver: '最初からやり直す',
    you: 'あなた',
    resultHeading: '計算結果',
    total: '世帯の指数',
    points: '点',
    lineHeading: '項目',
    pointsHeading: '点数',
    detailHeading: '内訳',
    parent: (n) => `保護者${n}`,
    sampleNotice: 'この基準は公開資料から作成したサンプルです。実際の選考は自治体の入園案内に従います。',
    errorPrefix: '入力を確認してください：',
    comparisonHeading: '前回の最低指数との比較',
    comparisonNone: 'この自治体の前回の最低指数はまだ登録されていません。',
    nurseryHeading: '保育園',
    lowestHeading: '前回の最低指数',
    comparisonAbove: '前回の最低指数以上',
    comparisonBelow: '前回の最低指数未満',
    comparisonEqual: '同点（同点の場合は優先順位で決まります）',
    comparisonNote: '最低指数は年度や申込状況で変わります。目安としてご覧ください。',
    sources: '出典',
  },
  en: {
    simulateTitle: 'Index simulation',
    simulateLead:
      'Answer one question at a time to estimate the household index (points) that municipalities use to allocate nursery places. Nothing you enter is stored.',
    next: 'Next',
    startOver: 'Start over',
    you: 'You',
    resultHeading: 'Result',
    total: 'Household index',
    points: 'points',
    lineHeading: 'Item',
    pointsHeading: 'Points',
    detailHeading: 'Details',
    parent: (n) => `Parent ${n}`,
    sampleNotice:
      'These rules are a sample from public documents. Actual screening follows the municipality’s admission guide.',
    errorPrefix: 'Please check your answer: ',
    comparisonHeading: 'Compared with last round’s minimum admitted index',
    comparisonNone: 'No minimum admitted index from the last round is registered for this municipality yet.',
    nurseryHeading: 'Nursery',
    lowestHeading: 'Last minimum index',
    comparisonAbove: 'At or above last round’s minimum',
    comparisonBelow: 'Below last round’s minimum',
    comparisonEqual: 'Equal (ties are broken by the priority order)',
    comparisonNote: 'Minimum indices change with each year and round; treat them as a guide.',
    sources: 'Sources',
  },
});
