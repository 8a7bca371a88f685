import { describe, expect, it } from 'vitest';
import { findAges } from './ages.ts';
import { foldWidth } from './candidate.ts';
import { extractCandidates, japaneseExtractor } from './japanese-extractor.ts';

const ages = (text: string) => findAges(text, foldWidth(text));
const firstAge = (text: string) => ages(text)[0]?.value ?? null;
const of = (text: string, kind: string) => extractCandidates(text).filter((c) => c.kind === kind);

describe('dates', () => {
  it.each([
    ['令和6年4月1日から受付', '2024-04-01'],
    ['令和元年10月1日', '2019-10-01'],
    ['平成28年12月19日（月曜日）', '2016-12-19'],
    ['昭和64年1月7日', '1989-01-07'],
    ['令和７年１２月２５日', '2025-12-25'],
    ['2024年4月1日', '2024-04-01'],
    ['2024/4/1', '2024-04-01'],
    ['2025-08-20', '2025-08-20'],
    ['R6.4.1', '2024-04-01'],
    ['H31.4.30', '2019-04-30'],
  ])('%s → %s', (text, iso) => {
    const [date] = of(text, 'date');
    expect(date?.value).toBe(iso);
    expect(text.slice(date!.evidence.start, date!.evidence.end)).toBe(date!.evidence.quote);
  });

  it('rejects impossible dates', () => {
    expect(of('令和6年2月30日', 'date')).toEqual([]);
    expect(of('2024/13/01', 'date')).toEqual([]);
  });

  it('reads periods with both ends, and a lone start or end', () => {
    expect(of('申請期間：令和6年4月1日（月）から令和7年3月31日（月）まで', 'period')[0]?.value).toEqual({
      from: '2024-04-01',
      to: '2025-03-31',
    });
    expect(of('2024年6月1日～2024年6月30日', 'period')[0]?.value).toEqual({ from: '2024-06-01', to: '2024-06-30' });
    expect(of('令和6年5月7日から受け付けます', 'period')[0]?.value).toEqual({ from: '2024-05-07', to: null });
    expect(of('令和6年12月4日までに御申請ください', 'period')[0]?.value).toEqual({ from: null, to: '2024-12-04' });
  });

  it('does not pair two dates of one sentence that are not a range', () => {
    const periods = of('令和5年8月6日に治療終了した場合の申請期限＝令和6年3月31日', 'period');
    expect(periods.map((p) => p.value)).toEqual([]);
  });
});

describe('ages (months, half-open [min, max))', () => {
  it.each([
    ['生後2か月から1歳6か月まで', { min: 2, max: 19 }],
    ['生後２か月から１歳６か月まで', { min: 2, max: 19 }],
    ['1歳6か月まで', { min: null, max: 19 }],
    ['小学校就学前のお子さん', { min: 0, max: 84 }],
    ['小学校就学前までのお子さん', { min: null, max: 84 }],
    ['18歳に達する日以後の最初の3月31日までの児童', { min: null, max: 228 }],
    ['18歳に達する日以降の最初の3月31日までにある児童', { min: null, max: 228 }],
    ['18歳に達した後、最初の3月31日を迎えるまで', { min: null, max: 228 }],
    ['0歳から18歳に達する日以後の最初の3月31日までの間にある方', { min: 0, max: 228 }],
    ['中学生までのお子さん', { min: null, max: 192 }],
    ['中学校修了までの子ども', { min: null, max: 192 }],
    ['高校生までの子ども', { min: null, max: 228 }],
    ['20歳未満のお子さん', { min: null, max: 240 }],
    ['満１８歳未満の方', { min: null, max: 216 }],
    ['0歳から概ね14歳までの子ども', { min: 0, max: 180 }],
    ['3～4カ月児', { min: 3, max: 5 }],
    ['9〜10か月児健診', { min: 9, max: 11 }],
    ['0～2歳の第2子以降の児童', { min: 0, max: 36 }],
    ['1歳6カ月児', { min: 18, max: 24 }],
    ['3歳児健康診査', { min: 36, max: 48 }],
    ['4か月児健康診査', { min: 4, max: 5 }],
    ['3歳未満', { min: null, max: 36 }],
    ['6歳以下', { min: null, max: 84 }],
    ['3歳以上の児童', { min: 36, max: null }],
    ['生後57日から', { min: 0, max: null }],
    ['生後6か月以上', { min: 6, max: null }],
    ['0歳児の受け入れはしていません。', { min: 12, max: null }],
    ['小学生', { min: 72, max: 156 }],
    ['利島村の小中学生', { min: 72, max: 192 }],
    ['乳児のいる家庭', { min: 0, max: 12 }],
    ['都立特別支援学校の児童・生徒', { min: 72, max: 228 }],
  ])('%s', (text, expected) => {
    expect(firstAge(text)).toEqual(expected);
  });

  it("ignores adults' ages", () => {
    expect(ages('検査開始日における妻の年齢が43歳未満であること')).toEqual([]);
    expect(ages('申請者が65歳以上の場合')).toEqual([]);
  });

  it('keeps the evidence span on the original (full-width) text', () => {
    const text = '対象：生後２か月から１歳６か月までの乳幼児';
    const [age] = ages(text);
    expect(age?.evidence.quote).toBe('生後２か月から１歳６か月まで');
    expect(text.slice(age!.evidence.start, age!.evidence.end)).toBe(age!.evidence.quote);
  });
});

describe('money, phones, e-mail, URLs', () => {
  it.each([
    ['子供一人当たり月額5,000円', 5000, 'month'],
    ['1人につき10万円', 100000, 'person'],
    ['出生児1人につき500,000円', 500000, 'person'],
    ['1件42万円', 420000, 'case'],
    ['上限7万5千円', 75000, null],
    ['月額４５，５００円', 45500, 'month'],
  ])('%s', (text, yen, per) => {
    const [money] = of(text, 'money');
    expect(money?.value).toMatchObject({ yen, per });
  });

  it('marks ceilings', () => {
    expect(of('5万円を上限に助成します', 'money')[0]?.value).toMatchObject({ yen: 50000, ceiling: true });
  });

  it('reads phone numbers in their usual spellings', () => {
    expect(of('電話：03-5320-4372', 'phone')[0]?.value).toBe('03-5320-4372');
    expect(of('利島村住民課（04992-9-0013）', 'phone')[0]?.value).toBe('04992-9-0013');
    expect(of('(03)1234-5678', 'phone')[0]?.value).toBe('03-1234-5678');
    expect(of('０１２０－１２３－４５６', 'phone')[0]?.value).toBe('0120-123-456');
    expect(of('受付番号 2024-0001', 'phone')).toEqual([]);
  });

  it('reads e-mail addresses and URLs without the closing punctuation', () => {
    expect(of('メール：kosodate@city.example.lg.jp まで', 'email')[0]?.value).toBe('kosodate@city.example.lg.jp');
    expect(of('詳しくは https://www.city.example.lg.jp/kosodate/index.html.', 'url')[0]?.value).toBe(
      'https://www.city.example.lg.jp/kosodate/index.html',
    );
    expect(of('申請期限（PDF：328KB）;https://example.jp/a.pdf', 'url')[0]?.value).toBe('https://example.jp/a.pdf');
  });
});

describe('proposed fields', () => {
  const page = [
    '予防接種（ロタウイルス）',
    'ロタウイルスの予防接種を公費で受けられます。',
    '対象',
    '生後６週から３２週までの乳児（ワクチンにより異なります）',
    '申請期間',
    '令和7年4月1日から令和8年3月31日まで',
    'お問い合わせ',
    '保健予防課 電話 03-1234-5678 メール yobou@city.example.lg.jp',
  ].join('\n');

  it('reads name, summary, target, age, periods and contact, each with its evidence', async () => {
    const { fields } = await japaneseExtractor.extract({ text: page });
    expect(fields.name?.value).toBe('予防接種（ロタウイルス）');
    expect(fields.summary?.value).toBe('ロタウイルスの予防接種を公費で受けられます。');
    expect(fields.targetText?.value).toBe('生後６週から３２週までの乳児（ワクチンにより異なります）');
    expect(fields.ageMonths?.value).toEqual({ min: 0, max: 12 });
    expect(fields.procedurePeriod?.value).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(fields.contactPhone?.value).toBe('03-1234-5678');
    expect(fields.contactEmail?.value).toBe('yobou@city.example.lg.jp');
    for (const field of Object.values(fields)) {
      for (const ev of field.evidence) expect(page.slice(ev.start, ev.end)).toBe(ev.quote);
    }
  });

  it('proposes pregnancy from the target section', async () => {
    const { fields } = await japaneseExtractor.extract({ text: '出産応援ギフト\n【支援対象】\n妊娠中の方\n' });
    expect(fields.prenatal?.value).toBe(true);
    expect(fields.prenatal?.evidence[0]?.quote).toBe('妊娠中');
  });
});
