import { type AgeSpec, compareDates, dateAttainingAge, type PlainDate } from '../../../platform/time/civil-age.ts';

/**
 * 乳幼児健診 by age. 1歳6か月 and 3歳 are required of every municipality (母子保健法 §12); the others are run by most
 * and funded nationally (1か月, 5歳) or through 地方交付税 (3–6 and 9–11 months). Each municipality sets its exact
 * windows, so these are defaults to be verified against the municipality's own schedule.
 */
export const INFANT_CHECKUPS = [
  {
    code: '1m',
    name: { ja: '1か月児健診', en: '1-month check-up' },
    from: { months: 1 },
    until: { months: 2 },
    statutory: false,
  },
  {
    code: '3-6m',
    name: { ja: '3〜6か月児健診', en: '3–6-month check-up' },
    from: { months: 3 },
    until: { months: 7 },
    statutory: false,
  },
  {
    code: '9-11m',
    name: { ja: '9〜11か月児健診', en: '9–11-month check-up' },
    from: { months: 9 },
    until: { months: 12 },
    statutory: false,
  },
  {
    code: '1y6m',
    name: { ja: '1歳6か月児健診', en: '18-month check-up' },
    from: { months: 18 },
    until: { years: 2 },
    statutory: true,
  },
  {
    code: '3y',
    name: { ja: '3歳児健診', en: '3-year check-up' },
    from: { years: 3 },
    until: { years: 4 },
    statutory: true,
  },
  {
    code: '5y',
    name: { ja: '5歳児健診', en: '5-year check-up' },
    from: { years: 5 },
    until: { years: 6 },
    statutory: false,
  },
] as const satisfies readonly {
  code: string;
  name: { ja: string; en: string };
  from: AgeSpec;
  until: AgeSpec;
  statutory: boolean;
}[];

export const CHECKUP_STATUSES = ['upcoming', 'due', 'done', 'missed'] as const;
export type CheckupStatus = (typeof CHECKUP_STATUSES)[number];

export interface InfantCheckup {
  code: (typeof INFANT_CHECKUPS)[number]['code'];
  name: { ja: string; en: string };
  statutory: boolean;
  from: PlainDate;
  /** inclusive */
  to: PlainDate;
  status: CheckupStatus;
}

export function infantCheckups(
  birth: PlainDate,
  asOf: PlainDate,
  done: ReadonlySet<string> = new Set(),
): InfantCheckup[] {
  return INFANT_CHECKUPS.map((checkup) => {
    const from = dateAttainingAge(birth, checkup.from);
    const to = dateAttainingAge(birth, checkup.until).subtract({ days: 1 });
    const status: CheckupStatus = done.has(checkup.code)
      ? 'done'
      : compareDates(asOf, from) < 0
        ? 'upcoming'
        : compareDates(asOf, to) > 0
          ? 'missed'
          : 'due';
    return { code: checkup.code, name: checkup.name, statutory: checkup.statutory, from, to, status };
  });
}

/**
 * 妊婦健診 (告示 H27 第226号, about 14 visits): every 4 weeks until week 23, every 2 weeks in weeks 24–35, weekly from
 * week 36. Week 0 day 0 is 280 days before the expected delivery date; the first visit is taken at week 8, when a
 * pregnancy is usually confirmed and notified.
 */
export const PRENATAL_VISIT_WEEKS = [8, 12, 16, 20, 24, 26, 28, 30, 32, 34, 36, 37, 38, 39] as const;

export interface PrenatalVisit {
  number: number;
  week: number;
  /** The first day of that gestational week. */
  date: PlainDate;
  status: 'past' | 'next' | 'upcoming';
}

export function gestationalWeek(expectedDelivery: PlainDate, on: PlainDate): number {
  const daysPregnant = 280 - on.until(expectedDelivery, { largestUnit: 'days' }).days;
  return Math.floor(daysPregnant / 7);
}

export function prenatalVisits(expectedDelivery: PlainDate, asOf: PlainDate): PrenatalVisit[] {
  const conception = expectedDelivery.subtract({ days: 280 });
  let nextAssigned = false;
  return PRENATAL_VISIT_WEEKS.map((week, index) => {
    const date = conception.add({ days: week * 7 });
    let status: PrenatalVisit['status'] = 'upcoming';
    if (compareDates(date.add({ days: 6 }), asOf) < 0) status = 'past';
    else if (!nextAssigned) {
      status = 'next';
      nextAssigned = true;
    }
    return { number: index + 1, week, date, status };
  });
}
