import { sql } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';
import { executePrepared } from './execute-prepared.ts';

/**
 * Which rows of tenant-owned tables a transaction may see and change. PostgreSQL row-level security policies
 * (see the identity module's RLS migration) read the values set here, so a query that forgets its own filter still
 * cannot reach another municipality's rows.
 *
 * - `municipality`: staff of one municipality.
 * - `household`: a parent, on their own household (which may have moved between municipalities).
 * - `all`: Tokyo-wide staff, platform admins and the system itself.
 */
export type TenantScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'municipality'; readonly municipalityCode: string }
  | { readonly kind: 'household'; readonly householdId: string };

/** The database role every scoped transaction switches to: NOLOGIN, no BYPASSRLS, so policies apply to it. */
export const APP_ROLE = 'tsunagu_app';
/** The value of tsunagu.municipality_code that means "every municipality". */
export const ALL_MUNICIPALITIES = '*';

declare const scopeBrand: unique symbol;
/**
 * A transaction opened by withTenantScope. Repositories of tenant-owned tables take this type, so calling one with
 * the bare pool or an unscoped transaction is a compile error, not a data leak.
 */
export type ScopedTx = Tx & { readonly [scopeBrand]: TenantScope };

export function scopeSettings(scope: TenantScope): { municipalityCode: string; householdId: string } {
  switch (scope.kind) {
    case 'all':
      return { municipalityCode: ALL_MUNICIPALITIES, householdId: '' };
    case 'municipality':
      return { municipalityCode: scope.municipalityCode, householdId: '' };
    case 'household':
      return { municipalityCode: '', householdId: scope.householdId };
  }
}

/**
 * Runs `fn` in one transaction as the RLS-bound role with the scope set for this transaction only (SET LOCAL and
 * set_config(…, true) end with it, so a pooled connection never carries a scope into the next request).
 */
export async function withTenantScope<T>(
  db: Db,
  scope: TenantScope,
  fn: (tx: ScopedTx, scope: TenantScope) => Promise<T>,
): Promise<T> {
  const { municipalityCode, householdId } = scopeSettings(scope);
  return db.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE (the same membership check, reverted at the
    // end of the transaction), so the role and both scope settings go in a single statement. Prepared: every scoped
    // transaction of every module starts with it.
    await executePrepared(
      tx,
      sql`select set_config('role', ${APP_ROLE}, true), set_config('tsunagu.municipality_code', ${municipalityCode}, true), set_config('tsunagu.household_id', ${householdId}, true)`,
    );
    return fn(tx as ScopedTx, scope);
  });
}
