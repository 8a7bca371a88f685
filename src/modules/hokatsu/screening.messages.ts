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

export const consultationMessages = defineMessages<{
  title: string;
  lead: string;
  none: string;
  minutes: (n: number) => string;
  seatsLeft: (n: number) => string;
  topic: string;
  questions: string;
  book: string;
  signIn: string;
  mine: string;
  join: string;
  booked: string;
  cancelled: string;
  cancel: string;
  cancelClosed: string;
  errorHeading: string;
}>({
  ja: {
    title: 'オンライン保活相談',
    lead: '区市町村の相談員にビデオ通話で相談できます。予約は開始2時間前まで。',
    none: '予約できる相談枠はありません。',
    minutes: (n) => `${n}分`,
    seatsLeft: (n) => (n > 0 ? `残り${n}枠` : '満席'),
    topic: '相談したいこと',
    questions: '事前に伝えたい質問（任意）',
    book: '予約する',
    signIn: 'ログインして予約する',
    mine: '予約中の相談',
    join: '通話に参加する',
    booked: '相談を予約しました。',
    cancelled: '相談の予約を取り消しました。',
    cancel: '予約を取り消す',
    cancelClosed: '開始2時間前を過ぎたため、取消は相談窓口へ連絡してください。',
    errorHeading: '予約できませんでした',
  },
  en: {
    title: 'Online nursery consultation',
    lead: 'Talk to a municipal counsellor by video call. Book up to 2 hours before.',
    none: 'No consultation slots are open.',
    minutes: (n) => `${n} min`,
    seatsLeft: (n) => (n > 0 ? `${n} left` : 'Full'),
    topic: 'What you would like to talk about',
    questions: 'Questions to send ahead (optional)',
    book: 'Book',
    signIn: 'Sign in to book',
    mine: 'Your consultations',
    join: 'Join the call',
    booked: 'Your consultation is booked.',
    cancelled: 'Your consultation booking is cancelled.',
    cancel: 'Cancel this booking',
    cancelClosed: 'Less than 2 hours to go: to cancel, contact the consultation desk.',
    errorHeading: 'That did not work',
  },
});
