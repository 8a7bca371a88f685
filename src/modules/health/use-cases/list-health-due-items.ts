import { and, eq, inArray } from 'drizzle-orm';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import { plainDate } from '../../../platform/time/civil-age.ts';
import { dayFromIso, isoFromDay } from '../../../platform/time/civil-days.ts';
import { tokyoToday } from '../../../platform/time/today.ts';
import { readHouseholdAsSystem } from '../../identity/index.ts';
import { checkupResults } from '../checkups/checkup-results.tables.ts';
import { infantCheckups } from '../checkups/checkup-schedule.ts';
import { vaccinationRecords } from '../clinic/clinic.tables.ts';
import {
  compiledSchedule,
  evaluateChildInto,
  fillGiven,
  type GivenDose,
  NONE,
  SLOT,
  SLOTS,
  sexCode,
} from '../vaccination/evaluate-doses.ts';
import { loadRoutineSchedule, type RoutineSchedule } from '../vaccination/routine-schedule.ts';

/** One thing a child should have done in a period, for reminders (notify). Dates are YYYY-MM-DD. */
export interface HealthDueItem {
  childId: string;
  kind: 'vaccination' | 'infant-checkup';
  /** `vaccine:dose` (`mr:1`) or the check-up code (`1y6m`). */
  code: string;
  labelJa: string;
  labelEn: string;
  earliest: string;
  /** The standard schedule's "by" date (vaccination) or the end of the check-up's window. */
  recommendedBy: string;
  /** The last day it can still be done as a routine, publicly funded service. */
  latest: string;
  /** The last day falls inside the period, or the recommended date has passed: remind more firmly. */
  urgent: boolean;
}

export type HealthDueQuery = {
  /** First and last day of the period the reminders are for (inclusive). */
  from: string;
  to: string;
} /** `sex` as identity stores it; absent or `unspecified`: no reminder for a vaccine of one sex (HPV). */ & (
  | { children: readonly { childId: string; birthDate: string; sex?: string | null }[] }
  /** Households to read (as the system, audited with the purpose "health reminders") for their children. */
  | { householdIds: readonly string[] }
);

let routine: RoutineSchedule | undefined;
const routineSchedule = (): RoutineSchedule => {
  routine ??= loadRoutineSchedule();
  return routine;
};

/**
 * What is due for these children in [from, to] (the notify module calls this; see the README): every routine
 * vaccination dose that is open in the period and not recorded, and every 乳幼児健診 whose window meets the period and
 * has no result. Uses the schedule engine and the vaccinations and check-ups recorded in this module. Children are
 * passed in (or read through identity's index by household): health never reads identity's tables.
 */
export async function listHealthDueItems(services: AppServices, query: HealthDueQuery): Promise<HealthDueItem[]> {
  const children = 'children' in query ? [...query.children] : await childrenOfHouseholds(services, query.householdIds);
  if (children.length === 0) return [];
  const schedule = routineSchedule();
  const ids = children.map((c) => c.childId);
  const { given, done } = await withTenantScope(services.db, { kind: 'all' }, async (tx) => ({
    given: await tx
      .select({
        childId: vaccinationRecords.childId,
        vaccine: vaccinationRecords.vaccine,
        dose: vaccinationRecords.dose,
        givenOn: vaccinationRecords.givenOn,
      })
      .from(vaccinationRecords)
      .where(inArray(vaccinationRecords.childId, ids)),
    done: await tx
      .select({ childId: checkupResults.subjectId, code: checkupResults.checkupCode })
      .from(checkupResults)
      .where(and(eq(checkupResults.kind, 'infant'), inArray(checkupResults.subjectId, ids))),
  }));
  const historyOf = new Map<string, GivenDose[]>();
  for (const r of given) {
    const list = historyOf.get(r.childId) ?? [];
    list.push({ vaccine: r.vaccine, dose: r.dose, date: dayFromIso(r.givenOn) });
    historyOf.set(r.childId, list);
  }
  const doneOf = new Map<string, Set<string>>();
  for (const r of done) doneOf.set(r.childId, (doneOf.get(r.childId) ?? new Set()).add(r.code));

  const from = dayFromIso(query.from);
  const to = dayFromIso(query.to);
  const today = Math.min(Math.max(dayFromIso(tokyoToday(services.now())), from), to);
  const c = compiledSchedule(schedule);
  const names = new Map(schedule.vaccines.map((v) => [v.code, v.name]));
  const givenTable = new Int32Array(c.count);
  const out = new Int32Array(c.count * SLOTS);
  const items: HealthDueItem[] = [];
  for (const child of children) {
    const birth = dayFromIso(child.birthDate);
    const history = fillGiven(c, historyOf.get(child.childId) ?? [], givenTable);
    evaluateChildInto(c, birth, history, today, out, sexCode(child.sex));
    for (let i = 0, o = 0; i < c.count; i++, o += SLOTS) {
      const earliest = out[o + SLOT.earliest] as number;
      const latest = out[o + SLOT.latest] as number;
      // Completed doses, doses waiting for an earlier one, and doses not applicable, not needed or not determinable
      // (a vaccine of one sex for a child whose sex is not known) have no window.
      if (earliest === NONE || out[o + SLOT.givenOn] !== NONE) continue;
      if (earliest > to || latest < from) continue;
      const recommendedBy = out[o + SLOT.recommendedBy] as number;
      const vaccine = c.vaccine[i] as string;
      const dose = c.dose[i] as number;
      const name = names.get(vaccine) ?? { ja: vaccine, en: vaccine };
      items.push({
        childId: child.childId,
        kind: 'vaccination',
        code: `${vaccine}:${dose}`,
        labelJa: `${name.ja} ${dose}回目`,
        labelEn: `${name.en} dose ${dose}`,
        earliest: isoFromDay(earliest),
        recommendedBy: isoFromDay(recommendedBy),
        latest: isoFromDay(latest),
        urgent: latest <= to || today > recommendedBy,
      });
    }
    const checkups = infantCheckups(
      plainDate(child.birthDate),
      plainDate(isoFromDay(today)),
      doneOf.get(child.childId),
    );
    for (const checkup of checkups) {
      if (checkup.status === 'done') continue;
      const start = dayFromIso(checkup.from.toString());
      const end = dayFromIso(checkup.to.toString());
      if (start > to || end < from) continue;
      items.push({
        childId: child.childId,
        kind: 'infant-checkup',
        code: checkup.code,
        labelJa: checkup.name.ja,
        labelEn: checkup.name.en,
        earliest: isoFromDay(start),
        recommendedBy: isoFromDay(end),
        latest: isoFromDay(end),
        urgent: end <= to,
      });
    }
  }
  return items;
}

/**
 * Children of a municipality with at least one recorded vaccination (ids only): notify plans their vaccination
 * reminders from `listHealthDueItems` instead of the standard schedule.
 */
export async function childrenWithVaccinationRecords(
  services: AppServices,
  input: { municipalityCode: string },
): Promise<string[]> {
  const rows = await withTenantScope(
    services.db,
    { kind: 'municipality', municipalityCode: input.municipalityCode },
    (tx) =>
      tx
        .selectDistinct({ childId: vaccinationRecords.childId })
        .from(vaccinationRecords)
        .where(eq(vaccinationRecords.municipalityCode, input.municipalityCode)),
  );
  return rows.map((r) => r.childId);
}

async function childrenOfHouseholds(services: AppServices, householdIds: readonly string[]) {
  const children: { childId: string; birthDate: string; sex: string }[] = [];
  for (const householdId of householdIds) {
    const household = await readHouseholdAsSystem(services, { householdId, purpose: 'health reminders' });
    for (const child of household?.children ?? [])
      children.push({ childId: child.id, birthDate: child.birthDate, sex: child.sex });
  }
  return children;
}
