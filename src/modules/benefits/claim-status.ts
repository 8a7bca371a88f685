/**
 * The claim's status machine. Codes are stable English slugs; residents see the Japanese labels (申請受付 …).
 * The same list feeds the CHECK constraint in benefits.tables.ts, so the database refuses what the code would.
 */
export const CLAIM_STATUSES = [
  'received', // 申請受付
  'under-review', // 審査中
  'needs-fix', // 要修正
  'resubmitted', // 再提出
  'approved', // 支給決定
  'payment-scheduled', // 振込予定
  'paid', // 振込済
  'rejected', // 不支給
  'withdrawn', // 取下げ
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, { ja: string; en: string }> = {
  received: { ja: '申請受付', en: 'Application received' },
  'under-review': { ja: '審査中', en: 'Under review' },
  'needs-fix': { ja: '要修正', en: 'Correction needed' },
  resubmitted: { ja: '再提出', en: 'Resubmitted' },
  approved: { ja: '支給決定', en: 'Payment decided' },
  'payment-scheduled': { ja: '振込予定', en: 'Transfer scheduled' },
  paid: { ja: '振込済', en: 'Paid' },
  rejected: { ja: '不支給', en: 'Not granted' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
};

/** Who may move a claim: the parent who applied, municipal staff by role, or the system (payment runs). */
export type TransitionParty = 'parent' | 'clerk' | 'approver' | 'treasury' | 'system';

interface Transition {
  from: ClaimStatus;
  to: ClaimStatus;
  by: readonly TransitionParty[];
  /** A reason the parent will read is required (fix requests, refusals). */
  needsReason?: boolean;
}

/**
 * Every allowed move. 振込済 → 振込予定 exists because 018サポート is paid in instalments within one fiscal year's
 * claim; 振込予定 → 支給決定 is the way back when the bank returns a transfer as failed.
 */
export const CLAIM_TRANSITIONS: readonly Transition[] = [
  { from: 'received', to: 'under-review', by: ['clerk', 'approver'] },
  { from: 'received', to: 'withdrawn', by: ['parent'] },
  { from: 'under-review', to: 'needs-fix', by: ['clerk', 'approver'], needsReason: true },
  { from: 'under-review', to: 'approved', by: ['approver'] },
  { from: 'under-review', to: 'rejected', by: ['approver'], needsReason: true },
  { from: 'under-review', to: 'withdrawn', by: ['parent'] },
  { from: 'needs-fix', to: 'resubmitted', by: ['parent'] },
  { from: 'needs-fix', to: 'rejected', by: ['approver'], needsReason: true },
  { from: 'needs-fix', to: 'withdrawn', by: ['parent'] },
  { from: 'resubmitted', to: 'under-review', by: ['clerk', 'approver'] },
  { from: 'resubmitted', to: 'withdrawn', by: ['parent'] },
  { from: 'approved', to: 'payment-scheduled', by: ['treasury', 'system'] },
  { from: 'payment-scheduled', to: 'paid', by: ['treasury', 'system'] },
  { from: 'payment-scheduled', to: 'approved', by: ['treasury', 'system'], needsReason: true },
  { from: 'paid', to: 'payment-scheduled', by: ['treasury', 'system'] },
];

export function findTransition(from: ClaimStatus, to: ClaimStatus): Transition | undefined {
  return CLAIM_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** What the parent should expect next, shown under the timeline. */
export const NEXT_STEP: Record<ClaimStatus, { ja: string; en: string }> = {
  received: { ja: '区市町村が審査を始めます。', en: 'The municipality will start the review.' },
  'under-review': { ja: '審査結果をお待ちください。', en: 'Wait for the result of the review.' },
  'needs-fix': { ja: '理由を確認し、修正して再提出してください。', en: 'Read the reason, correct and resubmit.' },
  resubmitted: { ja: '再度審査します。', en: 'The claim will be reviewed again.' },
  approved: { ja: '振込日が決まるとお知らせします。', en: 'You will be told the transfer date.' },
  'payment-scheduled': { ja: '予定日に口座へ振り込まれます。', en: 'The money reaches your account on the date.' },
  paid: { ja: '次回の支給がある場合はお知らせします。', en: 'You will be told about any further instalment.' },
  rejected: { ja: '理由をご確認ください。', en: 'Read the reason given.' },
  withdrawn: { ja: '手続は終了しました。', en: 'This claim is closed.' },
};
