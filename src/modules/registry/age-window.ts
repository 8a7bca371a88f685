import type { AgeSource } from './program-data.ts';

export interface AgeWindow {
  min: number | null;
  max: number | null;
  source: AgeSource;
}

interface Bound {
  targetAge?: unknown;
  targetAgeOfMonths?: unknown;
}

function months(bound: Bound | null | undefined): { total: number; monthsGiven: boolean } | null {
  if (!bound) return null;
  const years = toInt(bound.targetAge);
  const m = toInt(bound.targetAgeOfMonths);
  if (years == null && m == null) return null;
  return { total: (years ?? 0) * 12 + (m ?? 0), monthsGiven: m != null && m !== 0 };
}

function toInt(value: unknown): number | null {
  if (value == null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).normalize('NFKC').trim());
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * The registry's boundary objects as a half-open window [min, max) in months. Age in years follows the everyday
 * reading: 「N歳以下」 includes the whole year of age N (max = (N+1)·12), 「N歳未満」 ends at the Nth birthday, and
 * 「N歳を超える」 starts at N+1. A bound stated with months is exact to the month. Returns null for no bounds and
 * 'invalid' when the bounds contradict each other (min ≥ max).
 */
export function explicitAgeWindow(target: Record<string, unknown> | null | undefined): AgeWindow | null | 'invalid' {
  if (!target) return null;
  const gte = months(target.greaterThanOrEqualTo as Bound);
  const gt = months(target.greaterThan as Bound);
  const lt = months(target.lessThan as Bound);
  const lte = months(target.lessThanOrEqualTo as Bound);
  if (!gte && !gt && !lt && !lte) return null;
  const lowers = [gte?.total, gt ? gt.total + (gt.monthsGiven ? 1 : 12) : undefined].filter(
    (x): x is number => x != null,
  );
  const uppers = [lt?.total, lte ? lte.total + (lte.monthsGiven ? 1 : 12) : undefined].filter(
    (x): x is number => x != null,
  );
  const min = lowers.length ? Math.max(...lowers) : null;
  const max = uppers.length ? Math.min(...uppers) : null;
  if (min != null && max != null && min >= max) return 'invalid';
  return { min: min === 0 ? 0 : min, max, source: 'explicit' };
}

const NUM = '(\\d{1,2})';
const MONTH = '(?:か|カ|ヵ|ヶ|ケ|箇)?月';
const DASH = '(?:～|~|〜|-|－|から)';

/**
 * Windows read from the target text when the boundary fields are empty. Only unambiguous patterns are used; the
 * first that matches wins, in the order below (most specific first).
 */
const TEXT_RULES: { pattern: RegExp; window: (m: RegExpMatchArray) => [number, number | null] }[] = [
  {
    pattern: new RegExp(`${NUM}歳${NUM}${MONTH}${DASH}${NUM}歳${NUM}${MONTH}`),
    window: (m) => [ym(m[1], m[2]), ym(m[3], m[4]) + 1],
  },
  { pattern: new RegExp(`${NUM}${DASH}${NUM}${MONTH}児`), window: (m) => [n(m[1]), n(m[2]) + 1] },
  { pattern: new RegExp(`${NUM}歳${NUM}${MONTH}児`), window: (m) => [ym(m[1], m[2]), ym(m[1], m[2]) + 6] },
  { pattern: new RegExp(`${NUM}${MONTH}児`), window: (m) => [n(m[1]), n(m[1]) + 1] },
  { pattern: new RegExp(`${NUM}${DASH}${NUM}歳`), window: (m) => [n(m[1]) * 12, (n(m[2]) + 1) * 12] },
  { pattern: new RegExp(`${NUM}歳未満`), window: (m) => [0, n(m[1]) * 12] },
  { pattern: new RegExp(`${NUM}歳(?:以下|まで)`), window: (m) => [0, (n(m[1]) + 1) * 12] },
  { pattern: new RegExp(`${NUM}歳児`), window: (m) => [n(m[1]) * 12, (n(m[1]) + 1) * 12] },
  { pattern: /未就学|就学前/, window: () => [0, 84] },
  { pattern: /乳児/, window: () => [0, 12] },
  { pattern: /小学生|小学校/, window: () => [72, 156] },
  { pattern: /中学生|中学校/, window: () => [144, 192] },
];

function n(value: string | undefined): number {
  return Number(value);
}
function ym(years: string | undefined, m: string | undefined): number {
  return n(years) * 12 + n(m);
}

/** Ages of adults in the same text (「妻の年齢が43歳未満」) are not the child's window. */
const ADULT_CONTEXT = /(?:妻|夫|母|父|親|保護者|本人|申請者|妊婦|女性|男性)[^。\n]{0,8}$/;
/** Children's programs end by 20; anything beyond is someone else's age. */
const MAX_CHILD_MONTHS = 240;

export function inferAgeWindow(text: string | null): AgeWindow | null {
  if (!text) return null;
  const normalized = text.normalize('NFKC');
  for (const rule of TEXT_RULES) {
    for (const match of normalized.matchAll(new RegExp(rule.pattern.source, 'g'))) {
      const before = normalized.slice(Math.max(0, (match.index ?? 0) - 12), match.index);
      if (ADULT_CONTEXT.test(before)) continue;
      const [min, max] = rule.window(match);
      if ((max != null && min >= max) || (max ?? min) > MAX_CHILD_MONTHS) continue;
      return { min, max, source: 'inferred' };
    }
  }
  return null;
}

export function ageWindowContains(window: { min: number | null; max: number | null }, ageMonths: number): boolean {
  return (window.min == null || window.min <= ageMonths) && (window.max == null || ageMonths < window.max);
}
