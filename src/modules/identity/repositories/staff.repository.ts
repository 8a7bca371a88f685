import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { staffAccounts } from '../tables/staff.tables.ts';

export type StaffRow = typeof staffAccounts.$inferSelect;

// Sign-in looks accounts up before anyone is known, so these two run outside a tenant scope (system path).

export async function findStaffByEmail(db: DbOrTx, email: string): Promise<StaffRow | undefined> {
  const [row] = await db
    .select()
    .from(staffAccounts)
    .where(sql`lower(${staffAccounts.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

export async function findStaffById(db: DbOrTx, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, id));
  return row;
}

/** Accounts visible in the scope (an admin's municipality, or all for Tokyo-wide admins). */
export async function listStaff(tx: ScopedTx): Promise<StaffRow[]> {
  return tx.select().from(staffAccounts).orderBy(asc(staffAccounts.municipalityCode), asc(staffAccounts.email));
}

export async function findStaffInScope(tx: ScopedTx, id: string): Promise<StaffRow | undefined> {
  const [row] = await tx.select().from(staffAccounts).where(eq(staffAccounts.id, id));
  return row;
}

export function staffActorOf(row: StaffRow, sessionId?: string): Actor {
  const type = row.kind === 'nursery' ? 'nursery-staff' : row.kind === 'clinic' ? 'clinic-staff' : 'staff';
  return {
    type,
    id: row.id,
    municipalityCode: row.municipalityCode,
    roles: row.kind === 'municipal' ? row.roles : [],
    ...(row.nurseryId ? { nurseryId: row.nurseryId } : {}),
    ...(row.institutionCode ? { institutionCode: row.institutionCode } : {}),
    ...(sessionId ? { sessionId } : {}),
  };
}
