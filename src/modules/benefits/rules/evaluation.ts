import { Temporal } from 'temporal-polyfill';
import type { PlainDate } from './civil-date.ts';
import { isOnOrBefore } from './civil-date.ts';
import type { ParameterUse } from './parameters.ts';

export const BENEFIT_CODES = ['018support', 'akachan-first', 'jidou-teate'] as const;
export type BenefitCode = (typeof BENEFIT_CODES)[number];

/** Benefits a parent can claim through Tsunagu; 児童手当 is shown for information (the municipality pays it). */
export const CLAIMABLE_BENEFITS = ['018support', 'akachan-first'] as const satisfies readonly BenefitCode[];
export type ClaimableBenefit = (typeof CLAIMABLE_BENEFITS)[number];

export interface ResidencePeriod {
  municipalityCode: string;
  from: PlainDate;
  /** Last day lived there (inclusive); null while still living there. */
  to: PlainDate | null;
}

export interface ChildFacts {
  birthDate: PlainDate;
  /** Ordered, non-overlapping (validated at the edge). */
  residence: readonly ResidencePeriod[];
}

/** One step of the reason trace: a condition, whether it held, and the dated parameters it used. */
export interface Reason {
  condition: string;
  met: boolean;
  en: string;
  ja: string;
  /** Months this condition removed, when it is tested month by month. */
  excludedMonths?: string[];
  parameters: ParameterUse[];
}

export interface InstalmentShare {
  no: number;
  months: string[];
  amount: number;
  /** 'YYYY-MM' */
  paymentMonth: string;
  applicationDeadline: string;
}

export interface BenefitEvaluation {
  code: BenefitCode;
  eligible: boolean;
  /** 'YYYY-MM' months the amount is for (empty for a one-off gift). */
  months: string[];
  amount: number;
  reasons: Reason[];
  /** 018サポート only: how the amount splits over the fiscal year's instalments. */
  instalments?: InstalmentShare[];
}

export function municipalityOn(residence: readonly ResidencePeriod[], day: PlainDate): string | null {
  for (const period of residence) {
    if (isOnOrBefore(period.from, day) && (period.to === null || isOnOrBefore(day, period.to))) {
      return period.municipalityCode;
    }
  }
  return null;
}

/**
 * Amounts in the reason traces. Number#toLocaleString(locale) caches one formatter, for the last locale asked: the
 * traces alternate en and ja, so it built a new one per call (≈ 12 µs each, four per application).
 */
export const yenFormat = { en: new Intl.NumberFormat('en'), ja: new Intl.NumberFormat('ja') } as const;

export function monthLabel(date: PlainDate): string {
  // From the fields: the polyfill's toString formats the whole date (about 1 µs), twelve times per evaluation.
  return `${date.year}-${date.month < 10 ? '0' : ''}${date.month}`;
}

/** The day, with a day past the month's end moved back to its last day (from()'s 'constrain' overflow). */
export function plainDate(year: number, month: number, day = 1): PlainDate {
  // The constructor is several times cheaper than from() with a property bag, and every day up to the 28th exists.
  return day <= 28 ? new Temporal.PlainDate(year, month, day) : Temporal.PlainDate.from({ year, month, day });
}
