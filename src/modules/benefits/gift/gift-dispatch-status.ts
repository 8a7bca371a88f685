/**
 * 赤ちゃんファースト is not a bank transfer: Tokyo mails the 赤ちゃんファーストギフト card (worth ¥100,000) and the
 * parent registers it on the gift's own website, where points are granted automatically and exchanged for 育児用品 or
 * 子育て支援サービス. Source: /work/shared/reference/benefits.md §1 "赤ちゃんファースト" [V], from
 * fukushi.metro.tokyo.lg.jp/kodomo/shussan/tokyo_shussankosodateouen ("Tokyo checks eligibility and mails the card
 * about 2–4 months after the application"; "Points are granted automatically when the parent registers there").
 *
 * So after 支給決定 the claim's own machine stops and this one tracks the card:
 *   発送準備 (preparing)  — [I] the claim is in the next mailing run; the reference names no such step, but a bulk
 *                           dispatch needs a list fixed before the envelopes go out.
 *   発送済   (shipped)    — [V] the card was mailed.
 *   受取済   (registered) — [V] the parent registered the card on the gift site and the points were granted: the one
 *                           receipt the reference says the scheme observes.
 * The reference says nothing about cards returned undelivered, re-issue or expiry, so there is no 返送 state here.
 */
export const GIFT_DISPATCH_STATUSES = ['preparing', 'shipped', 'registered'] as const;
export type GiftDispatchStatus = (typeof GIFT_DISPATCH_STATUSES)[number];

export const GIFT_DISPATCH_LABELS: Record<GiftDispatchStatus, { ja: string; en: string }> = {
  preparing: { ja: 'ギフトカード発送準備', en: 'Gift card being prepared' },
  shipped: { ja: 'ギフトカード発送済', en: 'Gift card mailed' },
  registered: { ja: 'ギフト受取済（サイト登録・ポイント付与）', en: 'Gift received (registered, points granted)' },
};

/** Every allowed move; `null` is "no dispatch yet" for an approved 赤ちゃんファースト claim. */
export const GIFT_DISPATCH_TRANSITIONS: readonly { from: GiftDispatchStatus | null; to: GiftDispatchStatus }[] = [
  { from: null, to: 'preparing' },
  { from: 'preparing', to: 'shipped' },
  { from: 'shipped', to: 'registered' },
];

export function giftDispatchFrom(to: GiftDispatchStatus): GiftDispatchStatus | null {
  const transition = GIFT_DISPATCH_TRANSITIONS.find((t) => t.to === to);
  if (!transition) throw new Error(`no transition to ${to}`);
  return transition.from;
}

/** What the parent should expect next once the gift is decided (支給決定) and while the card travels. */
export const GIFT_NEXT_STEP: Record<GiftDispatchStatus | 'awaiting', { ja: string; en: string }> = {
  awaiting: {
    ja: 'ギフトカードは申請から2〜4か月ほどで郵送されます。',
    en: 'The gift card is mailed about 2–4 months after the application.',
  },
  preparing: { ja: 'ギフトカードを郵送する準備をしています。', en: 'The gift card is being prepared for mailing.' },
  shipped: {
    ja: '届いたカードの案内に従って専用サイトで登録すると、ポイントが付与されます。',
    en: 'Register the card on its website as the card explains; the points are then granted.',
  },
  registered: {
    ja: 'ポイントを育児用品や子育て支援サービスと交換できます。',
    en: 'Exchange the points for childcare goods or support services.',
  },
};
