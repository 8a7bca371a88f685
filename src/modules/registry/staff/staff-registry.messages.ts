import { defineMessages } from '../../../platform/i18n/i18n.ts';
import type { ProgramStatus } from '../program-status.ts';

type Filter = 'all' | ProgramStatus;

export const staffRegistryMessages = defineMessages<{
  title: string;
  lead: string;
  filter: string;
  filters: Record<Filter, string>;
  search: string;
  keyword: string;
  apply: string;
  newProgram: string;
  none: string;
  name: string;
  municipality: string;
  status: string;
  statuses: Record<ProgramStatus, string>;
  openVersion: (version: number, status: string) => string;
  updated: string;
  backToList: string;
  editTitle: (name: string) => string;
  createTitle: string;
  fields: {
    name: string;
    shortName: string;
    summary: string;
    targetText: string;
    categories: string;
    categoriesHint: string;
    ageMin: string;
    ageMax: string;
    ageHint: string;
    ageWindow: string;
    procedure: string;
    prenatal: string;
    incomeBasis: string;
    incomeNone: string;
    procedureFrom: string;
    procedureTo: string;
    procedureText: string;
    url: string;
    effectiveFrom: string;
    effectiveTo: string;
  };
  saveDraft: string;
  errorSummary: string;
  checkField: string;
  versionLabel: (version: number) => string;
  published: string;
  notPublished: string;
  changes: string;
  field: string;
  before: string;
  after: string;
  noChanges: string;
  edit: string;
  submit: string;
  approve: string;
  sendBack: string;
  retire: string;
  retireConfirm: string;
  fourEyes: string;
  history: string;
  createdBy: string;
  reviewedBy: string;
  publishedAt: string;
  saved: string;
  submitted: string;
  approved: string;
  returned: string;
  retired: string;
  viewPublic: string;
}>({
  ja: {
    title: '制度レジストリの管理',
    lead: '担当する区市町村の子育て支援制度を作成・編集し、承認を経て公開します。',
    filter: '状態',
    filters: { all: 'すべて', draft: '下書き', in_review: '確認待ち', published: '公開中', retired: '廃止' },
    search: '絞り込み',
    keyword: '名前・制度 ID',
    apply: '表示',
    newProgram: '新しい制度を作成',
    none: '該当する制度はありません。',
    name: '制度名',
    municipality: '区市町村',
    status: '状態',
    statuses: { draft: '下書き', in_review: '確認待ち', published: '公開中', retired: '廃止' },
    openVersion: (v, s) => `第${v}版: ${s}`,
    updated: '更新',
    backToList: '一覧にもどる',
    editTitle: (name) => `「${name}」を編集`,
    createTitle: '新しい制度',
    fields: {
      name: '制度名',
      shortName: '略称',
      summary: '概要',
      targetText: '対象者',
      categories: 'カテゴリーコード',
      categoriesHint: '001〜033 をカンマ区切りで（例: 004, 012）',
      ageMin: '対象月齢（から）',
      ageMax: '対象月齢（未満）',
      ageHint: '月齢で入力します。上限は含みません（1歳の誕生日まで = 12）。空欄は「不明」です。',
      ageWindow: '対象月齢',
      procedure: '申請期間',
      prenatal: '妊娠中の方も対象',
      incomeBasis: '所得制限',
      incomeNone: '記載なし',
      procedureFrom: '申請期間（開始日）',
      procedureTo: '申請期間（終了日）',
      procedureText: '申請期間（説明）',
      url: '公式ページの URL',
      effectiveFrom: '適用開始日',
      effectiveTo: '適用終了日',
    },
    saveDraft: '下書きを保存',
    errorSummary: '入力内容を確認してください',
    checkField: '入力内容を確認してください',
    versionLabel: (v) => `第${v}版`,
    published: '公開中の内容',
    notPublished: 'まだ公開されていません',
    changes: '変更点（公開中の内容との差分）',
    field: '項目',
    before: '変更前',
    after: '変更後',
    noChanges: '変更はありません',
    edit: '編集する',
    submit: '確認を依頼する',
    approve: '承認して公開する',
    sendBack: '差し戻す',
    retire: 'この制度を廃止する',
    retireConfirm: '廃止すると検索と API から外れます。履歴は残ります。',
    fourEyes: '自分で作成・提出した版は承認できません（別の承認者が必要です）。',
    history: '版の履歴',
    createdBy: '作成',
    reviewedBy: '確認',
    publishedAt: '公開日時',
    saved: '下書きを保存しました。',
    submitted: '確認を依頼しました。',
    approved: '承認し、公開しました。',
    returned: '差し戻しました。',
    retired: '廃止しました。',
    viewPublic: '公開 API で見る',
  },
  en: {
    title: 'Program registry',
    lead: 'Create and edit the support programs of your municipality; an approver publishes them.',
    filter: 'Status',
    filters: { all: 'All', draft: 'Draft', in_review: 'Awaiting review', published: 'Published', retired: 'Retired' },
    search: 'Filter',
    keyword: 'Name or program id',
    apply: 'Show',
    newProgram: 'Create a program',
    none: 'No program matches.',
    name: 'Program',
    municipality: 'Municipality',
    status: 'Status',
    statuses: { draft: 'Draft', in_review: 'Awaiting review', published: 'Published', retired: 'Retired' },
    openVersion: (v, s) => `Version ${v}: ${s}`,
    updated: 'Updated',
    backToList: 'Back to the list',
    editTitle: (name) => `Edit “${name}”`,
    createTitle: 'New program',
    fields: {
      name: 'Name',
      shortName: 'Short name',
      summary: 'Summary',
      targetText: 'Who it is for',
      categories: 'Category codes',
      categoriesHint: '001–033, separated by commas (e.g. 004, 012)',
      ageMin: 'Age from (months)',
      ageMax: 'Age until (months, exclusive)',
      ageHint: 'In months; the upper bound is exclusive (until the 1st birthday = 12). Leave empty when unknown.',
      ageWindow: 'Age window (months)',
      procedure: 'Application period',
      prenatal: 'Also for pregnant women',
      incomeBasis: 'Income limit',
      incomeNone: 'Not stated',
      procedureFrom: 'Applications from',
      procedureTo: 'Applications until',
      procedureText: 'Application period (text)',
      url: 'Official page URL',
      effectiveFrom: 'Effective from',
      effectiveTo: 'Effective until',
    },
    saveDraft: 'Save draft',
    errorSummary: 'Please check your entries',
    checkField: 'Please check this entry',
    versionLabel: (v) => `Version ${v}`,
    published: 'Published content',
    notPublished: 'Not published yet',
    changes: 'Changes (against the published version)',
    field: 'Field',
    before: 'Before',
    after: 'After',
    noChanges: 'No changes',
    edit: 'Edit',
    submit: 'Submit for review',
    approve: 'Approve and publish',
    sendBack: 'Send back',
    retire: 'Retire this program',
    retireConfirm: 'A retired program leaves search and the API; its history stays.',
    fourEyes: 'You cannot approve a version you wrote or submitted: another approver must.',
    history: 'Version history',
    createdBy: 'Written by',
    reviewedBy: 'Reviewed by',
    publishedAt: 'Published',
    saved: 'Draft saved.',
    submitted: 'Submitted for review.',
    approved: 'Approved and published.',
    returned: 'Sent back to the editor.',
    retired: 'Retired.',
    viewPublic: 'View in the public API',
  },
});
