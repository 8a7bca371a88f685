import { defineMessages } from '../../platform/i18n/i18n.ts';
import type { ApplicationStatus } from './applications/application.tables.ts';

export const applicationMessages = defineMessages<{
  applyWithAnswers: string;
  applyTitle: string;
  applyLead: string;
  needAnswers: string;
  simulateFirst: string;
  child: string;
  noChildren: string;
  addChild: string;
  intakeMonth: string;
  choice: (n: number) => string;
  none: string;
  siblingsTogether: string;
  tieBreakHeading: string;
  tieBreakLead: string;
  incomeTaxQuestion: string;
  incomeTaxHint: (rule: string) => string;
  currentNursery: string;
  currentNurseryHint: string;
  notTransferring: string;
  yourIndex: string;
  submit: string;
  myApplications: string;
  noApplications: string;
  applicationTitle: (child: string) => string;
  statusLabel: string;
  statuses: Record<ApplicationStatus, string>;
  flash: Record<'submitted' | 'uploaded' | 'answered' | 'resubmitted', string>;
  choices: string;
  indexHeading: string;
  finalIndex: string;
  adjustments: string;
  documents: string;
  noDocuments: string;
  uploadLabel: string;
  uploadHint: string;
  upload: string;
  offerHeading: string;
  offerText: (nursery: string) => string;
  accept: string;
  decline: string;
  waitlistText: (rank: number | null) => string;
  fixHeading: string;
  resubmit: string;
  errorHeading: string;
  outcomes: Record<string, string>;
  explanationHeading: string;
}>({
  ja: {
    applyWithAnswers: 'この回答で入園を申し込む',
    applyTitle: '保育施設の利用申込',
    applyLead:
      'お名前・生年月日・住所はマイナンバーカードで確認した世帯の情報を使います。もう一度入力する必要はありません。',
    needAnswers: '指数の回答がまだありません。',
    simulateFirst: '指数シミュレーションから始める',
    child: 'お子さん',
    noChildren: '世帯にお子さんが登録されていません。',
    addChild: '世帯の情報でお子さんを登録する',
    intakeMonth: '入園希望月',
    choice: (n) => `第${n}希望`,
    none: '（選択しない）',
    siblingsTogether: 'きょうだいは同じ園でなければ入園しない',
    tieBreakHeading: '同じ指数の世帯がいたときの優先順位',
    tieBreakLead: '自治体の基準で、指数が同じ世帯の順位を決めるために使います。',
    incomeTaxQuestion: '世帯の住民税所得割額の合計（円・年額）',
    incomeTaxHint: (rule) => `同点時の基準「${rule}」に使います。空欄の場合は同点の世帯の中で後順位になります。`,
    currentNursery: '現在通っている保育施設（転園の場合）',
    currentNurseryHint: '転園を希望する場合だけ選びます。希望する園には転園先だけを挙げてください。',
    notTransferring: '転園ではない',
    yourIndex: 'あなたの世帯の指数',
    submit: '申し込む',
    myApplications: '利用申込',
    noApplications: '申込はまだありません。',
    applicationTitle: (c) => `${c}さんの利用申込`,
    statusLabel: '状態',
    statuses: {
      submitted: '受付済み',
      'in-review': '審査中',
      'needs-fix': '要修正',
      ready: '審査完了',
      offered: '内定',
      waitlisted: '保留（待機）',
      accepted: '承諾済み',
      declined: '辞退',
    },
    flash: {
      submitted: '申込を受け付けました。',
      uploaded: '書類を追加しました。',
      answered: '回答を受け付けました。',
      resubmitted: '再提出しました。',
    },
    choices: '希望園',
    indexHeading: '指数の内訳',
    finalIndex: '調整後の指数',
    adjustments: '調整',
    documents: '提出書類',
    noDocuments: '書類はまだありません。',
    uploadLabel: '書類ファイル',
    uploadHint: 'PDF・JPEG・PNG、1件5MBまで、最大10件。',
    upload: '追加する',
    offerHeading: '利用調整の結果',
    offerText: (n) => `${n}の内定が出ました。承諾または辞退を選んでください。`,
    accept: '承諾する',
    decline: '辞退する',
    waitlistText: (r) =>
      r === null ? '今回は内定に至りませんでした。' : `今回は内定に至りませんでした。第1希望の待機順位は${r}番目です。`,
    fixHeading: '修正のお願い',
    resubmit: '修正して再提出する',
    errorHeading: '入力内容を確認してください',
    outcomes: {
      assigned: '内定',
      full: '指数が上位の方で定員に達しました',
      'no-class': 'この年齢クラスの募集がありません',
      'siblings-not-together': 'きょうだい同一園の条件を満たせませんでした',
      'not-needed': 'より上位の希望園に内定',
      'seat-available': '空きがありました（要確認）',
    },
    explanationHeading: '希望園ごとの結果',
  },
  en: {
    applyWithAnswers: 'Apply with these answers',
    applyTitle: 'Apply for a nursery place',
    applyLead:
      'Names, birth dates and address come from your household as verified with your My Number Card: nothing to type again.',
    needAnswers: 'There are no index answers yet.',
    simulateFirst: 'Start with the index simulation',
    child: 'Child',
    noChildren: 'No child is registered in your household.',
    addChild: 'Register a child in your household',
    intakeMonth: 'Start month',
    choice: (n) => `Choice ${n}`,
    none: '(none)',
    siblingsTogether: 'Siblings: the same nursery or none',
    tieBreakHeading: 'If another household has the same index',
    tieBreakLead: 'Your municipality uses these to order households with equal indices.',
    incomeTaxQuestion: 'Household municipal income tax (所得割), total yen per year',
    incomeTaxHint: (rule) =>
      `Used for the tie-break “${rule}”. Left empty, you rank last among households with the same index.`,
    currentNursery: 'Nursery the child attends now (transfers only)',
    currentNurseryHint: 'Only if you want to move: then list only the nurseries to move to.',
    notTransferring: 'Not a transfer',
    yourIndex: 'Your household’s index',
    submit: 'Apply',
    myApplications: 'Nursery applications',
    noApplications: 'No applications yet.',
    applicationTitle: (c) => `Application for ${c}`,
    statusLabel: 'Status',
    statuses: {
      submitted: 'Submitted',
      'in-review': 'In review',
      'needs-fix': 'Needs a fix',
      ready: 'Screened',
      offered: 'Offered',
      waitlisted: 'Waitlisted',
      accepted: 'Accepted',
      declined: 'Declined',
    },
    flash: {
      submitted: 'Your application is in.',
      uploaded: 'The document is added.',
      answered: 'Thank you, your answer is recorded.',
      resubmitted: 'Sent again.',
    },
    choices: 'Nurseries chosen',
    indexHeading: 'How the index adds up',
    finalIndex: 'Index after adjustments',
    adjustments: 'Adjustments',
    documents: 'Documents',
    noDocuments: 'No documents yet.',
    uploadLabel: 'Document file',
    uploadHint: 'PDF, JPEG or PNG, up to 5 MB each, 10 at most.',
    upload: 'Add',
    offerHeading: 'Allocation result',
    offerText: (n) => `You are offered a place at ${n}. Please accept or decline.`,
    accept: 'Accept',
    decline: 'Decline',
    waitlistText: (r) =>
      r === null ? 'No place this round.' : `No place this round. You are number ${r} on your first choice’s waitlist.`,
    fixHeading: 'Please fix',
    resubmit: 'Send again',
    errorHeading: 'Please check your entries',
    outcomes: {
      assigned: 'Offered',
      full: 'Filled by higher indices',
      'no-class': 'No places for this age class',
      'siblings-not-together': 'Siblings could not be placed together',
      'not-needed': 'Offered a higher choice',
      'seat-available': 'A seat was free (to check)',
    },
    explanationHeading: 'Result per nursery',
  },
});
