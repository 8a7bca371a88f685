import { defineMessages } from '../../platform/i18n/i18n.ts';

export const screeningMessages = defineMessages<{
  title: string;
  queue: string;
  empty: string;
  child: string;
  month: string;
  ageClass: string;
  index: string;
  status: string;
  open: string;
  allocation: string;
  roundMonth: string;
  roundNo: string;
  dryRun: string;
  runs: string;
  publish: string;
  published: string;
  dryRunLabel: string;
  summary: (applicants: number, offers: number, blocking: number) => string;
  assigned: string;
  unassigned: string;
  minimumHeading: string;
  nursery: string;
  engineHeading: (rules: string) => string;
  adjustHeading: string;
  points: string;
  reason: string;
  addAdjustment: string;
  statusHeading: string;
  fixRequest: string;
  to: Record<'in-review' | 'needs-fix' | 'ready', string>;
  flash: Record<'status' | 'adjusted' | 'published', string>;
  back: string;
}>({
  ja: {
    title: '保育利用申込の審査',
    queue: '申込一覧',
    empty: '申込はありません。',
    child: 'お子さん',
    month: '入園希望月',
    ageClass: '年齢クラス',
    index: '指数',
    status: '状態',
    open: '開く',
    allocation: '利用調整',
    roundMonth: '入園月',
    roundNo: '回次',
    dryRun: '試算する',
    runs: '実行履歴',
    publish: 'この結果を公表する',
    published: '公表済み',
    dryRunLabel: '試算',
    summary: (a, o, b) => `申込 ${a}件、内定 ${o}件、ブロッキングペア ${b}件`,
    assigned: '内定先',
    unassigned: '保留',
    minimumHeading: '園・年齢別の最低指数',
    nursery: '施設',
    engineHeading: (r) => `ルールエンジンによる指数（${r}）`,
    adjustHeading: '指数の調整',
    points: '点数',
    reason: '理由',
    addAdjustment: '調整を追加',
    statusHeading: '状態の変更',
    fixRequest: '修正してほしい内容',
    to: { 'in-review': '審査を開始', 'needs-fix': '修正を依頼', ready: '審査完了にする' },
    flash: { status: '状態を変更しました。', adjusted: '調整を追加しました。', published: '結果を公表しました。' },
    back: '申込一覧へ',
  },
  en: {
    title: 'Nursery application screening',
    queue: 'Applications',
    empty: 'No applications.',
    child: 'Child',
    month: 'Start month',
    ageClass: 'Age class',
    index: 'Index',
    status: 'Status',
    open: 'Open',
    allocation: 'Allocation',
    roundMonth: 'Intake month',
    roundNo: 'Round',
    dryRun: 'Dry run',
    runs: 'Runs',
    publish: 'Publish this result',
    published: 'Published',
    dryRunLabel: 'Dry run',
    summary: (a, o, b) => `${a} applicants, ${o} offers, ${b} blocking pairs`,
    assigned: 'Offered',
    unassigned: 'Waitlisted',
    minimumHeading: 'Minimum admitted index by nursery and age',
    nursery: 'Nursery',
    engineHeading: (r) => `Index by the rules engine (${r})`,
    adjustHeading: 'Adjust the index',
    points: 'Points',
    reason: 'Reason',
    addAdjustment: 'Add adjustment',
    statusHeading: 'Change status',
    fixRequest: 'What to fix',
    to: { 'in-review': 'Start review', 'needs-fix': 'Ask for a fix', ready: 'Mark screened' },
    flash: { status: 'Status changed.', adjusted: 'Adjustment added.', published: 'Results published.' },
    back: 'Back to applications',
  },
});
