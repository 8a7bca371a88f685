import type { AllocationInstance } from './allocation-instance.ts';
import { comparePriority } from './allocation-instance.ts';

/**
 * The textbook reference, written as plainly as possible to test the engine against: children in priority order
 * (ties in input order), each takes the first nursery on its list with a seat left in its age class. Ignores
 * siblings and transfers.
 */
export function serialDictatorship(instance: AllocationInstance): Record<string, string | null> {
  const left = new Map<string, number>();
  for (const [id, seats] of Object.entries(instance.nurseries)) {
    for (const [age, count] of Object.entries(seats)) left.set(`${id}/${age}`, count ?? 0);
  }
  const order = instance.applicants.map((a, i) => ({ a, i }));
  order.sort((x, y) => comparePriority(x.a.priority, y.a.priority) || x.i - y.i);
  const result: Record<string, string | null> = {};
  for (const { a } of order) {
    result[a.id] = null;
    for (const choice of a.choices) {
      const key = `${choice}/${a.ageClass}`;
      const seats = left.get(key) ?? 0;
      if (seats > 0) {
        left.set(key, seats - 1);
        result[a.id] = choice;
        break;
      }
    }
  }
  return result;
}
