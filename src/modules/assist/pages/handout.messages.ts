import { defineMessages } from '../../../platform/i18n/i18n.ts';

export const handoutMessages = defineMessages({
  ja: {
    staffTitle: '配布資料（妊娠届・健診）',
    staffLead:
      '窓口で配る PDF をアップロードすると、本文を読み取り、カテゴリーと関連する制度、対象の妊娠週数・月齢を判定して、保護者のスマートフォンに表示します。',
    file: 'PDF ファイル（10 MB・60 ページまで、文字情報を含むもの）',
    titleField: '表題（空欄なら 1 行目）',
    upload: 'アップロード',
    uploaded: 'アップロードしました。',
    list: 'アップロード済み',
    none: 'まだありません。',
    weeks: (from: number | null, to: number | null) =>
      from == null ? '' : `妊娠${from}週〜${to == null ? '' : `${to - 1}週`}`,
    ages: (min: number | null, max: number | null) =>
      min == null && max == null ? '' : `${min ?? 0}か月〜${max == null ? '' : `${max}か月未満`}`,
    parentTitle: 'あなたへのお知らせ・配布資料',
    parentLead: '妊娠週数やお子さんの月齢に合った、お住まいの自治体の資料です。',
    forWeek: (w: number) => `妊娠${w}週`,
    forChild: (name: string, months: number) => `${name}さん（${Math.floor(months / 12)}歳${months % 12}か月）`,
    search: '資料をさがす',
    searchButton: '検索',
    noneForYou: '今のあなたに合う資料はありません。',
    open: 'PDF を開く',
    errors: 'エラーがあります',
  },
  en: {
    staffTitle: 'Hand-outs (pregnancy notification, check-ups)',
    staffLead:
      'Upload the PDFs handed out at the counter: the text is read, filed under categories and related programs, and given the pregnancy weeks or child ages it is for, so parents see it on their phone.',
    file: 'PDF file (up to 10 MB and 60 pages, with a text layer)',
    titleField: 'Title (blank: the first line)',
    upload: 'Upload',
    uploaded: 'Uploaded.',
    list: 'Uploaded',
    none: 'None yet.',
    weeks: (from: number | null, to: number | null) =>
      from == null ? '' : `pregnancy weeks ${from}–${to == null ? '' : to - 1}`,
    ages: (min: number | null, max: number | null) =>
      min == null && max == null ? '' : `${min ?? 0} to ${max == null ? '' : `under ${max}`} months`,
    parentTitle: 'Hand-outs for you',
    parentLead: "Your municipality's hand-outs for your week of pregnancy and your children's ages.",
    forWeek: (w: number) => `week ${w} of pregnancy`,
    forChild: (name: string, months: number) => `${name} (${Math.floor(months / 12)} y ${months % 12} m)`,
    search: 'Search hand-outs',
    searchButton: 'Search',
    noneForYou: 'No hand-outs match you right now.',
    open: 'Open the PDF',
    errors: 'There is a problem',
  },
});
