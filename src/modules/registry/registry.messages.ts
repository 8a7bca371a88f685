import { defineMessages } from '../../platform/i18n/i18n.ts';

export interface AgeParts {
  years: number;
  months: number;
}

export const registryMessages = defineMessages<{
  title: string;
  lead: string;
  municipality: string;
  choose: string;
  childAge: string;
  years: string;
  months: string;
  prenatal: string;
  search: string;
  results: (n: number) => string;
  none: string;
  age: (a: AgeParts) => string;
  whyArea: (name: string) => string;
  whyTokyo: string;
  whyAge: (window: string, age: string) => string;
  whyAgeFrom: (from: string, age: string) => string;
  whyAgeUntil: (until: string, age: string) => string;
  inferredNote: string;
  whyAgeUnknown: string;
  whyPrenatal: string;
  deadline: (date: string) => string;
  period: (text: string) => string;
  noDeadline: string;
  officialPage: string;
  whyHeading: string;
  invalid: string;
  needMunicipality: string;
  fromHousehold: string;
  forChild: (name: string, age: string) => string;
  forPregnancy: string;
}>({
  ja: {
    title: '制度をさがす',
    lead: 'お住まいの区市町村とお子さんの年齢から、使える子育て支援制度をさがせます。',
    municipality: 'お住まいの区市町村',
    choose: '選んでください',
    childAge: 'お子さんの年齢',
    years: '歳',
    months: 'か月',
    prenatal: '妊娠中の制度をさがす（年齢は使いません）',
    search: 'さがす',
    results: (n) => `${n} 件の制度が見つかりました`,
    none: '条件に合う制度は見つかりませんでした。',
    age: ({ years, months }) => (years ? `${years}歳${months ? `${months}か月` : ''}` : `${months}か月`),
    whyArea: (name) => `${name}の制度です`,
    whyTokyo: '東京都の制度です（都内どこにお住まいでも対象）',
    whyAge: (window, age) => `対象年齢（${window}）に ${age} が含まれます`,
    whyAgeFrom: (from, age) => `${from}から対象で、${age} は対象年齢です`,
    whyAgeUntil: (until, age) => `${until}まで対象で、${age} は対象年齢です`,
    inferredNote: '（対象者の説明文から読み取った年齢です）',
    whyAgeUnknown: '対象年齢が書かれていないため、条件をご確認ください',
    whyPrenatal: '妊娠中の方が対象です',
    deadline: (date) => `申請期限: ${date}`,
    period: (text) => `申請期間: ${text}`,
    noDeadline: '申請期限の記載はありません',
    officialPage: '公式ページ',
    whyHeading: 'この制度が表示された理由',
    invalid: '入力内容を確認してください。',
    needMunicipality: '区市町村を選んでください。',
    fromHousehold: '世帯の情報からさがす',
    forChild: (name, age) => `${name}さん（${age}）の制度`,
    forPregnancy: '妊娠中の方の制度',
  },
  en: {
    title: 'Find support programs',
    lead: 'Find the child-rearing support programs you can use, by your municipality and your child’s age.',
    municipality: 'Your municipality',
    choose: 'Choose',
    childAge: 'Child’s age',
    years: 'years',
    months: 'months',
    prenatal: 'Show programs for pregnancy (age is not used)',
    search: 'Search',
    results: (n) => `${n} program${n === 1 ? '' : 's'} found`,
    none: 'No program matches.',
    age: ({ years, months }) =>
      years ? `${years} yr${months ? ` ${months} mo` : ''}` : `${months} month${months === 1 ? '' : 's'}`,
    whyArea: (name) => `A program of ${name}`,
    whyTokyo: 'A Tokyo-wide program (for every municipality)',
    whyAge: (window, age) => `Its age range (${window}) includes ${age}`,
    whyAgeFrom: (from, age) => `It starts at ${from}, so ${age} is included`,
    whyAgeUntil: (until, age) => `It runs until ${until}, so ${age} is included`,
    inferredNote: ' (age read from the eligibility text)',
    whyAgeUnknown: 'No age range is stated: check the conditions',
    whyPrenatal: 'For pregnant women',
    deadline: (date) => `Apply by ${date}`,
    period: (text) => `Application period: ${text}`,
    noDeadline: 'No deadline stated',
    officialPage: 'Official page',
    whyHeading: 'Why this is shown',
    invalid: 'Please check your entries.',
    needMunicipality: 'Please choose your municipality.',
    fromHousehold: 'Search from your household',
    forChild: (name, age) => `Programs for ${name} (${age})`,
    forPregnancy: 'Programs for your pregnancy',
  },
});
