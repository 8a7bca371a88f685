import { defineMessages } from '../../platform/i18n/i18n.ts';

export const visitMessages = defineMessages<{
  signInToBook: string;
  book: string;
  partySize: string;
  yourBookings: string;
  cancel: string;
  moveTo: string;
  move: string;
  flash: Record<'booked' | 'cancelled' | 'moved' | 'published' | 'marked', string>;
  people: (n: number) => string;
  cutoffNote: (hours: number, perNursery: number) => string;
  staffTitle: string;
  staffNoNursery: string;
  publishHeading: string;
  from: string;
  until: string;
  weekdays: string;
  weekdayNames: string[];
  startTime: string;
  endTime: string;
  capacity: string;
  notes: string;
  publish: string;
  holidaysSkipped: string;
  upcomingTours: string;
  booked: (taken: number, capacity: number) => string;
  attendees: string;
  noAttendees: string;
  bookingRef: string;
  status: string;
  attended: string;
  noShow: string;
  statuses: Record<string, string>;
  errorHeading: string;
}>({
  ja: {
    signInToBook: 'ログインして見学を予約する',
    book: '予約する',
    partySize: '人数',
    yourBookings: 'この園の見学予約',
    cancel: '取り消す',
    moveTo: '変更先の日程',
    move: '日程を変更する',
    flash: {
      booked: '見学を予約しました。',
      cancelled: '見学の予約を取り消しました。',
      moved: '見学の日程を変更しました。',
      published: '見学日程を公開しました。',
      marked: '出欠を記録しました。',
    },
    people: (n) => `${n}人`,
    cutoffNote: (h, n) => `予約・取消・変更は見学の${h}時間前までです。1つの園で予約できるのは${n}件までです。`,
    staffTitle: '園の見学管理',
    staffNoNursery: 'このアカウントに紐づく園が見つかりません。',
    publishHeading: '見学日程を公開する',
    from: '開始日',
    until: '終了日',
    weekdays: '曜日',
    weekdayNames: ['月', '火', '水', '木', '金', '土', '日'],
    startTime: '開始時刻',
    endTime: '終了時刻',
    capacity: '定員',
    notes: '備考',
    publish: '公開する',
    holidaysSkipped: '祝日と年末年始（12/29〜1/3）は自動的に除かれます。',
    upcomingTours: '見学日程',
    booked: (t, c) => `予約 ${t} / ${c}`,
    attendees: '参加者',
    noAttendees: '予約はありません。',
    bookingRef: '予約番号',
    status: '状態',
    attended: '参加',
    noShow: '不参加',
    statuses: { booked: '予約中', attended: '参加', 'no-show': '不参加', cancelled: '取消' },
    errorHeading: '処理できませんでした',
  },
  en: {
    signInToBook: 'Sign in to book a visit',
    book: 'Book',
    partySize: 'People',
    yourBookings: 'Your visits to this nursery',
    cancel: 'Cancel',
    moveTo: 'Move to',
    move: 'Change date',
    flash: {
      booked: 'Your visit is booked.',
      cancelled: 'Your visit is cancelled.',
      moved: 'Your visit has moved.',
      published: 'The tours are published.',
      marked: 'Attendance recorded.',
    },
    people: (n) => `${n} ${n === 1 ? 'person' : 'people'}`,
    cutoffNote: (h, n) =>
      `Book, cancel or change up to ${h} hours before the tour. A family may hold ${n} upcoming tours per nursery.`,
    staffTitle: 'Nursery visit tours',
    staffNoNursery: 'No nursery is linked to this account.',
    publishHeading: 'Publish tours',
    from: 'From',
    until: 'Until',
    weekdays: 'Weekdays',
    weekdayNames: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    startTime: 'Starts',
    endTime: 'Ends',
    capacity: 'Capacity',
    notes: 'Notes',
    publish: 'Publish',
    holidaysSkipped: 'National holidays and 29 Dec – 3 Jan are skipped.',
    upcomingTours: 'Tours',
    booked: (t, c) => `Booked ${t} / ${c}`,
    attendees: 'Attendees',
    noAttendees: 'No bookings.',
    bookingRef: 'Booking',
    status: 'Status',
    attended: 'Attended',
    noShow: 'No-show',
    statuses: { booked: 'Booked', attended: 'Attended', 'no-show': 'No-show', cancelled: 'Cancelled' },
    errorHeading: 'That did not work',
  },
});
