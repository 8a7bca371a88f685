import { AppError } from '../../../platform/http/app-error.ts';
import type { IndexRuleSet } from '../index-rules/index-rule-schema.ts';

/** What an application holds for its municipality's tie-break list, keyed by tie-break id; null = not given. */
export type TieBreakFacts = Record<string, number | null>;

/** 住民税所得割 is a yearly amount in yen; a household above this is a typo, not a fact. */
const MAX_INCOME_TAX_YEN = 100_000_000;
/** The key of a fact nobody gave: after every given one, so not answering never helps. */
const NOT_GIVEN = -1e12;

export type TieBreak = IndexRuleSet['tieBreaks'][number];

/** The tie-breaks the parent answers on the form (the others are applied by staff or drawn). */
export function parentTieBreaks(rules: IndexRuleSet): TieBreak[] {
  return rules.tieBreaks.filter((t) => t.kind === 'lower-income');
}

/**
 * Checks the parent's tie-break answers against the rules: only the questions the rules ask, whole yen within range.
 * A question left out is stored as null (ranked after every household that answered it).
 */
export function parentTieBreakFacts(rules: IndexRuleSet, raw: unknown, prefix = 'body.tieBreakFacts'): TieBreakFacts {
  const given = (raw ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given)) throw invalid(prefix, 'an object keyed by tie-break id');
  const asked = new Set(parentTieBreaks(rules).map((t) => t.id));
  for (const key of Object.keys(given)) {
    if (!asked.has(key)) throw invalid(`${prefix}.${key}`, 'not a question of this municipality’s tie-break list');
  }
  const facts: TieBreakFacts = {};
  for (const t of parentTieBreaks(rules)) {
    const v = given[t.id];
    if (v === undefined || v === null || v === '') {
      facts[t.id] = null;
      continue;
    }
    const n = typeof v === 'string' ? Number(v.replace(/[,，円\s]/g, '')) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_INCOME_TAX_YEN) {
      throw invalid(`${prefix}.${t.id}`, 'a whole number of yen from 0 to 100,000,000');
    }
    facts[t.id] = n;
  }
  return facts;
}

function invalid(field: string, what: string) {
  return new AppError(
    'invalid-tie-break',
    400,
    { en: `Give ${what}`, ja: '同点時の優先順位に関する回答を確認してください' },
    [{ field, message: `Give ${what}`, messageJa: '金額は0以上の整数（円）で入力してください' }],
  );
}

/**
 * The priority keys after the index, in the rules' order, higher first (the allocation compares lexicographically):
 * a lower income tax ranks higher, a better (smaller) staff rank ranks higher, a missing fact ranks last.
 */
export function tieBreakKeys(rules: IndexRuleSet, facts: TieBreakFacts): number[] {
  return rules.tieBreaks.map((t) => {
    const v = facts[t.id];
    return v === null || v === undefined ? NOT_GIVEN : -v;
  });
}
