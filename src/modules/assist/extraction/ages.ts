import { type AgeBounds, type Candidate, evidenceOf } from './candidate.ts';

type AgeCandidate = Extract<Candidate, { kind: 'age' }>;
type Rule = { pattern: RegExp; bounds: (m: RegExpMatchArray) => AgeBounds | null };

const N = '(\\d{1,2})';
const MO = '(?:か|カ|ヵ|ヶ|ケ|箇|ヵ)月';
const TILDE = '(?:～|〜|~|－|-|―)';
const FROM = '(?:から|以上|以降|より)';
const n = (s: string | undefined) => Number(s);

/**
 * The first day after a birthday-based school year: 「18歳に達する日以後の最初の3月31日まで」 and its spellings. In
 * months the window can only end at the next whole year of age, (N+1)·12 — the same as the registry's 「N歳以下」 —
 * because a child born on 2 April is still covered at N years 11 months.
 */
const FISCAL_YEAR_END =
  `${N}歳(?:に達する日|に達した日|に達した|になった|到達)(?:以後|以降|後)?(?:の|、)?\\s*(?:最初|初め)の\\s*3月31日` +
  `|${N}歳(?:に達する日の属する|に達した日の属する|到達)?年度(?:の)?末`;

/** Most specific first; a later rule never reads inside a span an earlier one took. */
const RULES: Rule[] = [
  { pattern: new RegExp(FISCAL_YEAR_END), bounds: (m) => ({ min: null, max: (n(m[1] ?? m[2]) + 1) * 12 }) },
  {
    pattern: new RegExp(`${N}歳${N}${MO}${TILDE}${N}歳${N}${MO}(未満)?`),
    bounds: (m) => ({ min: n(m[1]) * 12 + n(m[2]), max: n(m[3]) * 12 + n(m[4]) + (m[5] ? 0 : 1) }),
  },
  {
    pattern: new RegExp(`${N}(?:${MO})?${TILDE}${N}${MO}(?:児)?`),
    bounds: (m) => ({ min: n(m[1]), max: n(m[2]) + 1 }),
  },
  {
    pattern: new RegExp(`${N}(?:歳)?${TILDE}${N}歳(未満)?`),
    bounds: (m) => ({ min: n(m[1]) * 12, max: m[3] ? n(m[2]) * 12 : (n(m[2]) + 1) * 12 }),
  },
  {
    // 「0歳児の受け入れはしていません」: the window starts at the next year of age.
    pattern: new RegExp(
      `${N}歳児(?:の|は)?(?:受け入れ|受入れ|受入|入園|利用)(?:は)?(?:して(?:おり)?いません|しておりません|行っていません|できません|不可|なし)`,
    ),
    bounds: (m) => ({ min: (n(m[1]) + 1) * 12, max: null }),
  },
  {
    pattern: new RegExp(`${N}歳${N}${MO}児`),
    bounds: (m) => ({ min: n(m[1]) * 12 + n(m[2]), max: n(m[1]) * 12 + n(m[2]) + 6 }),
  },
  { pattern: new RegExp(`(?<!\\d)${N}${MO}児`), bounds: (m) => ({ min: n(m[1]), max: n(m[1]) + 1 }) },
  { pattern: new RegExp(`(?<!\\d)${N}歳児`), bounds: (m) => ({ min: n(m[1]) * 12, max: (n(m[1]) + 1) * 12 }) },
  { pattern: new RegExp(`生後${N}日`), bounds: () => ({ min: 0, max: null }) },
  { pattern: new RegExp(`生後${N}${MO}(?:${FROM})?`), bounds: (m) => ({ min: n(m[1]), max: null }) },
  { pattern: new RegExp(`${N}歳${N}${MO}${FROM}`), bounds: (m) => ({ min: n(m[1]) * 12 + n(m[2]), max: null }) },
  { pattern: new RegExp(`${N}歳${N}${MO}未満`), bounds: (m) => ({ min: null, max: n(m[1]) * 12 + n(m[2]) }) },
  {
    pattern: new RegExp(`${N}歳${N}${MO}(?:まで|以下|に達するまで)`),
    bounds: (m) => ({ min: null, max: n(m[1]) * 12 + n(m[2]) + 1 }),
  },
  { pattern: new RegExp(`(?<!\\d)${N}${MO}${FROM}`), bounds: (m) => ({ min: n(m[1]), max: null }) },
  { pattern: new RegExp(`(?<!\\d)${N}${MO}未満`), bounds: (m) => ({ min: null, max: n(m[1]) }) },
  { pattern: new RegExp(`(?<!\\d)${N}${MO}(?:まで|以下)`), bounds: (m) => ({ min: null, max: n(m[1]) + 1 }) },
  { pattern: new RegExp(`(?<![\\d歳])${N}歳(?:の誕生日)?${FROM}`), bounds: (m) => ({ min: n(m[1]) * 12, max: null }) },
  { pattern: new RegExp(`(?<![\\d歳])${N}歳を超え`), bounds: (m) => ({ min: (n(m[1]) + 1) * 12, max: null }) },
  { pattern: new RegExp(`(?<![\\d歳])${N}歳未満`), bounds: (m) => ({ min: null, max: n(m[1]) * 12 }) },
  {
    pattern: new RegExp(`(?<![\\d歳])${N}歳(?:の)?誕生日の前日まで`),
    bounds: (m) => ({ min: null, max: n(m[1]) * 12 }),
  },
  { pattern: new RegExp(`(?<![\\d歳])${N}歳(?:まで|以下)`), bounds: (m) => ({ min: null, max: (n(m[1]) + 1) * 12 }) },
  // School stages end at the 3月31日 after turning 6, 12 and 15 (+1 year, as above).
  { pattern: /(?:小学校)?就学前まで|小学校入学前まで/, bounds: () => ({ min: null, max: 84 }) },
  { pattern: /小学校就学前|未就学|就学前/, bounds: () => ({ min: 0, max: 84 }) },
  { pattern: /小学(?:生|校(?:修了|卒業)|6年生|校6年生)まで/, bounds: () => ({ min: null, max: 156 }) },
  { pattern: /中学(?:生|校(?:修了|卒業)|3年生|校3年生)まで/, bounds: () => ({ min: null, max: 192 }) },
  { pattern: /高校(?:生|卒業)まで|高等学校(?:卒業|修了)まで/, bounds: () => ({ min: null, max: 228 }) },
  { pattern: /小中学生|小・中学生/, bounds: () => ({ min: 72, max: 192 }) },
  // School law's words: 児童 are primary pupils, 生徒 secondary (to the end of high school). Together they mean
  // the school years, 6 to 18 — unlike 児童 alone, which in welfare law is any child under 18.
  { pattern: /児童・生徒|児童生徒|児童及び生徒/, bounds: () => ({ min: 72, max: 228 }) },
  { pattern: /小学生|小学校の児童/, bounds: () => ({ min: 72, max: 156 }) },
  { pattern: /中学生|中学校の生徒/, bounds: () => ({ min: 144, max: 192 }) },
  { pattern: /乳児/, bounds: () => ({ min: 0, max: 12 }) },
];

/** Ages that belong to an adult named just before (「妻の年齢が43歳未満」「申請者が65歳以上」). */
const ADULT_BEFORE =
  /(?:妻|夫|母親?|父親?|保護者|本人|申請者|受給者|女性|男性|親)(?:の|が|は)?(?:年齢|年令)?(?:が|は)?[^。\n、]{0,3}$/;
/** A child's programme ends by 20; larger numbers are adults' ages. */
const MAX_CHILD_MONTHS = 240;
const JOIN_GAP = /^[^。\n]{0,20}$/;

function overlaps(taken: [number, number][], start: number, end: number): boolean {
  return taken.some(([s, e]) => start < e && s < end);
}

/**
 * Every age statement in the text as a window in months, with its span. A lone lower bound followed closely in the
 * same sentence by a lone upper bound (「生後2か月から1歳6か月まで」「0歳から概ね14歳まで」) becomes one window.
 */
export function findAges(original: string, folded: string): AgeCandidate[] {
  const taken: [number, number][] = [];
  const single: AgeCandidate[] = [];
  for (const rule of RULES) {
    for (const m of folded.matchAll(new RegExp(rule.pattern.source, 'g'))) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(taken, start, end)) continue;
      const bounds = rule.bounds(m);
      if (!bounds) continue;
      taken.push([start, end]);
      if (ADULT_BEFORE.test(folded.slice(Math.max(0, start - 12), start))) continue;
      if (Math.max(bounds.min ?? 0, bounds.max ?? 0) > MAX_CHILD_MONTHS) continue;
      if (bounds.min != null && bounds.max != null && bounds.min >= bounds.max) continue;
      single.push({ kind: 'age', value: bounds, evidence: evidenceOf(original, start, end) });
    }
  }
  single.sort((a, b) => a.evidence.start - b.evidence.start);
  const joined: AgeCandidate[] = [];
  for (let i = 0; i < single.length; i++) {
    const a = single[i]!;
    const b = single[i + 1];
    if (
      b &&
      a.value.max == null &&
      b.value.min == null &&
      a.value.min != null &&
      b.value.max != null &&
      a.value.min < b.value.max &&
      JOIN_GAP.test(folded.slice(a.evidence.end, b.evidence.start))
    ) {
      joined.push({
        kind: 'age',
        value: { min: a.value.min, max: b.value.max },
        evidence: evidenceOf(original, a.evidence.start, b.evidence.end),
      });
      i++;
    } else {
      joined.push(a);
    }
  }
  return joined;
}

const PRENATAL = /妊娠中|妊婦|妊産婦|出産予定|妊娠届/g;

export function findPrenatal(original: string, folded: string): Extract<Candidate, { kind: 'prenatal' }>[] {
  return [...folded.matchAll(PRENATAL)].map((m) => ({
    kind: 'prenatal' as const,
    value: true as const,
    evidence: evidenceOf(original, m.index, m.index + m[0].length),
  }));
}
