import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { APP_ROLE } from '../../../platform/db/tenant-scope.ts';

/**
 * Domain events are enqueued in the scoped transaction that raised them, so the RLS-bound role needs to write
 * pg-boss's tables. pg-boss creates its schema at start-up, after our migrations, hence this step runs with the
 * reference data (after the queue has started). Idempotent.
 */
export async function grantQueueAccess(db: Db): Promise<void> {
  await db.execute(sql.raw(`grant usage on schema pgboss to ${APP_ROLE}`));
  await db.execute(sql.raw(`grant select, insert, update on all tables in schema pgboss to ${APP_ROLE}`));
  await db.execute(sql.raw(`grant usage, select on all sequences in schema pgboss to ${APP_ROLE}`));
}
