import { AppError } from '../../../platform/http/app-error.ts';

/** Why a card sign-in was refused: recorded in the audit log; the person sees one clear message per kind. */
export type CardSignInFailure =
  | 'no-login-request'
  | 'replayed'
  | 'expired'
  | 'state-mismatch'
  | 'cancelled'
  | 'token-exchange-failed'
  | 'id-token-invalid'
  | 'missing-claims';

export function cardSignInError(reason: CardSignInFailure): AppError {
  switch (reason) {
    case 'cancelled':
      return new AppError('sign-in-cancelled', 400, {
        en: 'The card sign-in was cancelled.',
        ja: 'カードでのログインが取り消されました。',
      });
    case 'expired':
    case 'no-login-request':
      return new AppError('sign-in-expired', 400, {
        en: 'This sign-in is no longer valid (it took too long or was started in another browser). Please start again.',
        ja: 'このログインは無効になりました（時間が経ちすぎたか、別のブラウザで開始されました）。もう一度やり直してください。',
      });
    default:
      return new AppError('sign-in-failed', 400, {
        en: 'The card sign-in could not be verified, so you were not signed in. Please start again.',
        ja: 'カードでのログインを確認できなかったため、ログインしていません。もう一度やり直してください。',
      });
  }
}
