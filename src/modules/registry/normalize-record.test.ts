import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ageWindowContains, explicitAgeWindow, inferAgeWindow } from './age-window.ts';
import { cleanCodes } from './codes.ts';
import { incomeBasis, normalizeRecord, parseRegistryDate } from './normalize-record.ts';
import { searchKey } from './search-key.ts';

const subset = JSON.parse(
  readFileSync(new URL('./data/tokyo-registry-subset.json', import.meta.url), 'utf8'),
) as Record<string, unknown>[];
const byPsid = (psid: string) =>
  subset.find((r) => (r.basicInformation as { psid: string }).psid === psid) as Record<string, unknown>;

describe('tag codes', () => {
  it('cleans the format noise the reference lists', () => {
    expect(cleanCodes(['002，003', '027 ', '86'])).toEqual({ codes: ['002', '003', '027', '086'], rejected: [] });
    expect(cleanCodes(['００４', 'abc'])).toEqual({ codes: ['004'], rejected: ['abc'] });
    expect(cleanCodes(null)).toEqual({ codes: [], rejected: [] });
  });
});

describe('dates', () => {
  it('reads both formats and refuses free text and impossible dates', () => {
    expect(parseRegistryDate('2024-04-01')).toBe('2024-04-01');
    expect(parseRegistryDate('2025/3/13')).toBe('2025-03-13');
    expect(parseRegistryDate('随時')).toBe('invalid');
    expect(parseRegistryDate('2025-02-30')).toBe('invalid');
    expect(parseRegistryDate(null)).toBeNull();
  });
});

describe('age window', () => {
  const b = (targetAge: number | null, targetAgeOfMonths: number | null) => ({ targetAge, targetAgeOfMonths });
  it('turns boundary objects into a half-open window in months', () => {
    expect(explicitAgeWindow({ greaterThanOrEqualTo: b(0, 3), lessThanOrEqualTo: b(0, 4) })).toEqual({
      min: 3,
      max: 5,
      source: 'explicit',
    });
    // 「0〜2歳」: the whole year of age 2 is in, so the window ends at the 3rd birthday.
    expect(explicitAgeWindow({ greaterThanOrEqualTo: b(0, null), lessThanOrEqualTo: b(2, null) })).toEqual({
      min: 0,
      max: 36,
      source: 'explicit',
    });
    expect(explicitAgeWindow({ lessThan: b(20, null) })).toEqual({ min: null, max: 240, source: 'explicit' });
    expect(explicitAgeWindow({ greaterThanOrEqualTo: b(12, 0), lessThanOrEqualTo: b(6, 0) })).toBe('invalid');
    expect(explicitAgeWindow({ lessThan: b(null, null) })).toBeNull();
  });

  it('infers a window from unambiguous target text only', () => {
    expect(inferAgeWindow('3～4カ月児')).toEqual({ min: 3, max: 5, source: 'inferred' });
    expect(inferAgeWindow('1歳6カ月児')).toEqual({ min: 18, max: 24, source: 'inferred' });
    expect(inferAgeWindow('3歳児')).toEqual({ min: 36, max: 48, source: 'inferred' });
    expect(inferAgeWindow('未就学のお子様')).toEqual({ min: 0, max: 84, source: 'inferred' });
    expect(inferAgeWindow('妊婦')).toBeNull();
    // The wife's age in a fertility program is not a child's age window.
    expect(inferAgeWindow('検査開始日における妻の年齢が43歳未満であること')).toBeNull();
    expect(inferAgeWindow('母の年齢が20歳以下')).toBeNull();
  });

  it('contains an age when min ≤ age < max', () => {
    expect(ageWindowContains({ min: 3, max: 5 }, 4)).toBe(true);
    expect(ageWindowContains({ min: 3, max: 5 }, 5)).toBe(false);
    expect(ageWindowContains({ min: null, max: 240 }, 8)).toBe(true);
  });
});

describe('income basis', () => {
  it('says what the income test measures', () => {
    expect(incomeBasis('所得制限はありません。')).toBe('none');
    expect(incomeBasis('住民税非課税世帯')).toBe('resident-tax');
    expect(incomeBasis('児童扶養手当の支給を受けている者と同等の所得水準')).toBe('child-support-allowance');
    expect(incomeBasis('特別児童扶養手当を受給')).toBeNull();
    expect(incomeBasis('妊婦')).toBeNull();
  });
});

describe('normalizeRecord on the real subset', () => {
  it('normalises every record of the shipped subset without a fatal issue', () => {
    const results = subset.map((r, i) => normalizeRecord(r, i));
    expect(results.every((r) => r.psid)).toBe(true);
    expect(results.flatMap((r) => r.issues).filter((i) => i.fatal)).toEqual([]);
  });

  it('reads 利島村 6～7カ月児 as an explicit [6, 8) window', () => {
    const result = normalizeRecord(byPsid('psid3.0+1000020133621+1+UM50'), 0);
    if (!('data' in result)) throw new Error('not normalised');
    expect(result.data.municipalityCode).toBe('133621');
    expect(result.data.ageMonths).toEqual({ min: 6, max: 8, source: 'explicit' });
    expect(result.data.categories).toEqual(['003', '027']);
  });

  it('flags contradicting bounds and falls back to the text (小学生)', () => {
    const result = normalizeRecord(byPsid('psid3.0+1000020133621+1+UM79'), 0);
    if (!('data' in result)) throw new Error('not normalised');
    expect(result.data.ageMonths).toEqual({ min: 72, max: 156, source: 'inferred' });
    expect(result.issues.map((i) => i.field)).toContain('records[0].target');
  });

  it('pulls links out of `タイトル;URL` text and marks pregnancy programs', () => {
    const result = normalizeRecord(byPsid('psid3.0+8000020130001+1+UM10'), 0);
    if (!('data' in result)) throw new Error('not normalised');
    expect(result.data.links.some((l) => l.source === 'text' && l.url.endsWith('jisshiyokoR40217.pdf'))).toBe(true);
    expect(result.data.contact?.phone).toBe('03-5320-4372');
    const pregnancy = normalizeRecord(byPsid('psid3.0+1000020133621+1+UM11'), 0);
    expect('data' in pregnancy && pregnancy.data.prenatal).toBe(true);
  });

  it('rejects a record without psid or with an area outside Tokyo', () => {
    const bad = normalizeRecord({ basicInformation: {}, area: { areaCode: '271004;大阪市' } }, 7);
    expect(bad.psid).toBeNull();
    expect(bad.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['records[7].basicInformation.psid', 'records[7].area.areaCode']),
    );
  });
});

describe('search key', () => {
  it('matches partial Japanese words only on character boundaries', () => {
    const text = searchKey('定期予防接種（五種混合）');
    expect(text.includes(searchKey('予防接種'))).toBe(true);
    expect(text.includes(searchKey('ごしゅ'))).toBe(false);
    expect(searchKey('ＡＢＣ')).toBe(searchKey('abc'));
    expect(searchKey('予防')).toMatch(/^[a-z0-5]+$/);
  });
});
