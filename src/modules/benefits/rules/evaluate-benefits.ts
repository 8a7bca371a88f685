import { evaluateAkachanFirst } from './akachan-first.ts';
import type { BenefitCode, BenefitEvaluation, ChildFacts } from './evaluation.ts';
import { evaluateJidouTeate } from './jidou-teate.ts';
import { type BenefitParameters, benefitParameters } from './parameters.ts';
import { evaluateSupport018 } from './support-018.ts';

const RULES: Record<
  BenefitCode,
  (params: BenefitParameters, fiscalYear: number, child: ChildFacts) => BenefitEvaluation
> = {
  '018support': evaluateSupport018,
  'akachan-first': (params, _fiscalYear, child) => evaluateAkachanFirst(params, child),
  'jidou-teate': evaluateJidouTeate,
};

/**
 * The benefits asked for (default: all) for one child and fiscal year, in a fixed order: 018サポート,
 * 赤ちゃんファースト, 児童手当.
 */
export function evaluateBenefits(
  input: { fiscalYear: number; child: ChildFacts; only?: readonly BenefitCode[] },
  params: BenefitParameters = benefitParameters,
): BenefitEvaluation[] {
  const codes = Object.keys(RULES) as BenefitCode[];
  return codes
    .filter((code) => !input.only || input.only.includes(code))
    .map((code) => RULES[code](params, input.fiscalYear, input.child));
}
