import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { withTenantScope } from './tenant-scope.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const settings = sql`select current_user::text as role, current_setting('tsunagu.municipality_code', true) as municipality,
  current_setting('tsunagu.household_id', true) as household`;
type Settings = { role: string; municipality: string; household: string };

describe('withTenantScope', () => {
  it('sets the role and scope for its transaction only, with the values sent as literals', async () => {
    // A value with quotes and a statement after it stays one literal (the simple protocol has no parameters).
    const odd = `x'); select pg_sleep(5); --`;
    const inside = await withTenantScope(t.services.db, { kind: 'household', householdId: odd }, async (tx) => {
      return (await tx.execute<Settings>(settings)).rows[0]!;
    });
    expect(inside).toMatchObject({ role: 'tsunagu_app', municipality: '', household: odd });

    // Nothing of the scope is left on the pooled connections afterwards.
    const after = await t.services.db.execute<Settings>(settings);
    expect(after.rows[0]).toMatchObject({ municipality: '', household: '' });
    expect(after.rows[0]!.role).not.toBe('tsunagu_app');
  });

  it('rolls back everything when the function fails', async () => {
    await t.services.db.execute(sql`create table if not exists tenant_scope_probe (n int)`);
    await t.services.db.execute(sql`grant insert, select on tenant_scope_probe to tsunagu_app`);
    const failed = await withTenantScope(t.services.db, { kind: 'all' }, async (tx) => {
      await tx.execute(sql`insert into tenant_scope_probe values (1)`);
      throw new Error('after the insert');
    }).catch((error: Error) => error.message);
    expect(failed).toBe('after the insert');
    const committed = await withTenantScope(t.services.db, { kind: 'municipality', municipalityCode: '131199' }, (tx) =>
      tx.execute(sql`insert into tenant_scope_probe values (2)`),
    );
    expect(committed.rowCount).toBe(1);
    const rows = await t.services.db.execute<{ n: number }>(sql`select n from tenant_scope_probe order by n`);
    expect(rows.rows).toEqual([{ n: 2 }]);
    await t.services.db.execute(sql`drop table tenant_scope_probe`);
  });
});
