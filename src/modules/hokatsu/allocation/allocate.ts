import { AGE_CLASSES, type AllocationInstance } from './allocation-instance.ts';
import { deferredAcceptance } from './deferred-acceptance.ts';
import { effectiveRank, KEEP_CURRENT, type PreparedInstance, prepareInstance, slotOf } from './prepared-instance.ts';
import type { SeatTable } from './seat-table.ts';
import { type BlockingPair, checkStability } from './stability-check.ts';

export type ChoiceOutcome =
  | 'assigned'
  /** Every seat in the age class went to children of higher priority. */
  | 'full'
  /** The nursery has no class (or no seats) for the child's age. */
  | 'no-class'
  /** This child would fit, but not all the siblings who must be placed together. */
  | 'siblings-not-together'
  /** A seat was available: a blocking pair (reported by the stability check). */
  | 'seat-available'
  /** Ranked below the nursery the child got, so never needed. */
  | 'not-needed';

export interface ChoiceExplanation {
  nursery: string;
  outcome: ChoiceOutcome;
  /** Priority of the lowest child admitted to that age class there (transfer applicants keeping a seat excluded). */
  lowestAdmitted: number[] | null;
  /** 1-based place on that nursery's waitlist for the age class, for choices above the assignment. */
  waitlistRank: number | null;
}

export interface ApplicantExplanation {
  assigned: string | null;
  /** 1-based position of the assigned nursery in the child's list; null when unassigned or kept the current seat. */
  choiceRank: number | null;
  keptCurrentSeat: boolean;
  choices: ChoiceExplanation[];
}

export interface AllocationResult {
  assignments: Record<string, string | null>;
  blockingPairs: number;
  /** Lowest admitted index (first priority entry) per nursery and age class; null when nobody new was admitted. */
  minimumIndex: Record<string, Record<string, number | null>>;
  /** Per nursery and age class: applicant ids still waiting for it, in priority order. */
  waitlist: Record<string, Record<string, string[]>>;
  explanations: Record<string, ApplicantExplanation>;
  blocking: BlockingPair[];
  stats: { applicants: number; assigned: number; proposals: number; converged: boolean };
}

/** Runs one allocation round (利用調整) and explains it; pure, no I/O. */
export function allocate(instance: AllocationInstance): AllocationResult {
  const p = prepareInstance(instance);
  const outcome = deferredAcceptance(p);
  const { seats } = outcome;
  const applicants = instance.applicants;

  const assignments: Record<string, string | null> = {};
  let assigned = 0;
  applicants.forEach((a, i) => {
    const slot = seats.heldSlot[i]!;
    assignments[a.id] = slot >= 0 ? p.nurseryIds[Math.floor(slot / 6)]! : null;
    if (slot >= 0) assigned++;
  });

  const report = checkStability(p, assignments);
  if (report.violations.length > 0) throw new Error(`allocation broke a constraint: ${report.violations[0]}`);

  const minimumIndex: AllocationResult['minimumIndex'] = {};
  p.nurseryIds.forEach((id, n) => {
    const perAge: Record<string, number | null> = {};
    for (const age of AGE_CLASSES) {
      const slot = slotOf(n, age);
      if (!p.hasClass[slot]) continue;
      const lowest = lowestNewcomer(p, seats, slot);
      perAge[String(age)] = lowest < 0 ? null : applicants[lowest]!.priority[0]!;
    }
    minimumIndex[id] = perAge;
  });

  const { waitlist, waitRank } = buildWaitlists(p, outcome.held);
  const explanations: Record<string, ApplicantExplanation> = {};
  p.units.forEach((unit, u) => {
    const position = outcome.held[u]! >= 0 ? outcome.held[u]! : unit.choices.length;
    const keep = position < unit.choices.length && unit.choices[position] === KEEP_CURRENT;
    for (const m of unit.members) {
      const a = applicants[m]!;
      const choices: ChoiceExplanation[] = a.choices.map((id) => {
        const n = p.nurseryIndex.get(id)!;
        const slot = slotOf(n, a.ageClass);
        const lowest = p.hasClass[slot] ? lowestNewcomer(p, seats, slot) : -1;
        const index = unit.choices.indexOf(n);
        let result: ChoiceOutcome;
        if (index >= 0 && index === position) result = 'assigned';
        else if (index > position || (index < 0 && assignments[a.id] !== null && !keep)) result = 'not-needed';
        else if (!p.hasClass[slot] || p.capacity[slot] === 0) result = 'no-class';
        else if (index >= 0 && seats.admits(u, n, true)) result = 'seat-available';
        else if (unit.members.length > 1 && fitsAlone(p, seats, m, slot)) result = 'siblings-not-together';
        else result = 'full';
        return {
          nursery: id,
          outcome: result,
          lowestAdmitted: lowest < 0 ? null : applicants[lowest]!.priority,
          waitlistRank: waitRank.get(m * p.capacity.length + slot) ?? null,
        };
      });
      const choiceRank = keep || position >= unit.choices.length ? null : a.choices.indexOf(assignments[a.id]!) + 1;
      explanations[a.id] = { assigned: assignments[a.id]!, choiceRank, keptCurrentSeat: keep, choices };
    }
  });

  return {
    assignments,
    blockingPairs: report.blockingPairs.length,
    minimumIndex,
    waitlist,
    explanations,
    blocking: report.blockingPairs,
    stats: { applicants: applicants.length, assigned, proposals: outcome.proposals, converged: outcome.converged },
  };
}

/** The lowest-ranked child holding a seat in the slot who did not merely keep a seat already held; -1 if none. */
function lowestNewcomer(p: PreparedInstance, seats: SeatTable, slot: number): number {
  const list = seats.holders[slot]!;
  const last = list.at(-1);
  return last === undefined || effectiveRank(p, last, slot) < 0 ? -1 : last;
}

function fitsAlone(p: PreparedInstance, seats: SeatTable, applicant: number, slot: number): boolean {
  return seats.countBetter(slot, effectiveRank(p, applicant, slot), -1) < p.capacity[slot]!;
}

function buildWaitlists(p: PreparedInstance, held: Int32Array) {
  const bySlot = new Map<number, number[]>();
  p.units.forEach((unit, u) => {
    const position = held[u]! >= 0 ? held[u]! : unit.choices.length;
    for (let c = 0; c < position; c++) {
      const n = unit.choices[c]!;
      if (n === KEEP_CURRENT) continue;
      for (const m of unit.members) {
        const slot = slotOf(n, p.age[m]!);
        const list = bySlot.get(slot);
        if (list) list.push(m);
        else bySlot.set(slot, [m]);
      }
    }
  });
  const waitlist: Record<string, Record<string, string[]>> = {};
  const waitRank = new Map<number, number>();
  for (const [slot, list] of bySlot) {
    list.sort((x, y) => p.rank[x]! - p.rank[y]!);
    const id = p.nurseryIds[Math.floor(slot / 6)]!;
    waitlist[id] ??= {};
    waitlist[id][String(slot % 6)] = list.map((m) => p.instance.applicants[m]!.id);
    list.forEach((m, i) => {
      waitRank.set(m * p.capacity.length + slot, i + 1);
    });
  }
  return { waitlist, waitRank };
}
