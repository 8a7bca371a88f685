import { firstMarch31OnOrAfterReachingAge, isBefore, monthStartsOfFiscalYear } from './civil-date.ts';
import {
  type BenefitEvaluation,
  type ChildFacts,
  type InstalmentShare,
  monthLabel,
  municipalityOn,
  plainDate,
  type Reason,
  yenFormat,
} from './evaluation.ts';
import type { BenefitParameters, ParameterUse } from './parameters.ts';

/**
 * 018サポート: ¥5,000 (dated) for each month of the fiscal year on whose 1st day the child is born, has not passed
 * the first March 31 on or after reaching 18, and is registered in Tokyo. No income limit.
 */
export function evaluateSupport018(
  params: BenefitParameters,
  fiscalYear: number,
  child: ChildFacts,
): BenefitEvaluation {
  const fyStart = plainDate(fiscalYear, 4, 1);
  const inEffect = params.at('support018.inEffect', fyStart);
  if (!inEffect) {
    const first = params.earliest('support018.inEffect');
    return {
      code: '018support',
      eligible: false,
      months: [],
      amount: 0,
      reasons: [
        {
          condition: 'program-in-effect',
          met: false,
          en: `018サポート starts in the fiscal year beginning ${first.effectiveFrom}.`,
          ja: `018サポートは${first.effectiveFrom}に始まる年度からの制度です。`,
          parameters: [first],
        },
      ],
    };
  }
  const ageLimit = params.at('support018.ageLimitYears', fyStart)!;
  const prefecture = params.at('support018.residencePrefecture', fyStart)!;
  const lastDay = firstMarch31OnOrAfterReachingAge(child.birthDate, ageLimit.value);

  const notBorn: string[] = [];
  const overAge: string[] = [];
  const notResident: string[] = [];
  const months: string[] = [];
  const monthAmounts = new Map<string, number>();
  const amountsUsed = new Map<string, ParameterUse>();
  let amount = 0;
  for (const first of monthStartsOfFiscalYear(fiscalYear)) {
    const label = monthLabel(first);
    if (isBefore(first, child.birthDate)) notBorn.push(label);
    else if (isBefore(lastDay, first)) overAge.push(label);
    else if (!municipalityOn(child.residence, first)?.startsWith(prefecture.value)) notResident.push(label);
    else {
      const monthly = params.at('support018.monthlyAmount', first)!;
      amountsUsed.set(`${monthly.name}@${monthly.effectiveFrom}`, monthly);
      months.push(label);
      monthAmounts.set(label, monthly.value);
      amount += monthly.value;
    }
  }

  const reasons: Reason[] = [
    {
      condition: 'born-by-first-of-month',
      met: notBorn.length < 12,
      en: 'A month counts only if the child is born on or before its 1st day.',
      ja: '各月1日時点で出生している月が対象です。',
      excludedMonths: notBorn,
      parameters: [inEffect],
    },
    {
      condition: 'age-limit',
      met: notBorn.length + overAge.length < 12,
      en: `Paid until ${lastDay} (the first March 31 on or after the day the child reaches ${ageLimit.value}).`,
      ja: `${lastDay}（${ageLimit.value}歳に達する日以後の最初の3月31日）まで支給されます。`,
      excludedMonths: overAge,
      parameters: [ageLimit],
    },
    {
      condition: 'tokyo-residence-on-first-of-month',
      met: months.length > 0,
      en: 'The child must be registered in Tokyo on the 1st of each month.',
      ja: '各月1日時点で東京都に住民登録があることが必要です。',
      excludedMonths: notResident,
      parameters: [prefecture],
    },
    {
      condition: 'monthly-amount',
      met: months.length > 0,
      en: `${months.length} month(s): ¥${yenFormat.en.format(amount)}. No income limit.`,
      ja: `${months.length}か月分 ${yenFormat.ja.format(amount)}円（所得制限なし）`,
      parameters: [...amountsUsed.values()],
    },
  ];

  const schedule = params.at('support018.instalments', fyStart)!;
  const instalments: InstalmentShare[] = schedule.value.map((rule) => {
    const ruleMonths = rule.months.map((m) => monthLabel(plainDate(m >= 4 ? fiscalYear : fiscalYear + 1, m)));
    const shareMonths = months.filter((m) => ruleMonths.includes(m));
    const payment = plainDate(fiscalYear + rule.payment.yearOffset, rule.payment.month);
    const deadline = plainDate(fiscalYear + rule.deadline.yearOffset, rule.deadline.month, rule.deadline.day);
    return {
      no: rule.no,
      months: shareMonths,
      amount: shareMonths.reduce((sum, m) => sum + (monthAmounts.get(m) ?? 0), 0),
      paymentMonth: monthLabel(payment),
      applicationDeadline: deadline.toString(),
    };
  });
  reasons.push({
    condition: 'instalment-schedule',
    met: true,
    en: instalments
      .map((i) => `#${i.no}: ${i.months.length} month(s), paid ${i.paymentMonth}, apply by ${i.applicationDeadline}`)
      .join('; '),
    ja: instalments
      .map((i) => `第${i.no}回: ${i.months.length}か月分、${i.paymentMonth}支給、${i.applicationDeadline}までに申請`)
      .join('／'),
    parameters: [schedule],
  });
  return { code: '018support', eligible: months.length > 0, months, amount, reasons, instalments };
}
