import { AGE_CLASSES, type AllocationInstance, priorityRanks } from './allocation-instance.ts';

/** A unit's last-resort choice: every transfer applicant in it keeps the seat it holds now. */
export const KEEP_CURRENT = -1;
const CLASSES = AGE_CLASSES.length;

/**
 * Who applies together: a family whose siblings must be placed together is one unit, everyone else is a unit of one.
 * A unit ranks nurseries by its first member's list, keeping only nurseries every member listed.
 */
export interface Unit {
  members: number[];
  /** Nursery indices, most wanted first; KEEP_CURRENT last when a member is a transfer applicant. */
  choices: number[];
  /** Best (lowest) priority rank among the members: who is reconsidered first when a seat reopens. */
  bestRank: number;
}

/** The instance in index form, shared by the engine and the independent stability check. */
export interface PreparedInstance {
  instance: AllocationInstance;
  nurseryIds: string[];
  nurseryIndex: Map<string, number>;
  /** Seats per slot (nursery × 6 + age class), transfer applicants' own seats included. */
  capacity: Int32Array;
  /** 1 where the nursery has that age class at all (even with 0 seats). */
  hasClass: Uint8Array;
  rank: Int32Array;
  age: Int32Array;
  /** The slot a transfer applicant holds now, else -1. */
  currentSlot: Int32Array;
  units: Unit[];
  unitOf: Int32Array;
  hasFamilies: boolean;
}

export function slotOf(nursery: number, ageClass: number): number {
  return nursery * CLASSES + ageClass;
}
export function nurseryOfSlot(slot: number): number {
  return Math.floor(slot / CLASSES);
}

export function prepareInstance(instance: AllocationInstance): PreparedInstance {
  const nurseryIds = Object.keys(instance.nurseries);
  const nurseryIndex = new Map(nurseryIds.map((id, i) => [id, i]));
  const capacity = new Int32Array(nurseryIds.length * CLASSES);
  const hasClass = new Uint8Array(nurseryIds.length * CLASSES);
  nurseryIds.forEach((id, n) => {
    const seats = instance.nurseries[id]!;
    for (const a of AGE_CLASSES) {
      const value = seats[String(a) as keyof typeof seats];
      if (value !== undefined) {
        capacity[slotOf(n, a)] = value;
        hasClass[slotOf(n, a)] = 1;
      }
    }
  });

  const applicants = instance.applicants;
  const count = applicants.length;
  const rank = priorityRanks(applicants);
  const age = new Int32Array(count);
  const currentSlot = new Int32Array(count).fill(-1);
  applicants.forEach((a, i) => {
    age[i] = a.ageClass;
    if (a.current) {
      const slot = slotOf(nurseryIndex.get(a.current)!, a.ageClass);
      currentSlot[i] = slot;
      capacity[slot]! += 1;
      hasClass[slot] = 1;
    }
  });

  const units: Unit[] = [];
  const unitOf = new Int32Array(count);
  const familyUnit = new Map<string, number>();
  let hasFamilies = false;
  applicants.forEach((a, i) => {
    const key = a.family && a.together ? a.family : null;
    const existing = key === null ? undefined : familyUnit.get(key);
    if (existing !== undefined) {
      units[existing]!.members.push(i);
      units[existing]!.bestRank = Math.min(units[existing]!.bestRank, rank[i]!);
      unitOf[i] = existing;
      hasFamilies = true;
      return;
    }
    unitOf[i] = units.length;
    if (key !== null) familyUnit.set(key, units.length);
    units.push({ members: [i], choices: [], bestRank: rank[i]! });
  });

  for (const unit of units) {
    const lists = unit.members.map((m) => applicants[m]!.choices);
    const first = lists[0]!;
    const transfers = unit.members.filter((m) => currentSlot[m]! >= 0);
    const choices: number[] = [];
    for (const id of first) {
      if (!lists.every((list) => list.includes(id))) continue;
      const n = nurseryIndex.get(id)!;
      // A lone transfer applicant lists nurseries it would move to; its own nursery ends the list.
      if (
        unit.members.length === 1 &&
        transfers.length === 1 &&
        currentSlot[unit.members[0]!] === slotOf(n, age[unit.members[0]!]!)
      )
        break;
      if (!choices.includes(n)) choices.push(n);
    }
    if (transfers.length > 0) choices.push(KEEP_CURRENT);
    unit.choices = choices;
  }

  return {
    instance,
    nurseryIds,
    nurseryIndex,
    capacity,
    hasClass,
    rank,
    age,
    currentSlot,
    units,
    unitOf,
    hasFamilies,
  };
}

/** A member's rank at a slot: transfer applicants come before everyone at the seat they hold now. */
export function effectiveRank(p: PreparedInstance, applicant: number, slot: number): number {
  const r = p.rank[applicant]!;
  return p.currentSlot[applicant] === slot ? r - p.rank.length : r;
}
