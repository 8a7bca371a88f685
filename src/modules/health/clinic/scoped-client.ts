import type pg from 'pg';
import { APP_ROLE, scopeSettings, type TenantScope } from '../../../platform/db/tenant-scope.ts';
import { type ClinicRedemption, clinicRedemptionSettings } from './clinic-scope.ts';

/** A statement prepared once per connection with SQL PREPARE and run by name. */
export interface ScopedStatement {
  /** An SQL identifier, unique among the statements of the process. */
  name: string;
  /** The PostgreSQL types of $1…$n, in order. */
  types: readonly string[];
  text: string;
}

export type ScopedValue = string | Date | null;

/** A tenant scope, or a clinic redeeming the one code it presents (clinic-scope.ts). */
export type StatementScope = TenantScope | ClinicRedemption;

function settingsOf(scope: StatementScope): [setting: string, value: string][] {
  if (scope.kind === 'clinic-redemption') return clinicRedemptionSettings(scope);
  const { municipalityCode, householdId } = scopeSettings(scope);
  return [
    ['tsunagu.municipality_code', municipalityCode],
    ['tsunagu.household_id', householdId],
  ];
}

const NAME = /^[a-z_][a-z0-9_]*$/;
/** Which statements each pooled connection has prepared (a connection's prepared statements live as long as it). */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * withTenantScope for a hot path, in ONE round trip: BEGIN, the role and scope settings (the same SET LOCAL semantics
 * as tenant-scope.ts), EXECUTE of a prepared statement and COMMIT go as one simple-protocol query, which PostgreSQL
 * runs in order and stops at the first error. The statement is prepared with SQL PREPARE (once per connection, its
 * plan cached there), so the parameters travel as escaped literals in the EXECUTE — values are never spliced into
 * the statement text itself. Used by the clinic eligibility check (bench/eligibility.ts), whose budget is a few
 * milliseconds: drizzle's transaction would need BEGIN, the scope, the statement and COMMIT as four round trips.
 */
export async function executeInScope<R>(
  pool: pg.Pool,
  scope: StatementScope,
  statement: ScopedStatement,
  values: readonly ScopedValue[],
): Promise<R[]> {
  if (!NAME.test(statement.name)) throw new Error(`not a statement name: ${statement.name}`);
  if (values.length !== statement.types.length) throw new Error(`${statement.name} takes ${statement.types.length}`);
  const client = await pool.connect();
  let broken = false;
  let open = false;
  try {
    let prepared = preparedOn.get(client);
    if (!prepared) {
      prepared = new Set();
      preparedOn.set(client, prepared);
    }
    if (!prepared.has(statement.name)) {
      // Outside any transaction: a PREPARE outlives a rollback, so it is recorded only once it has succeeded.
      await client.query(`prepare ${statement.name} (${statement.types.join(', ')}) as ${statement.text}`);
      prepared.add(statement.name);
    }
    const literal = (value: ScopedValue) =>
      value === null ? 'null' : client.escapeLiteral(value instanceof Date ? value.toISOString() : value);
    const settings = settingsOf(scope)
      .map(([name, value]) => `, set_config(${literal(name)}, ${literal(value)}, true)`)
      .join('');
    open = true;
    const results = (await client.query(
      `begin; select set_config('role', ${client.escapeLiteral(APP_ROLE)}, true)${settings}; ` +
        `execute ${statement.name}(${values.map(literal).join(', ')}); commit`,
    )) as unknown as pg.QueryResult<R & pg.QueryResultRow>[];
    open = false;
    return results[2]!.rows;
  } catch (error) {
    // The statements after a failing one did not run, so the transaction may still be open: roll it back. A client
    // whose rollback fails is in an unknown state: destroy it instead of returning it to the pool.
    if (open) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
