import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TenantScope, withTenantScope } from '../../platform/db/tenant-scope.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild } from '../identity/index.ts';
import { applicationFor } from './testing/benefit-factories.ts';
import { submitApplication } from './use-cases/submit-application.ts';

// Row-level security on the benefits tables (migration benefits-rls): whatever a scoped query forgets to filter,
// PostgreSQL hides another municipality's or another household's applications, claims and timelines.
const ITABASHI = '131199';
const HACHIOJI = '132012';
let t: TestContext;
const households: Record<'itabashi' | 'hachioji', { householdId: string; parentId: string; childId: string }> = {
  itabashi: { householdId: '', parentId: '', childId: '' },
  hachioji: { householdId: '', parentId: '', childId: '' },
};

const TABLES = ['benefit_applications', 'benefit_claims', 'benefit_claim_history'] as const;

/** What a transaction in `scope` sees of our test rows, with no filter of its own beyond the test's parents. */
async function visible(scope: TenantScope) {
  const parents = [households.itabashi.parentId, households.hachioji.parentId];
  return withTenantScope(t.services.db, scope, async (tx) => {
    const claims = await tx.execute<{ parent_id: string; municipality_code: string }>(
      sql`select parent_id, municipality_code from benefit_claims where parent_id = any(${sql.param(parents)}::text[])`,
    );
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const r = await tx.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
      counts[table] = r.rows[0]!.n;
    }
    return { claims: claims.rows, counts };
  });
}

beforeAll(async () => {
  t = await createTestApp();
  for (const [key, municipalityCode] of [
    ['itabashi', ITABASHI],
    ['hachioji', HACHIOJI],
  ] as const) {
    const { parent, child } = await makeHouseholdWithChild(t.services, { municipalityCode });
    households[key] = { householdId: parent.householdId!, parentId: parent.id, childId: child.id };
    const result = await submitApplication(t.services, {
      parentId: parent.id,
      householdId: parent.householdId!,
      application: applicationFor({ childId: child.id, municipalityCode }),
    });
    expect(result.claims.every((c) => c.opened)).toBe(true);
  }
});
afterAll(() => t?.close());

describe('row-level security on benefit claims', () => {
  it('lets staff of one municipality read only its own claims', async () => {
    const seen = await visible({ kind: 'municipality', municipalityCode: ITABASHI });
    expect(seen.claims.length).toBeGreaterThan(0);
    expect(seen.claims.every((c) => c.parent_id === households.itabashi.parentId)).toBe(true);
    expect(seen.claims.every((c) => c.municipality_code === ITABASHI)).toBe(true);
  });

  it('lets a parent read only their household’s claims, applications and timeline', async () => {
    const seen = await visible({ kind: 'household', householdId: households.hachioji.householdId });
    expect(seen.claims.map((c) => c.parent_id)).toEqual([households.hachioji.parentId, households.hachioji.parentId]);
    // Over the whole tables, not only this test's rows: one application, its two claims, their two history rows.
    expect(seen.counts).toEqual({ benefit_applications: 1, benefit_claims: 2, benefit_claim_history: 2 });
  });

  it('lets Tokyo-wide scope read both, and no scope read nothing', async () => {
    const all = await visible({ kind: 'all' });
    expect(new Set(all.claims.map((c) => c.municipality_code))).toEqual(new Set([ITABASHI, HACHIOJI]));
    const none = await withTenantScope(t.services.db, { kind: 'household', householdId: '' }, async (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from benefit_claims`),
    );
    expect(none.rows[0]!.n).toBe(0);
  });

  it('leaves another municipality’s claims out of a staff update', async () => {
    const updated = await withTenantScope(t.services.db, { kind: 'municipality', municipalityCode: ITABASHI }, (tx) =>
      tx.execute(
        sql`update benefit_claims set status_reason = 'x' where parent_id = ${households.hachioji.parentId} returning id`,
      ),
    );
    expect(updated.rows).toEqual([]);
  });

  it('a parent’s submission cannot write rows of another household', async () => {
    const err = await withTenantScope(
      t.services.db,
      { kind: 'household', householdId: households.itabashi.householdId },
      async (tx) =>
        tx.execute(sql`insert into benefit_applications (municipality_code, parent_id, household_id, idempotency_key,
          request_fingerprint, fiscal_year, account_source, bank_code, branch_code, account_type, account_number,
          account_holder_kana) values (${HACHIOJI}, 'p', ${households.hachioji.householdId}, ${`rls-${Date.now()}`},
          'f', 2025, 'manual', '0009', '123', '1', '1234567', 'ﾔﾏﾀﾞ')`),
    ).catch((e: unknown) => e as { cause?: { code?: string } });
    expect((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code).toBe('42501');
  });

  it('hides another household’s corrections and gift cards, which follow their claim', async () => {
    const db = t.services.db;
    const claim = await db.execute<{ id: string; application_id: string }>(
      sql`select id, application_id from benefit_claims where parent_id = ${households.itabashi.parentId} limit 1`,
    );
    const { id: claimId, application_id: applicationId } = claim.rows[0]!;
    // Written by the pool's own user (not RLS-bound), as a staff use case would through its own scope.
    const dispatch = await db.execute<{ id: string }>(sql`insert into benefit_gift_dispatches
      (claim_id, municipality_code, status) values (${claimId}, ${ITABASHI}, 'preparing') returning id`);
    await db.execute(sql`insert into benefit_gift_dispatch_history (dispatch_id, claim_id, municipality_code,
      to_status, actor_type) values (${dispatch.rows[0]!.id}, ${claimId}, ${ITABASHI}, 'preparing', 'staff')`);
    await db.execute(sql`insert into benefit_claim_corrections (claim_id, application_id, municipality_code,
      parent_id, note) values (${claimId}, ${applicationId}, ${ITABASHI}, ${households.itabashi.parentId}, 'x')`);
    const count = (scope: TenantScope) =>
      withTenantScope(t.services.db, scope, async (tx) => {
        const counts: number[] = [];
        for (const table of ['benefit_gift_dispatches', 'benefit_gift_dispatch_history', 'benefit_claim_corrections']) {
          const r = await tx.execute<{ n: number }>(
            sql.raw(`select count(*)::int as n from ${table} where claim_id = '${claimId}'`),
          );
          counts.push(r.rows[0]!.n);
        }
        return counts;
      });
    expect(await count({ kind: 'household', householdId: households.itabashi.householdId })).toEqual([1, 1, 1]);
    expect(await count({ kind: 'household', householdId: households.hachioji.householdId })).toEqual([0, 0, 0]);
    expect(await count({ kind: 'municipality', municipalityCode: HACHIOJI })).toEqual([0, 0, 0]);
  });
});
