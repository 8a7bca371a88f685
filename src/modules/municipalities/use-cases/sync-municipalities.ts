import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { municipalities } from '../municipalities.tables.ts';
import { MUNICIPALITIES } from '../municipality-catalog.ts';

/** Upserts the catalog into the reference table; a no-op when nothing changed. */
export async function syncMunicipalities(db: DbOrTx): Promise<void> {
  await db
    .insert(municipalities)
    .values(MUNICIPALITIES.map((m) => ({ ...m })))
    .onConflictDoUpdate({
      target: municipalities.code,
      set: { name: sql`excluded.name`, nameEn: sql`excluded.name_en`, kind: sql`excluded.kind` },
      setWhere: sql`(${municipalities.name}, ${municipalities.nameEn}, ${municipalities.kind}) is distinct from (excluded.name, excluded.name_en, excluded.kind)`,
    });
}
