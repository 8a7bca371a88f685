import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { ProgramData } from './program-data.ts';
import { programColumns } from './program-row.ts';

export interface NewImportedProgram {
  psid: string;
  data: ProgramData;
  raw: Record<string, unknown>;
  rawHash: string;
}

/**
 * First import of thousands of records. One `INSERT … SELECT FROM unnest(arrays)` per table and chunk instead of
 * multi-row VALUES: a handful of parameters instead of tens of thousands, which PostgreSQL parses and plans in no
 * time, and no per-value mapping in the ORM. Returns the new ids by psid.
 */
export async function insertImportedPrograms(
  tx: Tx,
  records: NewImportedProgram[],
  now: Date,
  actor: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < records.length; i += 2000) {
    const chunk = records.slice(i, i + 2000);
    const cols = chunk.map((r) => {
      const id = randomUUID();
      ids.set(r.psid, id);
      return { id, r, c: programColumns(r.data, { id, psid: r.psid, updatedAt: now }) };
    });
    const p = <T>(values: T[]) => sql.param(values);
    await tx.execute(sql`
      insert into registry_programs (id, psid, municipality_code, status, origin, name, categories, age_min_months,
        age_max_months, age_source, prenatal, procedure_to, search_key, data, summary, raw, raw_hash, current_version,
        created_at, updated_at)
      select u.id, u.psid, u.mc, 'published', 'import', u.name, u.cats::text[], u.amin, u.amax, u.asrc, u.pre,
        u.pto::date, u.sk, u.data::json, u.summary, u.raw::json, u.rh, 1, ${now}, ${now}
      from unnest(${p(cols.map((x) => x.id))}::uuid[], ${p(cols.map((x) => x.r.psid))}::text[],
        ${p(cols.map((x) => x.c.municipalityCode))}::text[], ${p(cols.map((x) => x.c.name))}::text[],
        ${p(cols.map((x) => `{${x.c.categories.join(',')}}`))}::text[], ${p(cols.map((x) => x.c.ageMinMonths))}::int[],
        ${p(cols.map((x) => x.c.ageMaxMonths))}::int[], ${p(cols.map((x) => x.c.ageSource))}::text[],
        ${p(cols.map((x) => x.c.prenatal))}::bool[], ${p(cols.map((x) => x.c.procedureTo))}::text[],
        ${p(cols.map((x) => x.c.searchKey))}::text[], ${p(cols.map((x) => JSON.stringify(x.r.data)))}::text[],
        ${p(cols.map((x) => x.c.summary))}::text[], ${p(cols.map((x) => JSON.stringify(x.r.raw)))}::text[],
        ${p(cols.map((x) => x.r.rawHash))}::text[])
        as u(id, psid, mc, name, cats, amin, amax, asrc, pre, pto, sk, data, summary, raw, rh)`);
    // A first version has nothing to differ from: its diff is empty rather than a second copy of the record.
    await tx.execute(sql`
      insert into registry_program_versions (program_id, version, municipality_code, status, data, diff, created_by,
        reviewed_by, created_at, updated_at, published_at)
      select u.id, 1, u.mc, 'published', u.data::json, '[]'::json, ${actor}, ${actor}, ${now}, ${now}, ${now}
      from unnest(${p(cols.map((x) => x.id))}::uuid[], ${p(cols.map((x) => x.c.municipalityCode))}::text[],
        ${p(cols.map((x) => JSON.stringify(x.r.data)))}::text[]) as u(id, mc, data)`);
  }
  return ids;
}
