import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { AnyPgTable } from 'drizzle-orm/pg-core';
import type { AuditEntry } from '../../../platform/audit/record-audit.ts';
import { executePrepared } from '../../../platform/db/execute-prepared.ts';
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

/** Rows of `table` from their `to_jsonb` form, each value mapped as drizzle maps it from the driver. */
function fromJsonRows<T>(table: AnyPgTable, rows: Record<string, unknown>[]): T[] {
  const columns = Object.entries(getTableColumns(table));
  return rows.map((json) => {
    const row: Record<string, unknown> = {};
    for (const [property, column] of columns) {
      const value = json[column.name];
      row[property] = value == null ? null : column.mapFromDriverValue(value);
    }
    return row as T;
  });
}

/**
 * The household with its parents, children, pregnancies, residences and relationships in ONE statement (each list
 * aggregated by a sub-select, in the order the page shows it): this read runs on every benefits application, and
 * six round trips cost more CPU than the rows themselves. Row-level security filters each sub-select as it would
 * the separate queries.
 */
export async function findHousehold(
  tx: ScopedTx,
  householdId: string,
  /** When given, the read's audit record is written by the same statement, only if the household was found. */
  readAudit?: Omit<AuditEntry, 'resource' | 'municipalityCode'>,
): Promise<HouseholdRecord | undefined> {
  const list = (table: string, order: string) =>
    sql.raw(
      `(select coalesce(jsonb_agg(to_jsonb(t) order by t.${order}), '[]'::jsonb) from ${table} t where t.household_id = h.id)`,
    );
  const read = sql`
    select h.id, h.municipality_code,
      ${list('parents', 'created_at')} as parents,
      ${list('children', 'birth_date')} as children,
      ${list('pregnancies', 'expected_delivery_date')} as pregnancies,
      ${list('residences', 'moved_in_on')} as residences,
      (select coalesce(jsonb_agg(jsonb_build_object('parentId', r.parent_id, 'childId', r.child_id,
        'relationship', r.relationship)), '[]'::jsonb) from household_relationships r where r.household_id = h.id)
        as relationships
    from households h where h.id = ${householdId}`;
  // The audit row as a CTE of the read: one round trip instead of two on every audited household read.
  const audited = (entry: NonNullable<typeof readAudit>) => sql`
    with found as (${read}),
    audit as (
      insert into audit_events (actor_type, actor_id, action, resource_type, resource_id, municipality_code, purpose,
        outcome, request_id, detail)
      select ${entry.actor.type}, ${entry.actor.id ?? null}, ${entry.action}, 'household', found.id::text,
        found.municipality_code, ${entry.purpose}, ${entry.outcome}, ${entry.requestId ?? null},
        ${entry.detail ? JSON.stringify(entry.detail) : null}::jsonb
      from found
    )
    select * from found`;
  // Prepared (plan kept per connection): every benefits application reads a household.
  const result = await executePrepared<{
    id: string;
    municipality_code: string;
    parents: Record<string, unknown>[];
    children: Record<string, unknown>[];
    pregnancies: Record<string, unknown>[];
    residences: Record<string, unknown>[];
    relationships: { parentId: string; childId: string; relationship: Relationship }[];
  }>(tx, readAudit ? audited(readAudit) : read);
  const household = result.rows[0];
  if (!household) return undefined;
  return {
    id: household.id,
    municipalityCode: household.municipality_code,
    parents: fromJsonRows<ParentRow>(parents, household.parents),
    children: fromJsonRows<ChildRow>(children, household.children),
    pregnancies: fromJsonRows<PregnancyRow>(pregnancies, household.pregnancies),
    residences: fromJsonRows<ResidenceRow>(residences, household.residences),
    relationships: household.relationships,
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
