import { evaluateAkachanFirst } from './akachan-first.ts';
import type { BenefitEvaluation, ChildFacts } from './evaluation.ts';
import { evaluateJidouTeate } from './jidou-teate.ts';
import { type BenefitParameters, benefitParameters } from './parameters.ts';
import { evaluateSupport018 } from './support-018.ts';

/** Every benefit for one child and fiscal year, in a fixed order: 018サポート, 赤ちゃんファースト, 児童手当. */
export function evaluateBenefits(
  input: { fiscalYear: number; child: ChildFacts },
  params: BenefitParameters = benefitParameters,
): BenefitEvaluation[] {
  return [
    evaluateSupport018(params, input.fiscalYear, input.child),
    evaluateAkachanFirst(params, input.child),
    evaluateJidouTeate(params, input.fiscalYear, input.child),
  ];
}
