import { eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { children, households, pregnancies } from '../tables/household.tables.ts';

/**
 * Finds only the tenant facts (municipality, household) of a record, outside any tenant scope, so the permission
 * check can tell "another municipality's record" (403, audited) from "no such record" (404). It returns nothing
 * personal; the record itself is read afterwards inside the actor's scope.
 */
export interface TenantFacts {
  householdId: string;
  municipalityCode: string;
}

export async function locateHousehold(db: Db, householdId: string): Promise<TenantFacts | undefined> {
  const [row] = await db
    .select({ householdId: households.id, municipalityCode: households.municipalityCode })
    .from(households)
    .where(eq(households.id, householdId));
  return row;
}

export async function locateChild(db: Db, childId: string): Promise<TenantFacts | undefined> {
  const [row] = await db
    .select({ householdId: children.householdId, municipalityCode: children.municipalityCode })
    .from(children)
    .where(eq(children.id, childId));
  return row;
}

export async function locatePregnancy(db: Db, pregnancyId: string): Promise<TenantFacts | undefined> {
  const [row] = await db
    .select({ householdId: pregnancies.householdId, municipalityCode: pregnancies.municipalityCode })
    .from(pregnancies)
    .where(eq(pregnancies.id, pregnancyId));
  return row;
}
