import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { AnnouncementStatus } from '../notify.tables.ts';

const ja = {
  listTitle: 'お知らせ（セグメント配信）',
  listLead:
    '自治体の保護者に、お子さんの年齢とお知らせの種類で絞って送ります。作成した職員とは別の職員が承認すると、送信予定日時に送られます。',
  newLink: '新しいお知らせを作る',
  dashboardLink: '月別の配信状況',
  none: 'まだお知らせはありません。',
  title: '件名',
  status: '状態',
  targeted: '対象',
  sendAt: '送信予定',
  messages: '送信数',
  createdBy: '作成',
  statuses: {
    draft: '承認待ち',
    approved: '承認済み（送信予定）',
    sent: '送信済み',
    cancelled: '取り消し',
  } as Record<AnnouncementStatus, string>,
  you: 'あなた',
  colleague: '別の職員',
  newTitle: 'お知らせを作る',
  segment: '送る相手（セグメント）',
  municipality: '自治体',
  category: 'お知らせの種類',
  ageMin: '子どもの年齢（月齢）下限',
  ageMax: '子どもの年齢（月齢）上限（この月齢になる前まで）',
  ageHint: '空欄なら制限なし。例：0〜12 で 1歳未満。',
  urgent: '緊急（夜間の配信停止時間や、種類ごとの配信停止を無視して送る）',
  content: '内容',
  titleJa: '件名（日本語）',
  bodyJa: '本文（日本語）',
  titleEn: '件名（英語）',
  bodyEn: '本文（英語）',
  sendAtLabel: '送信予定日時（日本時間）',
  preview: '対象人数を確認',
  create: '作成して承認を依頼',
  previewResult: (n: number) => `今の時点の対象は ${n.toLocaleString('ja-JP')} 人です（種類の配信停止を除く）。`,
  errorsTitle: '入力内容を確認してください',
  detailLead: '承認、送信、チャネル別の配信状況',
  approve: '承認する（送信予定日時に送信）',
  fourEyes: '自分が作成したお知らせは承認できません。別の職員が承認します。',
  approved: '承認しました。送信予定日時に送信されます。',
  cancel: '送信を取り消す',
  cancelled: '取り消しました。このお知らせは送信されません。',
  created: '作成しました。別の職員に承認を依頼してください。',
  ageRange: (min: number | null, max: number | null) =>
    min == null && max == null ? '全年齢' : `${min ?? 0}か月〜${max == null ? '' : `${max}か月未満`}`,
  channel: 'チャネル',
  channelTargeted: '対象',
  sent: '送信',
  delivered: '配信済み',
  failed: '失敗',
  opened: '開封（Web／アプリ内）',
  noDeliveries: 'まだ配信はありません。',
  chart: 'チャネル別の送信・配信済み・失敗・開封',
  back: 'お知らせの一覧へ',
  approvedBy: '承認',
};

type Messages = typeof ja;

const en: Messages = {
  listTitle: 'Announcements to a segment',
  listLead:
    "Send to your municipality's parents, chosen by the child's age and the kind of notice. Another staff member approves; it goes out at its send time.",
  newLink: 'New announcement',
  dashboardLink: 'Delivery per month',
  none: 'No announcements yet.',
  title: 'Title',
  status: 'Status',
  targeted: 'Targeted',
  sendAt: 'Send time',
  messages: 'Sent',
  createdBy: 'Drafted by',
  statuses: { draft: 'Awaiting approval', approved: 'Approved (scheduled)', sent: 'Sent', cancelled: 'Cancelled' },
  you: 'you',
  colleague: 'a colleague',
  newTitle: 'New announcement',
  segment: 'Who receives it (segment)',
  municipality: 'Municipality',
  category: 'Kind of notice',
  ageMin: "Child's age from (months)",
  ageMax: "Child's age below (months)",
  ageHint: 'Leave empty for no limit. Example: 0 to 12 for children under one.',
  urgent: 'Urgent (ignores quiet hours and unsubscribed kinds)',
  content: 'Content',
  titleJa: 'Title (Japanese)',
  bodyJa: 'Text (Japanese)',
  titleEn: 'Title (English)',
  bodyEn: 'Text (English)',
  sendAtLabel: 'Send time (Japan time)',
  preview: 'Count recipients',
  create: 'Create and ask for approval',
  previewResult: (n: number) => `${n.toLocaleString('en')} parents would receive it now (unsubscribed kinds excluded).`,
  errorsTitle: 'Please check the form',
  detailLead: 'Approval, sending and delivery per channel',
  approve: 'Approve (sent at its send time)',
  fourEyes: 'You drafted this announcement, so another staff member approves it.',
  approved: 'Approved. It will be sent at its send time.',
  cancel: 'Cancel the send',
  cancelled: 'Cancelled. This announcement will not be sent.',
  created: 'Created. Ask a colleague to approve it.',
  ageRange: (min: number | null, max: number | null) =>
    min == null && max == null
      ? 'All ages'
      : `${min ?? 0} months to ${max == null ? 'any age' : `under ${max} months`}`,
  channel: 'Channel',
  channelTargeted: 'Targeted',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  opened: 'Opened (web / in app)',
  noDeliveries: 'Nothing delivered yet.',
  chart: 'Sent, delivered, failed and opened per channel',
  back: 'All announcements',
  approvedBy: 'Approved by',
};

export function announcementMessages(lang: Lang): Messages {
  return lang === 'ja' ? ja : en;
}

/** A send time in Japan time as the form's datetime-local value and for display. */
export function tokyoDateTime(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 16).replace(' ', 'T');
}
