import { z } from 'zod';
import { isZenginText, toZenginKana } from './payments/zengin-kana.ts';

const digits = (n: number, en: string, ja: string) =>
  z.string().refine((v) => new RegExp(`^\\d{${n}}$`).test(v), { message: en, params: { ja } });

/**
 * The account a benefit is paid to: the parent's 公金受取口座 when the identity provider supplies it, otherwise typed
 * by the parent. Either way it must fit a 全銀 transfer record, so it is checked here rather than at payment time.
 * The holder name may be typed in hiragana or full-width katakana; it is stored in half-width 全銀 kana.
 */
export const bankAccountSchema = z
  .object({
    source: z.enum(['public-receipt', 'manual']),
    bankCode: digits(4, 'Bank code is 4 digits', '金融機関コードは4桁の数字です'),
    branchCode: digits(3, 'Branch code is 3 digits', '支店コードは3桁の数字です'),
    accountType: z.enum(['1', '2', '4']).meta({ description: '預金種目: 1 普通, 2 当座, 4 貯蓄' }),
    accountNumber: digits(7, 'Account number is 7 digits', '口座番号は7桁の数字です'),
    holderKana: z
      .string()
      .max(60)
      .transform(toZenginKana)
      .refine((v) => v.length > 0, {
        message: 'Enter the account holder name',
        params: { ja: '口座名義を入力してください' },
      })
      .refine(isZenginText, {
        message: 'Use katakana, upper-case letters, digits and ( ) . , - / only',
        params: { ja: '口座名義はカタカナ・英大文字・数字と ( ) . , - / で入力してください' },
      })
      .refine((v) => v.length <= 30, {
        message: 'The holder name is longer than 30 characters in half-width kana',
        params: { ja: '口座名義が半角30文字を超えています' },
      }),
  })
  .meta({ id: 'BankAccount' });
export type BankAccount = z.output<typeof bankAccountSchema>;
