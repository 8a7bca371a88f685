import { z } from 'zod';

/** Nursery age classes (歳児クラス, counted from April 1): 0歳児 … 5歳児. */
export const AGE_CLASSES = [0, 1, 2, 3, 4, 5] as const;
export type AgeClass = (typeof AGE_CLASSES)[number];

const seatsSchema = z.number().int().min(0);

/**
 * One allocation round as auditors and tests hand it to `tsunagu hokatsu allocate`. Seats are the places open to this
 * round; a transfer applicant's own seat (`current`) is counted on top of them and is freed when the child moves.
 */
export const allocationInstanceSchema = z.object({
  nurseries: z.record(
    z.string().min(1),
    z
      .object({
        '0': seatsSchema.optional(),
        '1': seatsSchema.optional(),
        '2': seatsSchema.optional(),
        '3': seatsSchema.optional(),
        '4': seatsSchema.optional(),
        '5': seatsSchema.optional(),
      })
      .strict(),
  ),
  applicants: z.array(
    z.object({
      id: z.string().min(1),
      ageClass: z.union(AGE_CLASSES.map((a) => z.literal(a)) as unknown as [z.ZodLiteral<AgeClass>]),
      /** [index, tieBreak…], compared lexicographically, higher first. */
      priority: z.array(z.number().finite()).min(1),
      /** Ranked nursery ids, most wanted first. */
      choices: z.array(z.string().min(1)),
      family: z.string().min(1).nullable().optional(),
      /** With `family`: the siblings are placed at one nursery or not at all. */
      together: z.boolean().optional(),
      /** Transfer (転園) applicants: the nursery the child attends now; the child keeps that seat unless moved up. */
      current: z.string().min(1).nullable().optional(),
    }),
  ),
});

export type AllocationInstance = z.infer<typeof allocationInstanceSchema>;
export type AllocationApplicant = AllocationInstance['applicants'][number];

/** Checks what the schema cannot: unique ids, and choices/current naming nurseries of the instance. */
export function instanceReferenceErrors(instance: AllocationInstance): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  instance.applicants.forEach((a, i) => {
    if (seen.has(a.id)) errors.push({ path: `applicants[${i}].id`, message: `duplicate applicant id '${a.id}'` });
    seen.add(a.id);
    a.choices.forEach((c, j) => {
      if (!(c in instance.nurseries))
        errors.push({ path: `applicants[${i}].choices[${j}]`, message: `unknown nursery '${c}'` });
    });
    if (a.current && !(a.current in instance.nurseries))
      errors.push({ path: `applicants[${i}].current`, message: `unknown nursery '${a.current}'` });
  });
  return errors;
}

/** Lexicographic comparison, higher first: negative when `a` ranks before `b`. A missing entry ranks lowest. */
export function comparePriority(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? Number.NEGATIVE_INFINITY;
    const y = b[i] ?? Number.NEGATIVE_INFINITY;
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}

/**
 * Position of each applicant in the common priority order (0 = first). Equal priorities keep input order, so a
 * round is reproducible; municipalities end their tie-break list with a lottery number to avoid such ties.
 */
export function priorityRanks(applicants: readonly { priority: readonly number[] }[]): Int32Array {
  const order = applicants.map((_, i) => i);
  order.sort((i, j) => comparePriority(applicants[i]!.priority, applicants[j]!.priority) || i - j);
  const rank = new Int32Array(applicants.length);
  order.forEach((applicant, position) => {
    rank[applicant] = position;
  });
  return rank;
}
