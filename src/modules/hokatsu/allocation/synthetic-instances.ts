import type { AllocationApplicant, AllocationInstance } from './allocation-instance.ts';

/** A small seeded PRNG (mulberry32) so that benchmarks and property tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  seed: number;
  applicants: number;
  nurseries: number;
  choices: number;
  /** Seats across all nurseries and ages as a share of applicants (Tokyo rounds are oversubscribed: < 1). */
  seatRatio: number;
  /** Multi-child families placed together, as counts of families with 2, 3 and 4 children. */
  families?: readonly [number, number, number];
  /** Applicants who already attend a nursery and ask to move. */
  transfers?: number;
  /** Give each sibling a different index (as when a municipality scores children separately). */
  siblingsDiffer?: boolean;
}

// Age classes are not equally contested: most new places are asked for at 0 and 1.
const AGE_WEIGHTS = [0.3, 0.35, 0.15, 0.1, 0.06, 0.04];

/**
 * A random round shaped like a Tokyo one: a few popular nurseries (Zipf-like), household indices in a narrow band
 * with many ties, a tie-break entry and a lottery number last.
 */
export function syntheticInstance(o: SyntheticOptions): AllocationInstance {
  const random = seededRandom(o.seed);
  const pickAge = () => {
    let x = random();
    for (let a = 0; a < 6; a++) {
      x -= AGE_WEIGHTS[a]!;
      if (x <= 0) return a as AllocationApplicant['ageClass'];
    }
    return 5 as const;
  };
  const nurseryIds = Array.from({ length: o.nurseries }, (_, i) => `n${i + 1}`);
  const popularity = nurseryIds.map((_, i) => 1 / (i + 1) ** 0.6);
  const cumulative: number[] = [];
  popularity.reduce((sum, w, i) => {
    cumulative[i] = sum + w;
    return sum + w;
  }, 0);
  const pickNursery = () => {
    const x = random() * cumulative.at(-1)!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return nurseryIds[lo]!;
  };
  const listFor = () => {
    const list: string[] = [];
    const length = Math.min(o.choices, o.nurseries);
    while (list.length < length) {
      const n = pickNursery();
      if (!list.includes(n)) list.push(n);
    }
    return list;
  };

  const nurseries: AllocationInstance['nurseries'] = {};
  const totalSeats = Math.round(o.applicants * o.seatRatio);
  for (const id of nurseryIds) nurseries[id] = { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (let s = 0; s < totalSeats; s++) {
    const seats = nurseries[nurseryIds[Math.floor(random() * o.nurseries)]!]! as Record<string, number>;
    const age = String(pickAge());
    seats[age] = (seats[age] ?? 0) + 1;
  }

  const priority = () => [40 + Math.floor(random() * 20) * 2, Math.floor(random() * 4), Math.floor(random() * 1e6)];
  const applicants: AllocationApplicant[] = [];
  let familyNo = 0;
  const [two, three, four] = o.families ?? [0, 0, 0];
  const sizes = [...Array(two).fill(2), ...Array(three).fill(3), ...Array(four).fill(4)] as number[];
  for (const size of sizes) {
    const family = `f${++familyNo}`;
    const shared = priority();
    const choices = listFor();
    const ages = Array.from({ length: size }, pickAge);
    for (let k = 0; k < size; k++) {
      const own = o.siblingsDiffer ? [shared[0]! + Math.floor(random() * 3) * 2, ...shared.slice(1)] : shared;
      applicants.push({
        id: `a${applicants.length + 1}`,
        ageClass: ages[k]!,
        priority: own,
        choices,
        family,
        together: true,
      });
    }
  }
  while (applicants.length < o.applicants) {
    applicants.push({
      id: `a${applicants.length + 1}`,
      ageClass: pickAge(),
      priority: priority(),
      choices: listFor(),
      family: null,
      together: false,
    });
  }
  // Transfer applicants: the last ones become children who attend a nursery now and list others they prefer.
  for (let t = 0; t < (o.transfers ?? 0) && t < applicants.length; t++) {
    const a = applicants[applicants.length - 1 - t]!;
    const current = pickNursery();
    a.current = current;
    a.choices = a.choices.filter((c) => c !== current).slice(0, Math.max(1, Math.floor(o.choices / 2)));
  }
  // Shuffle so input order carries no meaning.
  for (let i = applicants.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [applicants[i], applicants[j]] = [applicants[j]!, applicants[i]!];
  }
  return { nurseries, applicants };
}

/** The sibling instance sized like the reference's (DaycareCP example: 605 children, 33 nurseries, 760 seats). */
export function referenceSizedSiblingInstance(seed = 7): AllocationInstance {
  return syntheticInstance({
    seed,
    applicants: 605,
    nurseries: 33,
    choices: 5,
    seatRatio: 760 / 605,
    families: [42, 3, 1],
    transfers: 61,
  });
}
