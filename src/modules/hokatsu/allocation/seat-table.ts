import { effectiveRank, KEEP_CURRENT, type PreparedInstance, slotOf } from './prepared-instance.ts';

/**
 * Who holds which seat, per slot (nursery × age class), each slot's holders kept sorted by effective rank (best
 * first) so that "who would be displaced" is the end of the array.
 */
export class SeatTable {
  readonly holders: number[][];
  /** The slot each applicant holds, else -1. */
  readonly heldSlot: Int32Array;

  constructor(readonly p: PreparedInstance) {
    this.holders = Array.from({ length: p.capacity.length }, () => []);
    this.heldSlot = new Int32Array(p.rank.length).fill(-1);
  }

  insert(slot: number, applicant: number): void {
    const list = this.holders[slot]!;
    const e = effectiveRank(this.p, applicant, slot);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (effectiveRank(this.p, list[mid]!, slot) < e) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, applicant);
    this.heldSlot[applicant] = slot;
  }

  remove(applicant: number): number {
    const slot = this.heldSlot[applicant]!;
    if (slot < 0) return -1;
    const list = this.holders[slot]!;
    list.splice(list.indexOf(applicant), 1);
    this.heldSlot[applicant] = -1;
    return slot;
  }

  /** Holders of `slot` ranked before effective rank `e`, not counting members of `excludeUnit`. */
  countBetter(slot: number, e: number, excludeUnit: number): number {
    const list = this.holders[slot]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (effectiveRank(this.p, list[mid]!, slot) < e) lo = mid + 1;
      else hi = mid;
    }
    let count = lo;
    if (excludeUnit >= 0) {
      for (const m of this.p.units[excludeUnit]!.members) {
        if (this.heldSlot[m] === slot && effectiveRank(this.p, m, slot) < e) count--;
      }
    }
    return count;
  }

  /** The slot a member of a unit takes when the unit is placed at choice `nursery`. */
  slotFor(applicant: number, nursery: number): number {
    return nursery === KEEP_CURRENT ? this.p.currentSlot[applicant]! : slotOf(nursery, this.p.age[applicant]!);
  }

  /**
   * Whether every member of the unit would get a seat at `nursery` if the nursery took children strictly in
   * priority order: per age class, the k members it needs there must all rank within capacity.
   */
  admits(unit: number, nursery: number, excludeSelf = false): boolean {
    if (nursery === KEEP_CURRENT) return true;
    const members = this.p.units[unit]!.members;
    for (let i = 0; i < members.length; i++) {
      const slot = this.slotFor(members[i]!, nursery);
      if (!this.p.hasClass[slot]) return false;
      let seen = false;
      for (let j = 0; j < i; j++) if (this.slotFor(members[j]!, nursery) === slot) seen = true;
      if (seen) continue;
      let needed = 0;
      let worst = Number.NEGATIVE_INFINITY;
      for (let j = i; j < members.length; j++) {
        if (this.slotFor(members[j]!, nursery) !== slot) continue;
        needed++;
        worst = Math.max(worst, effectiveRank(this.p, members[j]!, slot));
      }
      if (this.countBetter(slot, worst, excludeSelf ? unit : -1) + needed > this.p.capacity[slot]!) return false;
    }
    return true;
  }
}
