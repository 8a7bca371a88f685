/**
 * The people the built-in demo card authority can sign in as. Made up: names, addresses and birth dates belong to
 * nobody. Addresses are in several municipalities so tenancy can be seen at work.
 */
export interface DemoResident {
  subject: string;
  name: string;
  nameKana: string;
  birthdate: string;
  gender: 'male' | 'female';
  address: string;
}

export const DEMO_RESIDENTS: readonly DemoResident[] = [
  {
    subject: 'demo-resident-0001',
    name: '板橋 葉子',
    nameKana: 'イタバシ ヨウコ',
    birthdate: '1992-06-14',
    gender: 'female',
    address: '東京都板橋区板橋二丁目66番1号',
  },
  {
    subject: 'demo-resident-0002',
    name: '足立 健太',
    nameKana: 'アダチ ケンタ',
    birthdate: '1988-11-03',
    gender: 'male',
    address: '東京都足立区中央本町一丁目17番1号',
  },
  {
    subject: 'demo-resident-0003',
    name: '世田谷 美咲',
    nameKana: 'セタガヤ ミサキ',
    birthdate: '1995-02-27',
    gender: 'female',
    address: '東京都世田谷区世田谷四丁目21番27号',
  },
  {
    subject: 'demo-resident-0004',
    name: '八王子 翔',
    nameKana: 'ハチオウジ ショウ',
    birthdate: '1990-08-09',
    gender: 'male',
    address: '東京都八王子市元本郷町三丁目24番1号',
  },
  {
    subject: 'demo-resident-0005',
    name: '大島 椿',
    nameKana: 'オオシマ ツバキ',
    birthdate: '1993-01-20',
    gender: 'female',
    address: '東京都大島町元町一丁目1番14号',
  },
  {
    // notify's demo parent: seeded with a 3-month-old, a LINE link and the month's digest (see notify's README).
    subject: 'demo-resident-0006',
    name: '江戸川 さくら',
    nameKana: 'エドガワ サクラ',
    birthdate: '1994-04-02',
    gender: 'female',
    address: '東京都江戸川区中央一丁目4番1号',
  },
];

export function findDemoResident(subject: string): DemoResident | undefined {
  return DEMO_RESIDENTS.find((r) => r.subject === subject);
}
