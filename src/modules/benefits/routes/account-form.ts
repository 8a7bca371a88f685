import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { RegisteredAccount } from '../../identity/index.ts';
import { bankAccountSchema } from '../bank-account.schemas.ts';
import { ACCOUNT_FIELDS, type FieldError, type FormValues } from '../pages/apply-pages.tsx';

/**
 * The bank account from the form, validated with the same schema as the API; messages in the page language.
 * 公金受取口座: the form only says "use it"; the account itself is looked up again on every step (never taken
 * from the posted fields), then checked like a typed one.
 */
export async function parseAccount(
  values: FormValues,
  lang: Lang,
  registered: () => Promise<RegisteredAccount | null>,
) {
  let input: Record<string, string>;
  if (values.source === 'public-receipt') {
    const account = await registered();
    if (!account) {
      const message =
        lang === 'ja'
          ? '公金受取口座が登録されていません。振込先の口座を入力してください。'
          : 'No 公金受取口座 is registered for you. Enter the account to pay into.';
      return { account: undefined, errors: [{ field: 'source', message }] as FieldError[] };
    }
    input = { source: 'public-receipt', ...account };
  } else {
    input = { source: 'manual', ...Object.fromEntries(ACCOUNT_FIELDS.map((f) => [f, values[f] ?? ''])) };
  }
  const parsed = bankAccountSchema.safeParse(input);
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: issue.path.join('.'),
        message:
          lang === 'ja'
            ? ((issue as { params?: { ja?: string } }).params?.ja ?? '入力内容を確認してください')
            : issue.message,
      }));
  return { account: parsed.success ? parsed.data : undefined, errors };
}
