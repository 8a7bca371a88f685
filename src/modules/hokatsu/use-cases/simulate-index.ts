import { AppError, fieldError, notFound } from '../../../platform/http/app-error.ts';
import { computeIndex, type IndexAnswers, type IndexComputation } from '../index-rules/compute-index.ts';
import { findIndexRuleSet } from '../index-rules/index-rule-catalog.ts';
import type { IndexRuleSet } from '../index-rules/index-rule-schema.ts';

export interface SimulateIndexInput {
  municipality: string;
  fiscalYear: number;
  answers: IndexAnswers;
}

export type SimulateIndexResult = IndexComputation & { rules: IndexRuleSet };

/** A household's admission index under a municipality's rules; the answers' mistakes name their field. */
export function simulateIndex(input: SimulateIndexInput): SimulateIndexResult {
  const rules = findIndexRuleSet(input.municipality, input.fiscalYear);
  if (!rules) {
    throw notFound({
      en: `No index rules for municipality ${input.municipality} in fiscal year ${input.fiscalYear}`,
      ja: `${input.municipality} の${input.fiscalYear}年度の指数基準は登録されていません`,
    });
  }
  const result = computeIndex(rules, input.answers);
  if (!result.ok) {
    throw new AppError(
      'invalid-answers',
      400,
      {
        en: `The answers do not fit these rules: ${result.errors.map((e) => `answers.${e.field}`).join(', ')}`,
        ja: `回答が基準に合いません: ${result.errors.map((e) => `answers.${e.field}`).join('、')}`,
      },
      result.errors.map((e) => fieldError(`body.answers.${e.field}`, e.message)),
    );
  }
  return { ...result.value, rules };
}
