import { type Candidate, evidenceOf } from './candidate.ts';

/** First Gregorian year of each era (元年). 令和 began on 2019-05-01, 平成 on 1989-01-08, 昭和 on 1926-12-25. */
const ERAS: Record<string, number> = { 令和: 2019, 平成: 1989, 昭和: 1926, R: 2019, H: 1989, S: 1926 };

const ERA_DATE = /(令和|平成|昭和)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const ERA_SHORT = /(?<![A-Za-z])([RHS])\s*(\d{1,2})[./](\d{1,2})[./](\d{1,2})(?!\d)/g;
const WESTERN_KANJI = /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const WESTERN_NUMERIC = /(?<![\d./-])(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?![\d./-])/g;

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function eraYear(era: string, year: string): number {
  return ERAS[era]! + (year === '元' ? 1 : Number(year)) - 1;
}

/** Every full date (year, month and day) in the text, 西暦 or 和暦, sorted by position. */
export function findDates(original: string, folded: string): Extract<Candidate, { kind: 'date' }>[] {
  const found: Extract<Candidate, { kind: 'date' }>[] = [];
  const push = (index: number, length: number, iso: string | null) => {
    if (iso) found.push({ kind: 'date', value: iso, evidence: evidenceOf(original, index, index + length) });
  };
  for (const m of folded.matchAll(ERA_DATE))
    push(m.index, m[0].length, isoDate(eraYear(m[1]!, m[2]!), Number(m[3]), Number(m[4])));
  for (const m of folded.matchAll(ERA_SHORT))
    push(m.index, m[0].length, isoDate(eraYear(m[1]!, m[2]!), Number(m[3]), Number(m[4])));
  for (const m of folded.matchAll(WESTERN_KANJI)) push(m.index, m[0].length, isoDate(+m[1]!, +m[2]!, +m[3]!));
  for (const m of folded.matchAll(WESTERN_NUMERIC)) push(m.index, m[0].length, isoDate(+m[1]!, +m[2]!, +m[3]!));
  return found.sort((a, b) => a.evidence.start - b.evidence.start);
}

// A date, then up to a few characters such as （月）, then a range mark, then the next date.
const RANGE_BETWEEN = /^\s*(?:[（(][^）)]{1,4}[）)])?\s*(?:から|より|～|〜|~|－|-|―|ー)\s*$/;
const UNTIL_AFTER = /^\s*(?:[（(][^）)]{1,4}[）)])?\s*(?:まで|迄)/;
const FROM_AFTER = /^\s*(?:[（(][^）)]{1,4}[）)])?\s*(?:から|より|以降)/;

/**
 * Periods: 「A から B まで」 / 「A～B」 pair two dates; a lone 「A から」 or 「B まで」 gives one end. The text between
 * two dates must be only the range mark (and a weekday), so two dates in one sentence are not taken for a range.
 */
export function findPeriods(
  original: string,
  folded: string,
  dates: Extract<Candidate, { kind: 'date' }>[],
): Extract<Candidate, { kind: 'period' }>[] {
  const periods: Extract<Candidate, { kind: 'period' }>[] = [];
  for (let i = 0; i < dates.length; i++) {
    const a = dates[i]!;
    const b = dates[i + 1];
    if (b && RANGE_BETWEEN.test(folded.slice(a.evidence.end, b.evidence.start))) {
      const until = folded.slice(b.evidence.end).match(UNTIL_AFTER);
      const end = b.evidence.end + (until?.[0].length ?? 0);
      periods.push({
        kind: 'period',
        value: { from: a.value, to: b.value },
        evidence: evidenceOf(original, a.evidence.start, end),
      });
      i++;
      continue;
    }
    const after = folded.slice(a.evidence.end);
    const from = after.match(FROM_AFTER);
    const until = after.match(UNTIL_AFTER);
    if (from)
      periods.push({
        kind: 'period',
        value: { from: a.value, to: null },
        evidence: evidenceOf(original, a.evidence.start, a.evidence.end + from[0].length),
      });
    else if (until)
      periods.push({
        kind: 'period',
        value: { from: null, to: a.value },
        evidence: evidenceOf(original, a.evidence.start, a.evidence.end + until[0].length),
      });
  }
  return periods;
}
