import { AppError } from '../../../platform/http/app-error.ts';

export const invalidCredentials = () =>
  new AppError('invalid-credentials', 401, {
    en: 'The e-mail address or password is wrong.',
    ja: 'メールアドレスまたはパスワードが正しくありません。',
  });

export const invalidTotp = () =>
  new AppError('invalid-totp', 401, {
    en: 'The code from the authenticator app is wrong or was already used. Wait for the next code and try again.',
    ja: '認証アプリのコードが正しくないか、使用済みです。次のコードが表示されてから入力してください。',
  });

export const accountLocked = (until: Date) =>
  new AppError(
    'account-locked',
    403,
    {
      en: `Too many failed attempts. The account is locked until ${until.toISOString()}.`,
      ja: `失敗が続いたため、アカウントを ${until.toISOString()} までロックしています。`,
    },
    [],
    { 'retry-after': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) },
  );

export const signInExpired = () =>
  new AppError('sign-in-expired', 401, {
    en: 'The sign-in took too long. Enter your e-mail address and password again.',
    ja: 'ログインの有効期限が切れました。メールアドレスとパスワードからやり直してください。',
  });
