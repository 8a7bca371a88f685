/** CC BY 4.0 attribution of the Tokyo registry, carried by every response that serves its data. */
export const ATTRIBUTION = {
  ja: 'このサービスは、東京都・GovTech東京「東京デジタル2030ビジョン（こどもDX）子育て支援制度レジストリ」（CC BY 4.0）を加工して作成しています。',
  en: 'Built by processing the Tokyo Metropolitan Government / GovTech Tokyo "Child-rearing Support Program Registry" (CC BY 4.0).',
  license: 'CC-BY-4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
  source: 'https://catalog.data.metro.tokyo.lg.jp/dataset/t000029d0000000034',
} as const;

/** Headers are ASCII-only, so the English wording travels there; bodies carry both languages. */
export const ATTRIBUTION_HEADERS = {
  'x-attribution': ATTRIBUTION.en,
  link: `<${ATTRIBUTION.licenseUrl}>; rel="license", <${ATTRIBUTION.source}>; rel="describedby"`,
} as const;
