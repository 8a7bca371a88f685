import { plainDate } from '../../../platform/time/civil-age.ts';
import { findAges } from '../extraction/ages.ts';
import { type Evidence, evidenceOf, foldWidth } from '../extraction/candidate.ts';

/** Registry categories (CSC_個人向けカテゴリー) a hand-out is filed under, from the words it uses. */
const CATEGORY_WORDS: [code: string, pattern: RegExp][] = [
  ['002', /妊娠|妊婦|出産|母子健康手帳|母子手帳|産前|産後/],
  ['003', /子育て|育児|赤ちゃん|乳幼児|離乳食/],
  ['004', /保育園|保育所|保育施設|一時保育|保育料/],
  ['027', /健診|健康診査|予防接種|ワクチン|医療|歯科|栄養|保健/],
];

export interface HandoutAudience {
  categories: string[];
  /** Pregnancy weeks [from, to); 42 is past term. */
  pregnancy: { from: number; to: number } | null;
  age: { min: number | null; max: number | null } | null;
  evidence: Evidence[];
}

const WEEK_RANGE = /妊娠\s*(\d{1,2})\s*週\s*(?:～|〜|~|-|－|から)\s*(?:妊娠)?\s*(\d{1,2})\s*週/;
const WEEK_FROM = /妊娠\s*(\d{1,2})\s*週(?:目)?\s*(?:以降|から|以上|を過ぎ)/;
const WEEK_UNTIL = /妊娠\s*(\d{1,2})\s*週(?:目)?\s*(?:まで|未満|頃まで)/;
const TRIMESTER: [RegExp, number, number][] = [
  [/妊娠初期/, 0, 16],
  [/妊娠中期/, 16, 28],
  [/妊娠後期|妊娠末期/, 28, 42],
];
const PREGNANCY = /妊娠届|妊婦|妊娠中|妊娠した|母子健康手帳|母子手帳/;

/**
 * Who a hand-out is for: pregnancy weeks where the text names them (「妊娠20週以降」「妊娠初期」), every week when it
 * is about pregnancy without naming weeks, and the first child age the age rules find. The spans are kept to show.
 */
export function classifyHandout(text: string): HandoutAudience {
  const folded = foldWidth(text);
  const categories = CATEGORY_WORDS.filter(([, p]) => p.test(folded)).map(([c]) => c);
  const evidence: Evidence[] = [];
  const hit = (m: RegExpMatchArray | null) => {
    if (m?.index != null) evidence.push(evidenceOf(text, m.index, m.index + m[0].length));
    return m;
  };
  let pregnancy: HandoutAudience['pregnancy'] = null;
  const range = hit(folded.match(WEEK_RANGE));
  if (range) pregnancy = { from: Number(range[1]), to: Number(range[2]) + 1 };
  else {
    const from = hit(folded.match(WEEK_FROM));
    const until = hit(folded.match(WEEK_UNTIL));
    if (from || until) pregnancy = { from: from ? Number(from[1]) : 0, to: until ? Number(until[1]) + 1 : 42 };
    else {
      const trimesters = TRIMESTER.filter(([p]) => hit(folded.match(p)));
      if (trimesters.length)
        pregnancy = { from: Math.min(...trimesters.map((t) => t[1])), to: Math.max(...trimesters.map((t) => t[2])) };
      else if (hit(folded.match(PREGNANCY))) pregnancy = { from: 0, to: 42 };
    }
  }
  if (pregnancy && pregnancy.from >= pregnancy.to) pregnancy = null;
  const [age] = findAges(text, folded);
  if (age) evidence.push(age.evidence);
  return { categories, pregnancy, age: age?.value ?? null, evidence };
}

/** Gestational week today from the due date: 40 weeks (280 days) end on the due date. */
export function pregnancyWeek(expectedDeliveryDate: string, today: string): number {
  const days = plainDate(today).until(plainDate(expectedDeliveryDate), { largestUnit: 'days' }).days;
  return Math.max(0, Math.floor((280 - days) / 7));
}
