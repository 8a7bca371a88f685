import type pg from 'pg';
import { APP_ROLE, scopeSettings, type TenantScope } from '../../../platform/db/tenant-scope.ts';

/**
 * withTenantScope for a hot path that speaks SQL to one pooled client directly: the same transaction, role and scope
 * settings (tenant-scope.ts), but BEGIN, SET LOCAL ROLE and the two set_config calls go in ONE round trip (the
 * simple query protocol runs them in order and leaves the transaction open), where drizzle's transaction needs three.
 * Used by the clinic eligibility check, whose budget is a few milliseconds (bench/eligibility.ts).
 */
export async function withScopedClient<T>(
  pool: pg.Pool,
  scope: TenantScope,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const { municipalityCode, householdId } = scopeSettings(scope);
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(
      `begin; set local role ${APP_ROLE}; select set_config('tsunagu.municipality_code', ${client.escapeLiteral(municipalityCode)}, true), set_config('tsunagu.household_id', ${client.escapeLiteral(householdId)}, true)`,
    );
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    // A client whose rollback fails is in an unknown state: destroy it instead of returning it to the pool.
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
