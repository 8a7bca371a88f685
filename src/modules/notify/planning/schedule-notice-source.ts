import { Temporal } from 'temporal-polyfill';
import { infantCheckups, loadRoutineSchedule, prenatalVisits } from '../../health/index.ts';

/**
 * Where timing notices come from: a source turns health's schedules into a small table the set-based planner joins
 * against, so planning stays one SQL statement however many children there are. 乳幼児健診 and 妊婦健診 are the
 * sources, and the routine vaccinations: the month each dose's recommended time (標準的な接種期間) opens on the
 * standard schedule. A child's own due dates after late or missed doses come from health's `listHealthDueItems`.
 */
export interface ScheduleNoticeSource {
  id: string;
  /** Items for children: the age in whole months at which each item's window opens. */
  childItems(): { code: string; name: { ja: string; en: string }; opensAtMonths: number }[];
  /** Items for pregnancies: the gestational week of each item. */
  pregnancyItems(): { code: string; name: { ja: string; en: string }; week: number }[];
}

// Any birth date gives the same offsets; the 15th avoids month-end clipping.
const REFERENCE_BIRTH = Temporal.PlainDate.from('2000-01-15');

/** 乳幼児健診 (child) and 妊婦健診 (pregnancy) from health's pure schedule functions. */
export const healthCheckupSource: ScheduleNoticeSource = {
  id: 'health.checkups',
  childItems() {
    return infantCheckups(REFERENCE_BIRTH, REFERENCE_BIRTH).map((checkup) => ({
      code: checkup.code,
      name: checkup.name,
      opensAtMonths: REFERENCE_BIRTH.until(checkup.from, { largestUnit: 'months' }).months,
    }));
  },
  pregnancyItems() {
    const due = Temporal.PlainDate.from('2001-01-01');
    return prenatalVisits(due, due).map((visit) => ({
      code: `prenatal-${visit.number}`,
      name: {
        ja: `第${visit.number}回妊婦健診（妊娠${visit.week}週）`,
        en: `Prenatal check-up ${visit.number} (week ${visit.week})`,
      },
      week: visit.week,
    }));
  },
};

/** Whole months of an age given in years, months and weeks (6 weeks → 1 month: the notice goes in that month). */
function wholeMonths(age: { years?: number; months?: number; weeks?: number }): number {
  return (age.years ?? 0) * 12 + (age.months ?? 0) + Math.floor(((age.weeks ?? 0) * 7) / 30.44);
}

/** Routine vaccinations from health's versioned schedule data: one item per dose with a recommended time by age. */
export const routineVaccinationSource: ScheduleNoticeSource = {
  id: 'health.vaccinations',
  childItems() {
    return loadRoutineSchedule().vaccines.flatMap((vaccine) =>
      vaccine.doses.flatMap((dose) =>
        dose.recommended
          ? [
              {
                code: `${vaccine.code}-${dose.dose}`,
                name: {
                  ja: `予防接種 ${vaccine.name.ja}（${dose.dose}回目）`,
                  en: `Vaccination: ${vaccine.name.en} (dose ${dose.dose})`,
                },
                opensAtMonths: wholeMonths(dose.recommended.from),
              },
            ]
          : [],
      ),
    );
  },
  pregnancyItems() {
    return [];
  },
};

export const SCHEDULE_SOURCES: readonly ScheduleNoticeSource[] = [healthCheckupSource, routineVaccinationSource];

/** The child items of every source as a SQL VALUES list: (code, name_ja, name_en, opens_at_months). */
export function childScheduleValues(): { code: string; ja: string; en: string; months: number }[] {
  return SCHEDULE_SOURCES.flatMap((s) =>
    s.childItems().map((i) => ({ code: `${s.id}:${i.code}`, ja: i.name.ja, en: i.name.en, months: i.opensAtMonths })),
  );
}

export function pregnancyScheduleValues(): { code: string; ja: string; en: string; week: number }[] {
  return SCHEDULE_SOURCES.flatMap((s) =>
    s.pregnancyItems().map((i) => ({ code: `${s.id}:${i.code}`, ja: i.name.ja, en: i.name.en, week: i.week })),
  );
}
