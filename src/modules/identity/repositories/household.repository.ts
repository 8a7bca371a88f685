import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import {
  children,
  consents,
  householdRelationships,
  households,
  parents,
  pregnancies,
  type Relationship,
  residences,
  type Sex,
} from '../tables/household.tables.ts';

// Queries on tenant-owned tables. Each takes a ScopedTx: the caller has chosen a tenant scope (withTenantScope),
// and row-level security holds the query to it even where a filter here were forgotten.

export type ParentRow = typeof parents.$inferSelect;
export type ChildRow = typeof children.$inferSelect;
export type PregnancyRow = typeof pregnancies.$inferSelect;
export type ResidenceRow = typeof residences.$inferSelect;

export interface HouseholdRecord {
  id: string;
  municipalityCode: string;
  parents: ParentRow[];
  children: ChildRow[];
  pregnancies: PregnancyRow[];
  residences: ResidenceRow[];
  relationships: { parentId: string; childId: string; relationship: Relationship }[];
}

export async function findHousehold(tx: ScopedTx, householdId: string): Promise<HouseholdRecord | undefined> {
  const [household] = await tx.select().from(households).where(eq(households.id, householdId));
  if (!household) return undefined;
  // One after another: a transaction is one connection, and pg queues rather than overlaps its queries.
  const parentRows = await tx
    .select()
    .from(parents)
    .where(eq(parents.householdId, householdId))
    .orderBy(asc(parents.createdAt));
  const childRows = await tx
    .select()
    .from(children)
    .where(eq(children.householdId, householdId))
    .orderBy(asc(children.birthDate));
  const pregnancyRows = await tx
    .select()
    .from(pregnancies)
    .where(eq(pregnancies.householdId, householdId))
    .orderBy(asc(pregnancies.expectedDeliveryDate));
  const residenceRows = await tx
    .select()
    .from(residences)
    .where(eq(residences.householdId, householdId))
    .orderBy(asc(residences.movedInOn));
  const relationshipRows = await tx
    .select({
      parentId: householdRelationships.parentId,
      childId: householdRelationships.childId,
      relationship: householdRelationships.relationship,
    })
    .from(householdRelationships)
    .where(eq(householdRelationships.householdId, householdId));
  return {
    id: household.id,
    municipalityCode: household.municipalityCode,
    parents: parentRows,
    children: childRows,
    pregnancies: pregnancyRows,
    residences: residenceRows,
    relationships: relationshipRows,
  };
}

export async function findChild(tx: ScopedTx, childId: string): Promise<ChildRow | undefined> {
  const [row] = await tx.select().from(children).where(eq(children.id, childId));
  return row;
}

export async function findPregnancy(tx: ScopedTx, pregnancyId: string): Promise<PregnancyRow | undefined> {
  const [row] = await tx.select().from(pregnancies).where(eq(pregnancies.id, pregnancyId));
  return row;
}

export async function findParentBySubject(
  tx: ScopedTx,
  issuer: string,
  subject: string,
): Promise<ParentRow | undefined> {
  const [row] = await tx
    .select()
    .from(parents)
    .where(and(eq(parents.issuer, issuer), eq(parents.subject, subject)));
  return row;
}

export async function insertHousehold(
  tx: ScopedTx,
  values: { municipalityCode: string; movedInOn: string },
): Promise<string> {
  const [row] = await tx
    .insert(households)
    .values({ municipalityCode: values.municipalityCode })
    .returning({ id: households.id });
  const id = row!.id;
  await tx
    .insert(residences)
    .values({ householdId: id, municipalityCode: values.municipalityCode, movedInOn: values.movedInOn });
  return id;
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  name: string;
  birthDate: string | null;
  address: string | null;
  sex: Sex | null;
}

export async function insertParent(
  tx: ScopedTx,
  values: VerifiedIdentity & { householdId: string; municipalityCode: string; verifiedAt: Date },
): Promise<ParentRow> {
  const [row] = await tx
    .insert(parents)
    .values({ ...values, lastLoginAt: values.verifiedAt })
    .returning();
  return row!;
}

export async function updateParentIdentity(
  tx: ScopedTx,
  parentId: string,
  values: Omit<VerifiedIdentity, 'issuer' | 'subject'> & { verifiedAt: Date },
): Promise<ParentRow> {
  const [row] = await tx
    .update(parents)
    .set({ ...values, lastLoginAt: values.verifiedAt, updatedAt: values.verifiedAt })
    .where(eq(parents.id, parentId))
    .returning();
  return row!;
}

export interface ChildValues {
  name: string;
  nameKana: string;
  birthDate: string;
  sex: Sex;
}

export async function insertChild(
  tx: ScopedTx,
  values: ChildValues & { householdId: string; municipalityCode: string },
): Promise<ChildRow> {
  const [row] = await tx.insert(children).values(values).returning();
  return row!;
}

export async function insertRelationship(
  tx: ScopedTx,
  values: {
    householdId: string;
    municipalityCode: string;
    parentId: string;
    childId: string;
    relationship: Relationship;
  },
): Promise<void> {
  await tx.insert(householdRelationships).values(values);
}

/** Returns the updated row, or undefined when no row in scope has that id. */
export async function updateChild(
  tx: ScopedTx,
  childId: string,
  values: Partial<ChildValues> & { updatedAt: Date },
): Promise<ChildRow | undefined> {
  const [row] = await tx.update(children).set(values).where(eq(children.id, childId)).returning();
  return row;
}

export async function insertPregnancy(
  tx: ScopedTx,
  values: { householdId: string; municipalityCode: string; parentId: string; expectedDeliveryDate: string },
): Promise<PregnancyRow> {
  const [row] = await tx.insert(pregnancies).values(values).returning();
  return row!;
}

export async function updatePregnancy(
  tx: ScopedTx,
  pregnancyId: string,
  values: Partial<Pick<PregnancyRow, 'expectedDeliveryDate' | 'status'>> & { updatedAt: Date },
): Promise<PregnancyRow | undefined> {
  const [row] = await tx.update(pregnancies).set(values).where(eq(pregnancies.id, pregnancyId)).returning();
  return row;
}

/**
 * A move: closes the open residence, opens the new one, and carries the household's current municipality onto its
 * people (the tenant key of their rows). History rows keep the municipality they were recorded under.
 */
export async function moveHousehold(
  tx: ScopedTx,
  householdId: string,
  values: { municipalityCode: string; movedOn: string; at: Date },
): Promise<void> {
  await tx
    .update(residences)
    .set({ movedOutOn: values.movedOn })
    .where(and(eq(residences.householdId, householdId), isNull(residences.movedOutOn)));
  await tx
    .insert(residences)
    .values({ householdId, municipalityCode: values.municipalityCode, movedInOn: values.movedOn });
  const code = values.municipalityCode;
  await tx
    .update(households)
    .set({ municipalityCode: code, updatedAt: values.at })
    .where(eq(households.id, householdId));
  await tx.update(parents).set({ municipalityCode: code }).where(eq(parents.householdId, householdId));
  await tx.update(children).set({ municipalityCode: code }).where(eq(children.householdId, householdId));
  await tx
    .update(householdRelationships)
    .set({ municipalityCode: code })
    .where(eq(householdRelationships.householdId, householdId));
  await tx.update(consents).set({ municipalityCode: code }).where(eq(consents.householdId, householdId));
  await tx
    .update(pregnancies)
    .set({ municipalityCode: code })
    .where(and(eq(pregnancies.householdId, householdId), inArray(pregnancies.status, ['expecting'])));
}
