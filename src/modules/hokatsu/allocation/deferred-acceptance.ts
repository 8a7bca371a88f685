import { KEEP_CURRENT, nurseryOfSlot, type PreparedInstance } from './prepared-instance.ts';
import { SeatTable } from './seat-table.ts';

/** How often one unit may be invited back to a seat a withdrawing family left; bounds the sibling repair loop. */
const MAX_REINVITES = 8;

export interface DeferredAcceptanceOutcome {
  seats: SeatTable;
  /** Per unit: index into its choices of the nursery it holds, or -1. */
  held: Int32Array;
  proposals: number;
  /** False when the sibling repair loop was cut short; the stability check then tells what is left. */
  converged: boolean;
}

/**
 * Applicant-proposing deferred acceptance where every nursery ranks children by the one common priority (a
 * transfer applicant first at the seat it holds). Without siblings this is serial dictatorship in priority order.
 *
 * Siblings who must be placed together propose as one unit: a nursery takes the unit only if every child ranks
 * within capacity in its age class. When any of them is displaced the whole unit withdraws, which can leave seats
 * empty; units once turned away from such a nursery are then invited back (Roth–Peranson style), a bounded number
 * of times per unit because with siblings a stable outcome need not exist (the loop could cycle).
 */
export function deferredAcceptance(p: PreparedInstance): DeferredAcceptanceOutcome {
  const seats = new SeatTable(p);
  const units = p.units;
  const next = new Int32Array(units.length);
  const held = new Int32Array(units.length).fill(-1);
  // Units turned away per slot; only needed when withdrawals can leave a seat empty.
  const rejected: number[][] | null = p.hasFamilies ? Array.from({ length: p.capacity.length }, () => []) : null;
  const vacated: number[] = [];
  const queue: number[] = [];
  let totalChoices = 0;
  for (const u of units) totalChoices += u.choices.length;
  // Every proposal moves a unit down its list except after a re-invitation, and each unit is re-invited at most
  // MAX_REINVITES times, so the run always ends with every unit processed; the global limit is only a safety net.
  const limit = (MAX_REINVITES + 2) * (totalChoices + units.length) * 4 + 100_000;
  const reinvites = new Int32Array(units.length);
  let capped = false;
  let proposals = 0;
  let converged = true;

  const withdraw = (unit: number): void => {
    for (const m of units[unit]!.members) {
      const slot = seats.remove(m);
      if (slot >= 0) vacated.push(slot);
    }
    held[unit] = -1;
  };

  const evict = (applicant: number, slot: number): void => {
    const unit = p.unitOf[applicant]!;
    seats.heldSlot[applicant] = -1;
    if (rejected) rejected[slot]!.push(unit);
    withdraw(unit);
    next[unit]! += 1;
    queue.push(unit);
  };

  const place = (unit: number, choice: number): void => {
    const nursery = units[unit]!.choices[choice]!;
    const members = units[unit]!.members;
    for (const m of members) {
      const slot = seats.slotFor(m, nursery);
      if (slot >= 0) seats.insert(slot, m);
    }
    held[unit] = choice;
    for (const m of members) {
      const slot = seats.heldSlot[m]!;
      if (slot < 0) continue;
      const list = seats.holders[slot]!;
      while (list.length > p.capacity[slot]!) evict(list.pop()!, slot);
    }
  };

  const run = (): void => {
    while (queue.length > 0) {
      const unit = queue.pop()!;
      const choices = units[unit]!.choices;
      while (next[unit]! < choices.length) {
        if (++proposals > limit) {
          converged = false;
          queue.length = 0;
          return;
        }
        const nursery = choices[next[unit]!]!;
        if (seats.admits(unit, nursery)) {
          place(unit, next[unit]!);
          break;
        }
        if (rejected && nursery !== KEEP_CURRENT) {
          for (const m of units[unit]!.members) rejected[seats.slotFor(m, nursery)]!.push(unit);
        }
        next[unit]! += 1;
      }
    }
  };

  for (let u = units.length - 1; u >= 0; u--) queue.push(u);
  run();

  // A seat left by a withdrawing family goes back to whoever was turned away there, still wants it and now fits —
  // even if a child of lower priority has since taken it (that child is displaced again).
  while (rejected && vacated.length > 0 && converged) {
    const slot = vacated.pop()!;
    const nursery = nurseryOfSlot(slot);
    const candidates = [...new Set(rejected[slot])]
      .filter((unit) => {
        const index = units[unit]!.choices.indexOf(nursery);
        const position = held[unit]! >= 0 ? held[unit]! : next[unit]!;
        return index >= 0 && index < position;
      })
      .sort((x, y) => units[x]!.bestRank - units[y]!.bestRank);
    rejected[slot] = [];
    for (const unit of candidates) {
      if (!converged) break;
      if (reinvites[unit]! >= MAX_REINVITES) {
        capped = true;
        continue;
      }
      if (!seats.admits(unit, nursery)) {
        rejected[slot]!.push(unit);
        continue;
      }
      reinvites[unit]! += 1;
      withdraw(unit);
      next[unit] = units[unit]!.choices.indexOf(nursery);
      queue.push(unit);
      run();
    }
  }

  return { seats, held, proposals, converged: converged && !capped };
}
