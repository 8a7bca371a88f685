import { dayReachingAge, firstMarch31OnOrAfterReachingAge, isBefore, monthStartsOfFiscalYear } from './civil-date.ts';
import { type BenefitEvaluation, type ChildFacts, monthLabel, municipalityOn } from './evaluation.ts';
import type { BenefitParameters, ParameterUse } from './parameters.ts';

/**
 * 児童手当, for display only: the municipality (or a public servant's employer) decides and pays it. Months from the
 * month after birth while registered anywhere in Japan on the 1st, to the first March 31 on or after reaching 18;
 * the under-3 amount through the month the child reaches 3. Sibling order is not known here, so the first/second
 * child amounts are shown and the third-child amount is cited. Months before the 2024-10 reform are not modelled.
 */
export function evaluateJidouTeate(
  params: BenefitParameters,
  fiscalYear: number,
  child: ChildFacts,
): BenefitEvaluation {
  const months: string[] = [];
  const notModelled: string[] = [];
  const notEntitled: string[] = [];
  const used = new Map<string, ParameterUse>();
  const use = (p: ParameterUse) => used.set(`${p.name}@${p.effectiveFrom}`, p);
  const reaches3 = monthLabel(dayReachingAge(child.birthDate, 3));
  let amount = 0;
  for (const first of monthStartsOfFiscalYear(fiscalYear)) {
    const label = monthLabel(first);
    const ageLimit = params.at('jidouTeate.ageLimitYears', first);
    if (!ageLimit) {
      notModelled.push(label);
      continue;
    }
    const bornBeforeMonth = isBefore(child.birthDate, first) && monthLabel(child.birthDate) < label;
    const inAge = !isBefore(firstMarch31OnOrAfterReachingAge(child.birthDate, ageLimit.value), first);
    if (!bornBeforeMonth || !inAge || municipalityOn(child.residence, first) === null) {
      notEntitled.push(label);
      continue;
    }
    const monthly = params.at(
      label <= reaches3 ? 'jidouTeate.monthlyAmountUnder3' : 'jidouTeate.monthlyAmountFrom3',
      first,
    )!;
    use(ageLimit);
    use(monthly);
    use(params.at('jidouTeate.monthlyAmountThirdChild', first)!);
    months.push(label);
    amount += monthly.value;
  }
  return {
    code: 'jidou-teate',
    eligible: months.length > 0,
    months,
    amount,
    reasons: [
      {
        condition: 'display-only',
        met: true,
        en: 'Shown for information: apply to your municipality (public servants: to the employer). Amounts assume a first or second child.',
        ja: '参考表示です。申請はお住まいの区市町村（公務員は勤務先）へ。第1子・第2子の額で表示しています。',
        parameters: [],
      },
      {
        condition: 'modelled-period',
        met: notModelled.length < 12,
        en: 'Months before the October 2024 reform are not computed.',
        ja: '2024年10月の制度改正より前の月は計算していません。',
        excludedMonths: notModelled,
        parameters: [params.earliest('jidouTeate.ageLimitYears')],
      },
      {
        condition: 'month-after-birth-age-and-residence',
        met: months.length > 0,
        en: 'From the month after birth, while registered in Japan on the 1st, up to high-school age.',
        ja: '出生の翌月から、各月1日に国内に住民登録があり、高校生年代までの月が対象です。',
        excludedMonths: notEntitled,
        parameters: [...used.values()],
      },
    ],
  };
}
