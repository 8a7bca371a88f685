import { defineMessages } from '../../../platform/i18n/i18n.ts';
import type { CHANNELS, MessageLang } from '../messages/message-draft.ts';

type Channel = (typeof CHANNELS)[number];

export const draftMessages = defineMessages({
  ja: {
    listTitle: 'お知らせ文案',
    listLead:
      '制度の情報から LINE・Web Push・メールの文面（日本語・英語・やさしい日本語）の案を作り、職員が直して承認します。承認した文面は通知テンプレート「program-announcement」の新しい版になります。',
    program: '制度',
    status: '状態',
    updated: '更新',
    template: '通知テンプレート',
    none: 'まだ文案はありません。制度の一覧から「お知らせ文案を作る」を選んでください。',
    statuses: { draft: '下書き', approved: '承認済み' },
    generator: { template: '定型文から作成', llm: '言語モデルで作成' },
    draftTitle: (name: string) => `お知らせ文案：${name}`,
    langs: { ja: '日本語', en: '英語', 'easy-ja': 'やさしい日本語' } satisfies Record<MessageLang, string>,
    channels: {
      line: 'LINE 本文（5,000 字まで）',
      pushTitle: 'Web Push タイトル（40 字まで）',
      pushBody: 'Web Push 本文（120 字まで）',
      emailSubject: 'メール件名（100 字まで）',
      emailBody: 'メール本文',
    } satisfies Record<Channel, string>,
    save: '文案を保存',
    saved: '保存しました。',
    approve: '承認して通知テンプレートにする',
    approveNote:
      '承認すると文面は変更できなくなり、通知テンプレートの新しい版として保存されます。承認には「お知らせ送信」の権限が必要です。テンプレートには各言語の Web Push タイトルとメール本文が入り、LINE・Web Push 本文・やさしい日本語の文面はこの文案に残ります。',
    approved: (key: string, version: number) => `承認済み：通知テンプレート ${key} 第${version}版`,
    variables: '全世帯に同じ文面が届くため、((…)) の差し込み変数は使えません。',
    errors: 'エラーがあります',
    create: 'お知らせ文案を作る',
    proposals: '更新提案の一覧',
    back: '文案の一覧へ',
    announceTitle: '保護者へのお知らせにする',
    announceNote:
      'この制度の区市町村で、対象年齢のお子さんがいる保護者へのお知らせ案を作ります（分類「制度」）。別の職員がお知らせの画面で承認すると、指定の日時に送信されます。',
    sendAt: '送信日時（日本時間）',
    announce: 'お知らせ案を作る',
    announced: (n: number) => `お知らせ案を作成しました（現時点の対象：${n} 人）。別の職員の承認を待っています。`,
  },
  en: {
    listTitle: 'Notice drafts',
    listLead:
      'Drafts the LINE, Web Push and e-mail texts (Japanese, English and easy Japanese) from a program\'s record; staff edit and approve them. Approved texts become a new version of the notify template "program-announcement".',
    program: 'Program',
    status: 'Status',
    updated: 'Updated',
    template: 'Notify template',
    none: 'No drafts yet. Choose "Draft notices" beside a program.',
    statuses: { draft: 'draft', approved: 'approved' },
    generator: { template: 'from the templates', llm: 'by the language model' },
    draftTitle: (name: string) => `Notice draft: ${name}`,
    langs: { ja: 'Japanese', en: 'English', 'easy-ja': 'Easy Japanese' },
    channels: {
      line: 'LINE text (up to 5,000 characters)',
      pushTitle: 'Web Push title (up to 40 characters)',
      pushBody: 'Web Push body (up to 120 characters)',
      emailSubject: 'E-mail subject (up to 100 characters)',
      emailBody: 'E-mail body',
    },
    save: 'Save the draft',
    saved: 'Saved.',
    approve: 'Approve and make it a notify template',
    approveNote:
      'Once approved the texts are frozen and saved as a new version of the notify template. Approving needs the "send notices" permission. The template takes each language\'s Web Push title and e-mail body; the LINE, Web Push body and easy-Japanese texts stay on this draft.',
    approved: (key: string, version: number) => `Approved: notify template ${key}, version ${version}`,
    variables: 'The same text goes to every family, so no ((…)) variables can be used.',
    errors: 'There is a problem',
    create: 'Draft notices',
    proposals: 'Proposals',
    back: 'All drafts',
    announceTitle: 'Announce to parents',
    announceNote:
      'Drafts an announcement (category "programs") to the parents in the program\'s municipality whose child is in its age window. Another staff member approves it on the announcements screen; it is sent at the time given.',
    sendAt: 'Send at (Japan time)',
    announce: 'Draft the announcement',
    announced: (n: number) => `Announcement drafted (recipients now: ${n}). It awaits another staff member's approval.`,
  },
});
