import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import type { NurseryCategory } from '../hokatsu.tables.ts';

export interface NurserySearch {
  municipality: string;
  /** Age class (歳児クラス) the child will be in for the target month. */
  ageClass?: number;
  /** First day of the target month, 'YYYY-MM-01'; defaults to the newest month with published vacancies. */
  month?: string;
  categories?: NurseryCategory[];
  /** Opens at or before this time ('HH:MM'). */
  opensBy?: string;
  /** Closes at or after this time ('HH:MM'). */
  closesAfter?: string;
  /** Only nurseries with at least one place for the age class in the month. */
  withVacancies?: boolean;
  near?: { latitude: number; longitude: number; radiusKm: number };
  limit: number;
  offset: number;
}

export interface NurserySummary {
  id: string;
  name: string;
  category: string;
  typeLabel: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  opensAt: string | null;
  closesAt: string | null;
  minAgeClass: number | null;
  maxAgeClass: number | null;
  vacancyMonth: string | null;
  vacancies: number | null;
  waiting: number | null;
  distanceKm: number | null;
  attribution: string;
}

const EARTH_KM = 6371;

/** Public nursery search (no sign-in): one municipality at a time, filters all optional. */
export async function searchNurseries(
  db: DbOrTx,
  q: NurserySearch,
): Promise<{ items: NurserySummary[]; total: number; month: string | null }> {
  const monthRow = q.month
    ? { month: q.month }
    : ((
        await db.execute<{ month: string | null }>(
          sql`select max(month)::text as month from hokatsu_nursery_vacancies where municipality_code = ${q.municipality}`,
        )
      ).rows[0] ?? { month: null });
  const month = monthRow.month;

  const distance = q.near
    ? sql`(${EARTH_KM} * 2 * asin(sqrt(power(sin(radians(n.latitude - ${q.near.latitude}) / 2), 2) + cos(radians(${q.near.latitude})) * cos(radians(n.latitude)) * power(sin(radians(n.longitude - ${q.near.longitude}) / 2), 2))))`
    : sql`null::double precision`;
  const where: SQL[] = [sql`n.municipality_code = ${q.municipality}`];
  if (q.ageClass !== undefined) {
    where.push(
      sql`(n.min_age_class is null or n.min_age_class <= ${q.ageClass}) and (n.max_age_class is null or n.max_age_class >= ${q.ageClass})`,
    );
  }
  if (q.categories?.length)
    where.push(
      sql`n.category in (${sql.join(
        q.categories.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  if (q.opensBy) where.push(sql`n.opens_at is not null and n.opens_at <= ${q.opensBy}`);
  if (q.closesAfter) where.push(sql`n.closes_at is not null and n.closes_at >= ${q.closesAfter}`);
  if (q.withVacancies) where.push(sql`coalesce(v.vacancies, 0) > 0`);
  if (q.near) where.push(sql`n.latitude is not null and ${distance} <= ${q.near.radiusKm}`);

  const vacancyJoin =
    q.ageClass !== undefined && month
      ? sql`left join hokatsu_nursery_vacancies v on v.nursery_id = n.id and v.month = ${month}::date and v.age_class = ${q.ageClass}`
      : sql`left join (select null::uuid as nursery_id, null::int as vacancies, null::int as waiting, null::date as month) v on false`;
  const order = q.near ? sql`distance_km asc, n.name asc` : sql`coalesce(v.vacancies, 0) > 0 desc, n.name asc`;

  const result = await db.execute<Record<string, unknown>>(sql`
    select n.id, n.name, n.category, n.type_label, n.address, n.latitude, n.longitude, n.opens_at, n.closes_at,
           n.min_age_class, n.max_age_class, n.attribution, v.month::text as vacancy_month, v.vacancies, v.waiting,
           ${distance} as distance_km, count(*) over () as total
    from hokatsu_nurseries n
    ${vacancyJoin}
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${q.limit} offset ${q.offset}`);

  const items = result.rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    category: String(r.category),
    typeLabel: (r.type_label as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    latitude: (r.latitude as number | null) ?? null,
    longitude: (r.longitude as number | null) ?? null,
    opensAt: (r.opens_at as string | null) ?? null,
    closesAt: (r.closes_at as string | null) ?? null,
    minAgeClass: (r.min_age_class as number | null) ?? null,
    maxAgeClass: (r.max_age_class as number | null) ?? null,
    vacancyMonth: (r.vacancy_month as string | null) ?? null,
    vacancies: (r.vacancies as number | null) ?? null,
    waiting: (r.waiting as number | null) ?? null,
    distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 100) / 100,
    attribution: String(r.attribution),
  }));
  return { items, total: Number(result.rows[0]?.total ?? 0), month };
}
