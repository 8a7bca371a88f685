import { z } from 'zod';
import type { NurseryCategory } from '../hokatsu.tables.ts';
import { categoryOf, type ImportIssue } from './open-data-csv.ts';

const ages = z.array(z.number().int().min(0).nullable()).length(6);

/** Per-municipality vacancy list (空き状況): one entry per facility with six age classes, null = no such class. */
export const vacancyListSchema = z.object({
  municipalityName: z.string().min(1),
  asOf: z.iso.date(),
  sourceName: z.string().optional(),
  sourceUrl: z.string().optional(),
  categories: z.array(z.string()).optional(),
  facilities: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      c: z.number().int().nullable().optional(),
      vacancy: ages,
      waiting: ages.optional(),
      lat: z.number().optional(),
      lng: z.number().optional(),
    }),
  ),
});
export type VacancyList = z.infer<typeof vacancyListSchema>;

export interface VacancyRecord {
  externalId: string;
  name: string;
  category: NurseryCategory;
  typeLabel: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Index = age class. */
  vacancies: (number | null)[];
  waiting: (number | null)[] | null;
}

export function parseVacancyList(
  raw: unknown,
): { list: VacancyList; records: VacancyRecord[] } | { issues: ImportIssue[] } {
  const parsed = vacancyListSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ line: 0, field: i.path.join('.'), message: i.message })),
    };
  }
  const list = parsed.data;
  const records = list.facilities.map((f) => {
    const typeLabel = f.c != null ? (list.categories?.[f.c] ?? null) : null;
    return {
      externalId: f.id,
      name: f.name,
      category: typeLabel ? categoryOf(typeLabel) : 'licensed',
      typeLabel,
      latitude: f.lat ?? null,
      longitude: f.lng ?? null,
      vacancies: f.vacancy,
      waiting: f.waiting ?? null,
    } satisfies VacancyRecord;
  });
  return { list, records };
}
