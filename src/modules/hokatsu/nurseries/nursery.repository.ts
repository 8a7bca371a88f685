import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { nurseries, nurseryMinimumIndices, nurseryVacancies } from '../hokatsu.tables.ts';
import { normalizeNurseryName } from './decode-text.ts';
import type { NurseryRecord } from './open-data-csv.ts';

/** Every query here is scoped to one municipality (the tenant): there is no cross-municipality read. */
export interface TenantScope {
  municipalityCode: string;
}

export async function upsertNurseries(
  db: DbOrTx,
  source: string,
  attribution: string,
  records: NurseryRecord[],
): Promise<{ written: number }> {
  for (let i = 0; i < records.length; i += 200) {
    const chunk = records.slice(i, i + 200).map((r) => ({ ...r, source, attribution }));
    await db
      .insert(nurseries)
      .values(chunk)
      .onConflictDoUpdate({
        target: [nurseries.municipalityCode, nurseries.source, nurseries.externalId],
        set: Object.fromEntries(
          [
            'name',
            'name_kana',
            'category',
            'type_label',
            'address',
            'latitude',
            'longitude',
            'capacity',
            'min_age_class',
            'max_age_class',
            'opens_at',
            'closes_at',
            'extended_care',
            'temporary_care',
            'phone',
            'url',
            'notes',
            'attribution',
          ].map((c) => [c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase()), sql.raw(`excluded.${c}`)]),
        ),
      });
  }
  return { written: records.length };
}

/** The municipality's nurseries by normalised name, to match rows of lists that carry no id of ours. */
export async function nurseriesByName(db: DbOrTx, scope: TenantScope): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: nurseries.id, name: nurseries.name, source: nurseries.source })
    .from(nurseries)
    .where(eq(nurseries.municipalityCode, scope.municipalityCode));
  const map = new Map<string, string>();
  // Open-data rows win over rows created from vacancy lists when both exist.
  rows.sort((a, b) => Number(a.source === 'vacancy-list') - Number(b.source === 'vacancy-list'));
  for (const row of rows) {
    const key = normalizeNurseryName(row.name);
    if (!map.has(key)) map.set(key, row.id);
  }
  return map;
}

export interface VacancyRow {
  nurseryId: string;
  month: string;
  ageClass: number;
  vacancies: number | null;
  waiting: number | null;
  asOf: string | null;
}

export async function upsertVacancies(db: DbOrTx, scope: TenantScope, source: string, rows: VacancyRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(nurseryVacancies)
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, municipalityCode: scope.municipalityCode, source })))
      .onConflictDoUpdate({
        target: [nurseryVacancies.nurseryId, nurseryVacancies.month, nurseryVacancies.ageClass],
        set: {
          vacancies: sql`excluded.vacancies`,
          waiting: sql`excluded.waiting`,
          asOf: sql`excluded.as_of`,
          source: sql`excluded.source`,
        },
      });
  }
}

export interface MinimumIndexRow {
  nurseryId: string;
  roundMonth: string;
  roundNo: number;
  ageClass: number;
  minimumIndex: number | null;
  label: string | null;
}

export async function upsertMinimumIndices(db: DbOrTx, scope: TenantScope, source: string, rows: MinimumIndexRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(nurseryMinimumIndices)
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, municipalityCode: scope.municipalityCode, source })))
      .onConflictDoUpdate({
        target: [
          nurseryMinimumIndices.nurseryId,
          nurseryMinimumIndices.roundMonth,
          nurseryMinimumIndices.roundNo,
          nurseryMinimumIndices.ageClass,
        ],
        set: {
          minimumIndex: sql`excluded.minimum_index`,
          label: sql`excluded.label`,
          source: sql`excluded.source`,
        },
      });
  }
}

/** Last round's minimum index of the given nurseries and age classes (the newest round each nursery has). */
export async function latestMinimumIndices(
  db: DbOrTx,
  scope: TenantScope,
  nurseryIds: string[],
): Promise<
  {
    nurseryId: string;
    ageClass: number;
    minimumIndex: number | null;
    label: string | null;
    roundMonth: string;
    roundNo: number;
  }[]
> {
  if (nurseryIds.length === 0) return [];
  const rows = await db
    .select()
    .from(nurseryMinimumIndices)
    .where(
      and(
        eq(nurseryMinimumIndices.municipalityCode, scope.municipalityCode),
        inArray(nurseryMinimumIndices.nurseryId, nurseryIds),
      ),
    );
  const newest = new Map<string, string>();
  for (const r of rows) {
    const key = `${r.roundMonth}/${String(r.roundNo).padStart(2, '0')}`;
    if ((newest.get(r.nurseryId) ?? '') < key) newest.set(r.nurseryId, key);
  }
  return rows
    .filter((r) => newest.get(r.nurseryId) === `${r.roundMonth}/${String(r.roundNo).padStart(2, '0')}`)
    .map((r) => ({
      nurseryId: r.nurseryId,
      ageClass: r.ageClass,
      minimumIndex: r.minimumIndex,
      label: r.label,
      roundMonth: r.roundMonth,
      roundNo: r.roundNo,
    }));
}
