import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';

// The one place notify reads identity's tables directly. Planning for 1.8 million children has to be a set-based
// join inside PostgreSQL (see planning/plan-monthly-digest.ts); going through identity's per-household use cases would
// mean millions of round trips. These reads take ids and routing facts only (household, municipality), never names
// or addresses, except the child's given name that the digest template prints, which the planner reads in SQL.

export interface Recipient {
  parentId: string;
  householdId: string;
  municipalityCode: string;
}

export async function parentsOfHousehold(db: DbOrTx, householdId: string): Promise<Recipient[]> {
  const result = await db.execute<{ id: string; household_id: string; municipality_code: string }>(
    sql`select h.id as household_id, p.id, h.municipality_code from parents p join households h on h.id = p.household_id where p.household_id = ${householdId}`,
  );
  return result.rows.map((r) => ({
    parentId: r.id,
    householdId: r.household_id,
    municipalityCode: r.municipality_code,
  }));
}

export async function recipientForParent(db: DbOrTx, parentId: string): Promise<Recipient | undefined> {
  const result = await db.execute<{ id: string; household_id: string; municipality_code: string }>(
    sql`select p.id, p.household_id, h.municipality_code from parents p join households h on h.id = p.household_id where p.id = ${parentId}`,
  );
  const row = result.rows[0];
  return row ? { parentId: row.id, householdId: row.household_id, municipalityCode: row.municipality_code } : undefined;
}
