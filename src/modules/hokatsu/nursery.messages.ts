import { defineMessages } from '../../platform/i18n/i18n.ts';
import type { NurseryCategory } from './hokatsu.tables.ts';

export const nurseryMessages = defineMessages<{
  searchTitle: string;
  searchLead: string;
  municipality: string;
  ageClass: string;
  any: string;
  age: (n: number) => string;
  month: string;
  birthDate: string;
  type: string;
  opensBy: string;
  closesAfter: string;
  vacanciesOnly: string;
  near: string;
  latitude: string;
  longitude: string;
  radiusKm: string;
  search: string;
  results: (n: number) => string;
  noResults: string;
  hours: string;
  vacanciesFor: (month: string, age: number) => string;
  places: (n: number) => string;
  waiting: (n: number) => string;
  distance: (km: number) => string;
  unknown: string;
  categories: Record<NurseryCategory, string>;
  detailVacancies: string;
  detailMinimum: string;
  roundOf: (month: string, no: number) => string;
  monthHeading: string;
  vacanciesHeading: string;
  waitingHeading: string;
  minimumHeading: string;
  address: string;
  capacity: string;
  ages: string;
  extendedCare: string;
  temporaryCare: string;
  yes: string;
  no: string;
  phone: string;
  website: string;
  simulate: string;
  simulateNoRules: string;
  dataSource: string;
  backToSearch: string;
  errorHeading: string;
  toursHeading: string;
  noTours: string;
  seatsLeft: (n: number) => string;
}>({
  ja: {
    searchTitle: '保育園をさがす',
    searchLead:
      '自治体・お子さんの年齢クラス・入園希望月・種別・開所時間・空き・場所で絞り込めます。ログインは不要です。',
    municipality: '自治体',
    ageClass: '入園月の年齢クラス',
    any: '指定なし',
    age: (n) => `${n}歳児クラス`,
    month: '入園希望月',
    birthDate: 'またはお子さんの生年月日（年齢クラスを自動計算）',
    type: '種別',
    opensBy: 'この時刻までに開所',
    closesAfter: 'この時刻以降まで開所',
    vacanciesOnly: '空きがある園だけ',
    near: '場所から探す（任意）',
    latitude: '緯度',
    longitude: '経度',
    radiusKm: '半径（km）',
    search: '検索する',
    results: (n) => `${n}件見つかりました`,
    noResults: '条件に合う保育施設はありません。条件を変えてお試しください。',
    hours: '開所時間',
    vacanciesFor: (month, age) => `${month}の${age}歳児クラスの空き`,
    places: (n) => `${n}人`,
    waiting: (n) => `申込 ${n}人`,
    distance: (km) => `約${km}km`,
    unknown: '不明',
    categories: {
      licensed: '認可保育所',
      'small-scale': '小規模保育',
      'certified-kodomoen': '認定こども園',
      'tokyo-certified': '認証保育所',
      'home-based': '家庭的保育',
      workplace: '事業所内保育',
      kindergarten: '幼稚園',
      unlicensed: '認可外保育施設',
      other: 'その他',
    },
    detailVacancies: '空き状況',
    detailMinimum: '前回の利用調整の最低指数',
    roundOf: (month, no) => `${month} 第${no}回`,
    monthHeading: '月',
    vacanciesHeading: '空き',
    waitingHeading: '申込',
    minimumHeading: '最低指数',
    address: '所在地',
    capacity: '定員',
    ages: '受入年齢',
    extendedCare: '延長保育',
    temporaryCare: '一時預かり',
    yes: 'あり',
    no: 'なし',
    phone: '電話',
    website: 'ウェブサイト',
    simulate: 'この園で指数をシミュレーションする',
    simulateNoRules: 'この自治体の指数基準はまだ登録されていません。',
    dataSource: 'データの出典',
    backToSearch: '検索に戻る',
    errorHeading: '検索条件を確認してください',
    toursHeading: '見学日程',
    noTours: '公開中の見学日程はありません。',
    seatsLeft: (n) => (n > 0 ? `残り${n}席` : '満席'),
  },
  en: {
    searchTitle: 'Find a nursery',
    searchLead:
      'Filter by municipality, your child’s age class, the month you want to start, type, opening hours, vacancies and location. No sign-in needed.',
    municipality: 'Municipality',
    ageClass: 'Age class in the start month',
    any: 'Any',
    age: (n) => `Age ${n} class`,
    month: 'Start month',
    birthDate: 'Or your child’s birth date (works out the age class)',
    type: 'Type',
    opensBy: 'Opens by',
    closesAfter: 'Open until at least',
    vacanciesOnly: 'Only nurseries with places',
    near: 'Near a point (optional)',
    latitude: 'Latitude',
    longitude: 'Longitude',
    radiusKm: 'Radius (km)',
    search: 'Search',
    results: (n) => `${n} found`,
    noResults: 'No nursery matches. Try other conditions.',
    hours: 'Hours',
    vacanciesFor: (month, age) => `Places for the age ${age} class, ${month}`,
    places: (n) => `${n}`,
    waiting: (n) => `${n} applied`,
    distance: (km) => `about ${km} km`,
    unknown: 'unknown',
    categories: {
      licensed: 'Licensed nursery',
      'small-scale': 'Small-scale nursery',
      'certified-kodomoen': 'Certified centre for early childhood (kodomo-en)',
      'tokyo-certified': 'Tokyo-certified nursery',
      'home-based': 'Home-based childcare',
      workplace: 'Workplace nursery',
      kindergarten: 'Kindergarten',
      unlicensed: 'Unlicensed nursery',
      other: 'Other',
    },
    detailVacancies: 'Vacancies',
    detailMinimum: 'Minimum admitted index, last allocation round',
    roundOf: (month, no) => `${month}, round ${no}`,
    monthHeading: 'Month',
    vacanciesHeading: 'Places',
    waitingHeading: 'Applied',
    minimumHeading: 'Minimum index',
    address: 'Address',
    capacity: 'Capacity',
    ages: 'Ages',
    extendedCare: 'Extended hours',
    temporaryCare: 'Temporary care',
    yes: 'Yes',
    no: 'No',
    phone: 'Phone',
    website: 'Website',
    simulate: 'Simulate your index for this nursery',
    simulateNoRules: 'No index rules are registered for this municipality yet.',
    dataSource: 'Data source',
    backToSearch: 'Back to search',
    errorHeading: 'Please check the search conditions',
    toursHeading: 'Visit tours',
    noTours: 'No visit tours are published.',
    seatsLeft: (n) => (n > 0 ? `${n} seats left` : 'Full'),
  },
});
