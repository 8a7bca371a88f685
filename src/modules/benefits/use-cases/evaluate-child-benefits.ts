import { type ChildFactsInput, toChildFacts } from '../benefits.schemas.ts';
import { evaluateBenefits } from '../rules/evaluate-benefits.ts';

/**
 * The public calculator: no personal record is read or stored (the caller sends the facts), so nothing is audited.
 * The response keeps the shape; instalment detail stays in the reason trace.
 */
export function evaluateChildBenefits(input: { fiscalYear: number; child: ChildFactsInput }) {
  const evaluations = evaluateBenefits({ fiscalYear: input.fiscalYear, child: toChildFacts(input.child) });
  return {
    benefits: evaluations.map(({ code, eligible, months, amount, reasons }) => ({
      code,
      eligible,
      months,
      amount,
      reasons,
    })),
  };
}
