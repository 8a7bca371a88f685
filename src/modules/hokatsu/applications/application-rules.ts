import { AppError } from '../../../platform/http/app-error.ts';
import { computeIndex, type IndexAnswers, indexAnswersSchema } from '../index-rules/compute-index.ts';
import { allIndexRuleSets } from '../index-rules/index-rule-catalog.ts';
import type { IndexRuleSet } from '../index-rules/index-rule-schema.ts';

/** Nursery years run April to March: an intake in 2027-01 belongs to fiscal year 2026. */
export function fiscalYearOf(roundMonth: string): number {
  const [year, month] = roundMonth.split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}

/**
 * The rules an application is screened under: the municipality's newest version for the intake's fiscal year, or
 * failing that its newest earlier year (the shipped samples are not all current; the application records which).
 */
export function rulesForApplication(municipality: string, roundMonth: string): IndexRuleSet {
  const year = fiscalYearOf(roundMonth);
  const candidates = allIndexRuleSets()
    .filter((r) => r.municipality === municipality && r.fiscalYear <= year)
    .sort((a, b) => b.fiscalYear - a.fiscalYear || b.version - a.version);
  const rules = candidates[0];
  if (!rules) {
    throw new AppError('no-index-rules', 422, {
      en: 'Tsunagu has no admission rules for this municipality yet, so it cannot take applications here',
      ja: 'この自治体の利用調整基準が未登録のため、申請を受け付けられません',
    });
  }
  return rules;
}

/** The rules engine over stored or submitted answers; bad answers become problem+json fields under `prefix`. */
export function indexFromAnswers(rules: IndexRuleSet, raw: unknown, prefix = 'body.answers') {
  const parsed = indexAnswersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = [prefix, ...issue.path.map(String)].join('.');
    throw new AppError('invalid-answers', 400, { en: issue.message, ja: '指数の回答に誤りがあります' }, [
      { field, message: issue.message, messageJa: '指数の回答に誤りがあります' },
    ]);
  }
  const result = computeIndex(rules, parsed.data);
  if (!result.ok) {
    throw new AppError(
      'invalid-answers',
      400,
      { en: 'Some index answers are not valid', ja: '指数の回答に誤りがあります' },
      result.errors.map((e) => ({ field: `${prefix}.${e.field}`, message: e.message.en, messageJa: e.message.ja })),
    );
  }
  return { answers: parsed.data as IndexAnswers, ...result.value };
}
