import type { LocalizedText } from './app-error.ts';

/** Short, stable titles per problem code (RFC 9457 `title`); `detail` carries the specifics. */
export const PROBLEM_TITLES: Record<string, LocalizedText> = {
  'validation-failed': { en: 'The request has invalid values', ja: 'リクエストの値に誤りがあります' },
  'malformed-body': { en: 'The request body could not be read', ja: 'リクエスト本文を読み取れません' },
  'not-found': { en: 'Not found', ja: '見つかりません' },
  'method-not-allowed': { en: 'Method not allowed', ja: 'このメソッドは使えません' },
  'payload-too-large': { en: 'The request body is too large', ja: 'リクエスト本文が大きすぎます' },
  'unsupported-media-type': { en: 'Unsupported content type', ja: '対応していない形式です' },
  'rate-limited': { en: 'Too many requests', ja: 'リクエストが多すぎます' },
  'csrf-failed': { en: 'The form has expired', ja: 'フォームの有効期限が切れました' },
  forbidden: { en: 'Forbidden', ja: '権限がありません' },
  unauthorized: { en: 'Sign-in required', ja: 'ログインが必要です' },
  conflict: { en: 'Conflict', ja: '競合が発生しました' },
  'internal-error': { en: 'Internal error', ja: 'システムエラー' },
  'service-unavailable': { en: 'Service unavailable', ja: 'サービスを利用できません' },
  'bad-request': { en: 'Bad request', ja: '不正なリクエストです' },
  // health (issue 7)
  'no-eligibility-available': { en: 'No eligibility information', ja: '受給資格情報はありません' },
  'looks-like-my-number': { en: 'A My Number cannot be stored', ja: 'マイナンバーは保存できません' },
  'resident-number-linked': { en: 'Resident number already linked', ja: '宛名番号は使用済みです' },
  'unknown-dose': { en: 'Unknown vaccine or dose', ja: 'ワクチン・回数が不明です' },
  'consent-purpose': { en: 'Outside the consented purpose', ja: '同意の目的外です' },
  'dose-recorded': { en: 'Dose already recorded', ja: '接種記録済みです' },
  // hokatsu: visit tours, consultations, nursery applications and allocation
  'slot-full': { en: 'Fully booked', ja: '満席です' },
  'already-booked': { en: 'Already booked', ja: '予約済みです' },
  'past-cutoff': { en: 'Past the cut-off', ja: '受付期限を過ぎています' },
  'family-limit': { en: 'Booking limit reached', ja: '予約できる件数の上限です' },
  'household-limit': { en: 'Booking limit reached', ja: '予約できる件数の上限です' },
  'invalid-transition': { en: 'Not possible in this status', ja: 'この状態ではできません' },
  'already-applied': { en: 'Already applied', ja: '申込済みです' },
  'invalid-answers': { en: 'Invalid index answers', ja: '指数の回答に誤りがあります' },
  'no-index-rules': { en: 'No admission rules', ja: '利用調整基準が未登録です' },
  'document-too-large': { en: 'Document too large', ja: '書類が大きすぎます' },
  'unsupported-document-type': { en: 'Unsupported document type', ja: '対応していない書類の形式です' },
  'stale-dry-run': { en: 'Dry run out of date', ja: '試算が古くなっています' },
};

export function problemTitle(code: string, status: number): LocalizedText {
  return (
    PROBLEM_TITLES[code] ??
    (status >= 500
      ? (PROBLEM_TITLES['internal-error'] as LocalizedText)
      : (PROBLEM_TITLES['bad-request'] as LocalizedText))
  );
}
