import { defineMessages } from '../../../platform/i18n/i18n.ts';

export const demoCardMessages = defineMessages({
  ja: {
    title: 'デモ用カード認証',
    lead: 'これはデモ用のカード認証です。本番ではデジタル庁の認証アプリでマイナンバーカードを読み取ります。',
    requester: '「{client}」が次の情報の提供を求めています。',
    scopes: {
      openid: '利用者の識別子',
      name: '氏名',
      address: '住所',
      birthdate: '生年月日',
      gender: '性別',
      sign: '電子署名',
    } as Record<string, string>,
    pickResident: '認証する住民を選んでください',
    born: '生まれ',
    submit: 'このカードで認証して情報を提供する',
    cancel: 'やめる',
    noMyNumber: 'マイナンバー（個人番号）は提供されません。',
  },
  en: {
    title: 'Demo card authority',
    lead: 'This is a stand-in for the card. In production, the Digital Agency’s authentication app reads the My Number card.',
    requester: '“{client}” asks for the following information.',
    scopes: {
      openid: 'An identifier for you',
      name: 'Name',
      address: 'Address',
      birthdate: 'Date of birth',
      gender: 'Sex',
      sign: 'Electronic signature',
    } as Record<string, string>,
    pickResident: 'Choose the resident to sign in as',
    born: 'born',
    submit: 'Authenticate with this card and share',
    cancel: 'Cancel',
    noMyNumber: 'Your My Number (individual number) is never shared.',
  },
});
