import type { NotifyCategory } from '../notify.tables.ts';

export interface TemplateDefinition {
  category: NotifyCategory;
  /** The only variables a version of this template may use; checked when staff save a new version. */
  variables: readonly string[];
  /** Version 1, written by `syncReferenceData`; staff save later versions through the API. */
  initial: { titleJa: string; bodyJa: string; titleEn: string; bodyEn: string };
}

/** Every message Tsunagu sends, by template key. Other modules pick a key; they never send free text. */
export const TEMPLATE_CATALOG = {
  'monthly-digest': {
    category: 'programs',
    variables: ['child_name', 'month', 'programs'],
    initial: {
      titleJa: '((month))の((child_name))さん向けのお知らせ',
      bodyJa: '((child_name))さんが今月対象になる制度や、申請期限が近い制度です。\n((programs))',
      titleEn: 'For ((child_name)) in ((month))',
      bodyEn:
        'Programs ((child_name)) becomes eligible for this month, and programs whose application period ends soon.\n((programs))',
    },
  },
  'pregnancy-digest': {
    category: 'programs',
    variables: ['month', 'pregnancy_week', 'programs'],
    initial: {
      titleJa: '((month))の妊娠中の方へのお知らせ（妊娠((pregnancy_week))週ごろ）',
      bodyJa: '妊娠中に使える制度です。\n((programs))',
      titleEn: 'For your pregnancy in ((month)) (about week ((pregnancy_week)))',
      bodyEn: 'Programs you can use during pregnancy.\n((programs))',
    },
  },
  'schedule-notice': {
    category: 'health',
    variables: ['child_name', 'item', 'from', 'to'],
    initial: {
      titleJa: '((item))の時期です',
      bodyJa: '((child_name))さんの((item))は((from))から((to))までに受けましょう。',
      titleEn: 'Time for the ((item))',
      bodyEn: "((child_name))'s ((item)) is due between ((from)) and ((to)).",
    },
  },
  'claim-status': {
    category: 'benefits',
    variables: ['benefit', 'status'],
    initial: {
      titleJa: '((benefit))の申請状況が変わりました',
      bodyJa: '((benefit))の申請は「((status))」になりました。',
      titleEn: 'Your ((benefit)) claim was updated',
      bodyEn: 'Your ((benefit)) claim is now "((status))".',
    },
  },
  'birth-next-steps': {
    category: 'benefits',
    variables: ['birth_date'],
    initial: {
      titleJa: 'ご出産おめでとうございます。次にすること',
      bodyJa:
        '((birth_date))生まれのお子さんについて、次の手続きをタップして進められます。\n・018サポート・赤ちゃんファーストの申請\n・1か月児健診の予定\n・保育園の検索',
      titleEn: 'Congratulations on your baby. What to do next',
      bodyEn:
        'For your child born on ((birth_date)), tap to continue:\n- Apply for 018 Support and Baby First\n- Plan the 1-month check-up\n- Search nurseries',
    },
  },
  'visit-booked': {
    category: 'nursery',
    variables: ['date', 'time'],
    initial: {
      titleJa: '保育園見学の予約が確定しました',
      bodyJa: '((date)) ((time)) の見学予約を受け付けました。',
      titleEn: 'Your nursery visit is booked',
      bodyEn: 'Your visit on ((date)) at ((time)) is booked.',
    },
  },
  'visit-rescheduled': {
    category: 'nursery',
    variables: ['date', 'time'],
    initial: {
      titleJa: '保育園見学の日時を変更しました',
      bodyJa: '見学は ((date)) ((time)) に変更されました。',
      titleEn: 'Your nursery visit was moved',
      bodyEn: 'Your visit is now on ((date)) at ((time)).',
    },
  },
  'visit-cancelled': {
    category: 'nursery',
    variables: ['date', 'time'],
    initial: {
      titleJa: '保育園見学の予約を取り消しました',
      bodyJa: '((date)) ((time)) の見学予約は取り消されました。',
      titleEn: 'Your nursery visit was cancelled',
      bodyEn: 'Your visit on ((date)) at ((time)) was cancelled.',
    },
  },
  'visit-reminder': {
    category: 'nursery',
    variables: ['date', 'time'],
    initial: {
      titleJa: '明日は保育園見学の日です',
      bodyJa: '((date)) ((time)) から見学の予約があります。',
      titleEn: 'Your nursery visit is tomorrow',
      bodyEn: 'You have a nursery visit on ((date)) at ((time)).',
    },
  },
  'allocation-offered': {
    category: 'nursery',
    variables: ['month'],
    initial: {
      titleJa: '保育園の利用調整の結果が出ました（内定）',
      bodyJa: '((month))入園の利用調整で内定しました。期限までに承諾するか辞退するかを選んでください。',
      titleEn: 'Nursery allocation result: you have an offer',
      bodyEn: 'You have an offer for admission in ((month)). Please accept or decline it before the deadline.',
    },
  },
  'allocation-waitlisted': {
    category: 'nursery',
    variables: ['month', 'rank'],
    initial: {
      titleJa: '保育園の利用調整の結果が出ました（保留）',
      bodyJa: '((month))入園の利用調整では内定しませんでした。待機順位は((rank))です。結果と理由を確認できます。',
      titleEn: 'Nursery allocation result: waitlisted',
      bodyEn: 'There was no offer for admission in ((month)). Your waitlist rank is ((rank)). See the result and why.',
    },
  },
  'allocation-moved-up': {
    category: 'nursery',
    variables: [],
    initial: {
      titleJa: '保育園の空きが出て内定しました（繰り上げ）',
      bodyJa: '辞退により空いた枠で内定しました。期限までに承諾するか辞退するかを選んでください。',
      titleEn: 'A nursery seat opened up: you have an offer',
      bodyEn: 'A seat was declined and is now offered to you. Please accept or decline it before the deadline.',
    },
  },
  'consultation-booked': {
    category: 'nursery',
    variables: ['date', 'time'],
    initial: {
      titleJa: '保活オンライン相談の予約が確定しました',
      bodyJa: '((date)) ((time)) からのオンライン相談を受け付けました。参加用のリンクは予約ページにあります。',
      titleEn: 'Your online nursery consultation is booked',
      bodyEn: 'Your online consultation on ((date)) at ((time)) is booked. The meeting link is on the booking page.',
    },
  },
  'consultation-cancelled': {
    category: 'nursery',
    variables: ['date', 'time'],
    initial: {
      titleJa: '保活オンライン相談の予約を取り消しました',
      bodyJa: '((date)) ((time)) からのオンライン相談の予約は取り消されました。',
      titleEn: 'Your online nursery consultation was cancelled',
      bodyEn: 'Your online consultation on ((date)) at ((time)) was cancelled.',
    },
  },
  announcement: {
    category: 'announcements',
    variables: ['title', 'body'],
    initial: { titleJa: '((title))', bodyJa: '((body))', titleEn: '((title))', bodyEn: '((body))' },
  },
  // The notices held for a parent who chose the monthly digest, folded into one message.
  'held-digest': {
    category: 'programs',
    variables: ['month', 'count', 'notices'],
    initial: {
      titleJa: '((month))のまとめ：((count))件のお知らせ',
      bodyJa: '月1回のまとめ配信を選んでいるため、この1か月のお知らせをまとめてお届けします。\n\n((notices))',
      titleEn: '((month)) summary: ((count)) notices',
      bodyEn: 'You chose a monthly digest, so here are the notices of the past month in one message.\n\n((notices))',
    },
  },
  // Written by assist when staff approve a notice drafted from a registry program (assist's message drafts): each
  // approval is a new version. No variables: a staff announcement goes to every parent of a segment, one message per
  // parent, so there is no one child to name; the texts are sent as they are.
  'program-announcement': {
    category: 'programs',
    variables: [],
    initial: {
      titleJa: '子育て支援制度のお知らせ',
      bodyJa: 'お住まいの区市町村の子育て支援制度についてのお知らせです。',
      titleEn: 'About a child-rearing support program',
      bodyEn: 'A notice about a child-rearing support program of your municipality.',
    },
  },
} as const satisfies Record<string, TemplateDefinition>;

export type TemplateKey = keyof typeof TEMPLATE_CATALOG;

export function isTemplateKey(key: string): key is TemplateKey {
  return Object.hasOwn(TEMPLATE_CATALOG, key);
}
