import { defineMessages } from '../i18n/i18n.ts';

export const webMessages = defineMessages({
  ja: {
    siteName: 'つなぐ',
    siteTagline: '東京の子育てをつなぐ',
    skipToContent: '本文へ移動',
    mainNav: 'メインメニュー',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    otherLang: 'en',
    footerAbout: 'つなぐは、東京都と区市町村の子育て支援サービスをつなぐオープンソースの基盤です。',
    footerApi: '開発者向け API',
    footerSource: 'オープンソース（Apache-2.0）',
    errorTitle: 'エラーが発生しました',
    errorBackHome: 'ホームへ戻る',
    errorReference: '問い合わせ番号',
  },
  en: {
    siteName: 'Tsunagu',
    siteTagline: 'Connecting child-rearing services in Tokyo',
    skipToContent: 'Skip to main content',
    mainNav: 'Main menu',
    switchLanguage: '日本語',
    switchLanguageLabel: '日本語に切り替える',
    otherLang: 'ja',
    footerAbout:
      'Tsunagu is an open-source platform that connects the child-rearing services of Tokyo and its municipalities.',
    footerApi: 'Developer API',
    footerSource: 'Open source (Apache-2.0)',
    errorTitle: 'Something went wrong',
    errorBackHome: 'Back to home',
    errorReference: 'Reference',
  },
});
