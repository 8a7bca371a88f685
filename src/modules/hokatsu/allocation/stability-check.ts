import { KEEP_CURRENT, type PreparedInstance } from './prepared-instance.ts';
import { SeatTable } from './seat-table.ts';

export interface BlockingPair {
  /** Applicant ids of the unit (one child, or siblings who must be placed together). */
  applicants: string[];
  nursery: string;
}

export interface StabilityReport {
  blockingPairs: BlockingPair[];
  /** Broken hard constraints (over capacity, siblings split, a nursery the child did not choose); must be empty. */
  violations: string[];
}

/**
 * Checks an assignment from scratch, without trusting the engine: a blocking pair is a unit and a nursery it ranks
 * above its assignment that would take all of its children — empty seats, or seats held by children of lower
 * priority in the same age class (a transfer applicant outranks everyone at its own seat).
 */
export function checkStability(p: PreparedInstance, assignments: Record<string, string | null>): StabilityReport {
  const seats = new SeatTable(p);
  const violations: string[] = [];
  const applicants = p.instance.applicants;
  const position = new Int32Array(p.units.length);

  p.units.forEach((unit, u) => {
    const targets = unit.members.map((m) => assignments[applicants[m]!.id] ?? null);
    const ids = unit.members.map((m) => applicants[m]!.id).join(', ');
    position[u] = unit.choices.length;
    if (targets.every((t) => t === null)) return;
    let choice = -1;
    const first = targets[0];
    if (first != null && targets.every((t) => t === first)) choice = unit.choices.indexOf(p.nurseryIndex.get(first)!);
    if (choice < 0 && unit.choices.at(-1) === KEEP_CURRENT) {
      const keeps = unit.members.every((m, i) => {
        const slot = p.currentSlot[m]!;
        return slot < 0 ? targets[i] === null : targets[i] === p.nurseryIds[Math.floor(slot / 6)];
      });
      if (keeps) choice = unit.choices.length - 1;
    }
    if (choice < 0) {
      violations.push(`applicants ${ids}: assignment is not one of their (joint) choices`);
      return;
    }
    position[u] = choice;
    for (const m of unit.members) {
      const slot = seats.slotFor(m, unit.choices[choice]!);
      if (slot >= 0) seats.insert(slot, m);
    }
  });
  seats.holders.forEach((list, slot) => {
    if (list.length > p.capacity[slot]!)
      violations.push(`nursery ${p.nurseryIds[Math.floor(slot / 6)]} age ${slot % 6}: over capacity`);
  });

  const blockingPairs: BlockingPair[] = [];
  p.units.forEach((unit, u) => {
    for (let c = 0; c < position[u]!; c++) {
      const nursery = unit.choices[c]!;
      if (nursery === KEEP_CURRENT) continue;
      if (seats.admits(u, nursery, true)) {
        blockingPairs.push({ applicants: unit.members.map((m) => applicants[m]!.id), nursery: p.nurseryIds[nursery]! });
      }
    }
  });
  return { blockingPairs, violations };
}
