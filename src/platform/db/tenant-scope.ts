import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
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
  // set_config('role', …, true) is SET LOCAL ROLE (the same membership check, reverted at the end of the
  // transaction), so the role and both scope settings go in a single statement.
  const session: unknown = db._.session;
  const pool = session instanceof NodePgSession ? poolOf(session) : undefined;
  if (!pool) {
    // Inside another transaction (a savepoint) or on a driver other than the pool: drizzle's own transaction.
    return db.transaction(async (tx) => {
      await executePrepared(
        tx,
        sql`select set_config('role', ${APP_ROLE}, true), set_config('tsunagu.municipality_code', ${municipalityCode}, true), set_config('tsunagu.household_id', ${householdId}, true)`,
      );
      return fn(tx as ScopedTx, scope);
    });
  }
  return scopedPoolTransaction(session as Session, pool, municipalityCode, householdId, (tx) =>
    fn(tx as ScopedTx, scope),
  );
}

type Session = InstanceType<typeof NodePgSession>;

/** drizzle's NodePgSession keeps its pg client, dialect, schema and options; a transaction needs all four. */
interface SessionParts {
  client: unknown;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

function poolOf(session: Session): pg.Pool | undefined {
  const { client } = session as unknown as SessionParts;
  return client instanceof pg.Pool ? client : undefined;
}

/**
 * drizzle's `db.transaction` on a pooled client (begin, commit, rollback on failure, release), except that BEGIN and
 * the scope go to PostgreSQL as ONE simple-protocol message: one round trip where drizzle's `begin` and then the
 * scope statement took two, on every scoped transaction of every module. The simple protocol takes no parameters,
 * so the two scope values travel as escaped literals.
 */
async function scopedPoolTransaction<T>(
  session: Session,
  pool: pg.Pool,
  municipalityCode: string,
  householdId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const { dialect, schema, options } = session as unknown as SessionParts;
  const client = await pool.connect();
  const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, schema, options), schema);
  // A connection whose rollback failed is broken: released with the error, the pool closes it.
  let broken: Error | undefined;
  try {
    await client.query(
      `begin; select set_config('role', '${APP_ROLE}', true), set_config('tsunagu.municipality_code', ${pg.escapeLiteral(municipalityCode)}, true), set_config('tsunagu.household_id', ${pg.escapeLiteral(householdId)}, true)`,
    );
    const result = await fn(tx as unknown as Tx);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
