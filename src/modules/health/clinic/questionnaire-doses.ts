import { addMonthsClamped, dayFromIso, type EpochDay } from '../../../platform/time/civil-days.ts';
import { type DoseStatusName, evaluateDoses, sexCode } from '../vaccination/evaluate-doses.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';

/** How far ahead a visit is usually booked: a dose that opens within this many months may be the one it is for. */
const BOOKING_HORIZON_MONTHS = 2;
const OPEN: ReadonlySet<DoseStatusName> = new Set(['due', 'overdue']);
/** Doses a questionnaire is never for: given, past the age limit, not for this child, or not part of their series. */
const CLOSED: ReadonlySet<DoseStatusName> = new Set(['completed', 'aged-out', 'not-applicable', 'not-needed']);

export interface QuestionnaireDose {
  vaccine: string;
  dose: number;
  status: DoseStatusName;
}

/**
 * The doses a parent may fill a 予診票 for, from the child's own schedule on `today`: those due or overdue, then
 * those opening within the booking horizon. Listing every dose of every vaccine made parents scroll past boys' HPV
 * and doses already given; when nothing is open or near (an unusual history), every dose not closed is offered so
 * the clinic's own judgement is never blocked by the list.
 */
export function questionnaireDoses(
  schedule: RoutineSchedule,
  child: { birthDate: string; sex?: string | null },
  given: readonly { vaccine: string; dose: number; givenOn: string }[],
  today: string,
): QuestionnaireDose[] {
  const asOf = dayFromIso(today);
  const horizon: EpochDay = addMonthsClamped(asOf, BOOKING_HORIZON_MONTHS);
  const statuses = evaluateDoses(
    schedule,
    dayFromIso(child.birthDate),
    given.map((g) => ({ vaccine: g.vaccine, dose: g.dose, date: dayFromIso(g.givenOn) })),
    asOf,
    sexCode(child.sex),
  );
  const soon = statuses.filter(
    (s) => OPEN.has(s.status) || (s.status === 'not-yet-eligible' && s.earliest !== undefined && s.earliest <= horizon),
  );
  const offered = soon.length > 0 ? soon : statuses.filter((s) => !CLOSED.has(s.status));
  return offered.map(({ vaccine, dose, status }) => ({ vaccine, dose, status }));
}
