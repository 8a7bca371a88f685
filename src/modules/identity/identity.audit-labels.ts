import { registerAuditLabels } from '../../platform/audit/audit-labels.ts';

// Every action identity writes to the audit log, and every purpose it writes in its own words, in Japanese and
// English, for the parent's 「このデータを見た人」 (consents-page.tsx imports this file, so the labels are registered
// wherever the page can render). identity.audit-labels.test.ts checks that each action and each literal purpose
// written by this module's code has a label here. Purposes passed in by other modules (household reads for health,
// benefits…) are registered by those modules.
export const IDENTITY_ACTION_LABELS = {
  'household.read': { ja: '世帯の情報を閲覧', en: 'Viewed the household' },
  'child.register': { ja: 'お子さんを登録', en: 'Registered a child' },
  'child.update': { ja: 'お子さんの情報を変更', en: 'Changed a child’s record' },
  'pregnancy.register': { ja: '妊娠を登録', en: 'Recorded a pregnancy' },
  'pregnancy.update': { ja: '妊娠の記録を変更', en: 'Changed a pregnancy record' },
  'residence.change': { ja: '転居を記録', en: 'Recorded a move' },
  'signature.create': { ja: '電子署名', en: 'Electronic signature' },
  'parent.register': { ja: '初めてのログイン（登録）', en: 'First sign-in (registration)' },
  'parent.sign-in': { ja: 'マイナンバーカードでログイン', en: 'Signed in with the My Number card' },
  'session.use': { ja: 'ログイン状態を確認', en: 'Checked the sign-in session' },
  'session.sign-out-everywhere': { ja: 'すべての端末からログアウト', en: 'Signed out on every device' },
  'consent.grant': { ja: '同意', en: 'Gave consent' },
  'consent.revoke': { ja: '同意を取り消し', en: 'Withdrew consent' },
  'public-receipt-account.read': { ja: '公金受取口座を参照', en: 'Read the registered public-funds account' },
  'partner-app.create': { ja: '連携アプリを登録', en: 'Registered a partner app' },
  'partner-app.rotate-key': { ja: '連携アプリのAPIキーを更新', en: 'Rotated a partner app’s API key' },
  'api-key.use': { ja: 'APIキーで認証', en: 'Authenticated with an API key' },
  'staff.create': { ja: '職員アカウントを作成', en: 'Created a staff account' },
  'staff.invite': { ja: '職員を招待', en: 'Invited a staff member' },
  'staff.accept-invitation': { ja: '職員の招待を受諾', en: 'Accepted a staff invitation' },
  'staff.manage': { ja: '職員アカウントを管理', en: 'Managed a staff account' },
  'staff.sign-in': { ja: '職員のログイン', en: 'Staff sign-in' },
} as const;

export const IDENTITY_PURPOSE_LABELS = {
  'parent registers a child': { ja: '保護者によるお子さんの登録', en: 'the parent registers a child' },
  'first sign-in with the card': { ja: 'マイナンバーカードでの初回ログイン', en: 'first sign-in with the card' },
  'sign-in with the card': { ja: 'マイナンバーカードでのログイン', en: 'sign-in with the card' },
  'parent edits own household': { ja: '保護者による世帯情報の変更', en: 'the parent edits their household' },
  'parent records a pregnancy': { ja: '保護者による妊娠の登録', en: 'the parent records a pregnancy' },
  'parent records a move': { ja: '保護者による転居の記録', en: 'the parent records a move' },
  'parent signs a document': { ja: '保護者による書類への電子署名', en: 'the parent signs a document' },
  'parent gives consent': { ja: '保護者の同意', en: 'the parent gives consent' },
  'parent withdraws consent': { ja: '保護者による同意の取り消し', en: 'the parent withdraws consent' },
  'own household': { ja: '自分の世帯の確認', en: 'own household' },
  'staff review': { ja: '職員による確認', en: 'staff review' },
  'staff correction': { ja: '職員による訂正', en: 'staff correction' },
  'benefit application names the registered account': {
    ja: '給付の申請で登録済みの公金受取口座を指定',
    en: 'a benefit application names the registered account',
  },
  'session cookie check': { ja: 'ログイン状態の確認', en: 'session check' },
  'sign-out on every device': { ja: 'すべての端末からのログアウト', en: 'sign-out on every device' },
  'partner app registration': { ja: '連携アプリの登録', en: 'partner app registration' },
  'API key rotation': { ja: 'APIキーの更新', en: 'API key rotation' },
  'API authentication': { ja: 'APIによる認証', en: 'API authentication' },
  'account created by an operator': { ja: '運用担当者によるアカウント作成', en: 'account created by an operator' },
  'staff invitation': { ja: '職員の招待', en: 'staff invitation' },
  'staff invitation accepted': { ja: '職員の招待の受諾', en: 'staff invitation accepted' },
  'staff account administration': { ja: '職員アカウントの管理', en: 'staff account administration' },
  'staff sign-in': { ja: '職員のログイン', en: 'staff sign-in' },
} as const;

registerAuditLabels({ actions: IDENTITY_ACTION_LABELS, purposes: IDENTITY_PURPOSE_LABELS });
