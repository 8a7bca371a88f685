import { defineMessages } from '../../platform/i18n/i18n.ts';

export const counsellorMessages = defineMessages<{
  title: string;
  lead: string;
  publishHeading: string;
  from: string;
  until: string;
  untilHint: string;
  weekdays: string;
  weekdayNames: string[];
  startTime: string;
  duration: string;
  meetingUrl: string;
  meetingUrlHint: string;
  capacity: string;
  holidaysSkipped: string;
  publish: string;
  slotsHeading: string;
  none: string;
  booked: (taken: number, capacity: number) => string;
  minutes: (n: number) => string;
  link: string;
  noBookings: string;
  bookings: string;
  reference: string;
  topic: string;
  questions: string;
  status: string;
  held: string;
  noShow: string;
  statuses: Record<string, string>;
  flash: { published: (n: number) => string; marked: string };
  errorHeading: string;
  notMunicipal: string;
}>({
  ja: {
    title: 'オンライン保活相談の管理',
    lead: '相談枠を公開し、予約した世帯の相談内容を確認して、実施後に記録します。',
    publishHeading: '相談枠を公開する',
    from: '日付（繰り返しの場合は開始日）',
    until: '繰り返しの終了日（任意）',
    untilHint: '空欄なら上の日付に1枠だけ公開します。',
    weekdays: '繰り返す曜日',
    weekdayNames: ['月', '火', '水', '木', '金', '土', '日'],
    startTime: '開始時刻',
    duration: '所要時間（分）',
    meetingUrl: 'ビデオ会議のリンク',
    meetingUrlHint: 'https:// で始まるアドレス。予約した世帯にだけ表示されます。',
    capacity: '定員（世帯）',
    holidaysSkipped: '繰り返しでは祝日と年末年始（12/29〜1/3）を除きます。',
    publish: '公開する',
    slotsHeading: '相談枠と予約',
    none: '公開中の相談枠はありません。',
    booked: (t, c) => `予約 ${t}/${c}`,
    minutes: (n) => `${n}分`,
    link: '会議リンク',
    noBookings: '予約はまだありません。',
    bookings: '予約した世帯',
    reference: '予約番号',
    topic: '相談したいこと',
    questions: '事前の質問',
    status: '状況',
    held: '実施済み',
    noShow: '不参加',
    statuses: { booked: '予約中', held: '実施済み', 'no-show': '不参加', cancelled: '取消' },
    flash: { published: (n) => `${n}件の相談枠を公開しました。`, marked: '記録しました。' },
    errorHeading: '処理できませんでした',
    notMunicipal: '相談枠は区市町村の職員が管理します。都全体のアカウントでは使えません。',
  },
  en: {
    title: 'Online nursery consultations',
    lead: 'Publish consultation slots, read what each household wants to discuss, and record each consultation.',
    publishHeading: 'Publish slots',
    from: 'Date (first day of a series)',
    until: 'Last day of the series (optional)',
    untilHint: 'Leave empty for one slot on the date above.',
    weekdays: 'Weekdays of the series',
    weekdayNames: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    startTime: 'Start time',
    duration: 'Duration (minutes)',
    meetingUrl: 'Video meeting link',
    meetingUrlHint: 'An https:// address, shown only to households that booked.',
    capacity: 'Capacity (households)',
    holidaysSkipped: 'A series skips national holidays and 29 Dec – 3 Jan.',
    publish: 'Publish',
    slotsHeading: 'Slots and bookings',
    none: 'No consultation slots are published.',
    booked: (t, c) => `${t} of ${c} booked`,
    minutes: (n) => `${n} min`,
    link: 'Meeting link',
    noBookings: 'No bookings yet.',
    bookings: 'Households booked',
    reference: 'Reference',
    topic: 'Topic',
    questions: 'Questions',
    status: 'Status',
    held: 'Held',
    noShow: 'No-show',
    statuses: { booked: 'Booked', held: 'Held', 'no-show': 'No-show', cancelled: 'Cancelled' },
    flash: { published: (n) => `${n} slot(s) published.`, marked: 'Recorded.' },
    errorHeading: 'That did not work',
    notMunicipal: 'Consultation slots are run by a municipality; Tokyo-wide accounts cannot use this page.',
  },
});
