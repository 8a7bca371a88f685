/**
 * 公金受取口座 registered by the demo residents (made up). With a real card the account is registered with the
 * Digital Agency through マイナポータル and an application names it; here the demo card authority plays that
 * registry, keyed by the card subject. demo-resident-0004 has none, so the typed-account path stays visible.
 */
export interface RegisteredAccount {
  bankCode: string;
  branchCode: string;
  accountType: '1' | '2' | '4';
  accountNumber: string;
  /** As registered: full-width katakana, the way マイナポータル shows it. */
  holderKana: string;
}

export const DEMO_PUBLIC_RECEIPT_ACCOUNTS: Readonly<Record<string, RegisteredAccount>> = {
  'demo-resident-0001': {
    bankCode: '0001',
    branchCode: '235',
    accountType: '1',
    accountNumber: '3141592',
    holderKana: 'イタバシ ヨウコ',
  },
  'demo-resident-0002': {
    bankCode: '0005',
    branchCode: '412',
    accountType: '1',
    accountNumber: '2718281',
    holderKana: 'アダチ ケンタ',
  },
  'demo-resident-0003': {
    bankCode: '9900',
    branchCode: '018',
    accountType: '1',
    accountNumber: '1414213',
    holderKana: 'セタガヤ ミサキ',
  },
};
