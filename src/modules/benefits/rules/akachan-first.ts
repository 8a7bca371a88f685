import { civilDate, fiscalYearOf, isOnOrBefore } from './civil-date.ts';
import type { BenefitEvaluation, ChildFacts } from './evaluation.ts';
import { municipalityOn, yenFormat } from './evaluation.ts';
import type { BenefitParameters } from './parameters.ts';

/**
 * 赤ちゃんファースト (東京都出産・子育て応援事業): a ¥100,000 gift card for a child born on or after 2025-04-01 whose
 * address on the birth date was in Tokyo. Unlike 018サポート it tests the birth date, not the 1st of each month, and
 * does not depend on the fiscal year asked about: it is one gift, booked in the fiscal year of birth.
 */
export function evaluateAkachanFirst(params: BenefitParameters, child: ChildFacts): BenefitEvaluation {
  const birth = child.birthDate;
  const from = params.at('akachanFirst.birthDateFrom', birth) ?? params.earliest('akachanFirst.birthDateFrom');
  const bornInRange = isOnOrBefore(civilDate(from.value), birth);
  const prefecture =
    params.at('akachanFirst.residencePrefecture', birth) ?? params.earliest('akachanFirst.residencePrefecture');
  const tokyoOnBirthDate = municipalityOn(child.residence, birth)?.startsWith(prefecture.value) ?? false;
  const gift = bornInRange ? params.at('akachanFirst.giftAmount', birth) : null;
  const eligible = bornInRange && tokyoOnBirthDate && gift !== null;
  return {
    code: 'akachan-first',
    eligible,
    months: [],
    amount: eligible ? gift!.value : 0,
    reasons: [
      {
        condition: 'born-on-or-after',
        met: bornInRange,
        en: `For children born on or after ${from.value}.`,
        ja: `${from.value}以降に生まれたお子さんが対象です。`,
        parameters: [from],
      },
      {
        condition: 'tokyo-address-on-birth-date',
        met: tokyoOnBirthDate,
        en: 'The child must have a Tokyo address on the birth date.',
        ja: '出生日に東京都に住所があることが必要です。',
        parameters: [prefecture],
      },
      {
        condition: 'gift-amount',
        met: eligible,
        en: eligible
          ? `A gift card worth ¥${yenFormat.en.format(gift!.value)} (fiscal year ${fiscalYearOf(birth)}).`
          : 'No gift.',
        ja: eligible
          ? `${yenFormat.ja.format(gift!.value)}円分のギフトカード（${fiscalYearOf(birth)}年度）`
          : '対象外です。',
        parameters: gift ? [gift] : [],
      },
    ],
  };
}
