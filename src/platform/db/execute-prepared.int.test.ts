import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { executePrepared } from './execute-prepared.ts';
import { withTenantScope } from './tenant-scope.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('executePrepared', () => {
  it('runs one named statement per text, with each call its own parameters and the scope of its transaction', async () => {
    const scoped = (municipalityCode: string) =>
      withTenantScope(t.services.db, { kind: 'municipality', municipalityCode }, async (tx) => {
        const first = await executePrepared<{ n: number; scope: string }>(
          tx,
          sql`select ${1}::int as n, current_setting('tsunagu.municipality_code', true) as scope`,
        );
        const second = await executePrepared<{ n: number; scope: string }>(
          tx,
          sql`select ${2}::int as n, current_setting('tsunagu.municipality_code', true) as scope`,
        );
        const named = await tx.execute<{ n: number }>(
          sql`select count(*)::int n from pg_prepared_statements where name like 'tsunagu\\_%' and statement like '%as scope%'`,
        );
        return { rows: [...first.rows, ...second.rows], named: named.rows[0]!.n };
      });
    expect(await scoped('131199')).toEqual({
      rows: [
        { n: 1, scope: '131199' },
        { n: 2, scope: '131199' },
      ],
      named: 1,
    });
    expect((await scoped('131016')).rows).toEqual([
      { n: 1, scope: '131016' },
      { n: 2, scope: '131016' },
    ]);
  });
});
