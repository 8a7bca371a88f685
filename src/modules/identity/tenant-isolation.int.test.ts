import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenantScope } from '../../platform/db/tenant-scope.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { findChild, findHousehold, updateChild } from './repositories/household.repository.ts';
import { children } from './tables/household.tables.ts';
import { makeHouseholdWithChild, staffActor } from './testing/identity-factories.ts';
import { getHousehold } from './use-cases/get-household.ts';
import { readHouseholdAsSystem } from './use-cases/read-household-as-system.ts';
import { updateChild as updateChildUseCase } from './use-cases/update-child.ts';

const ADACHI = '131211';
const ITABASHI = '131199';

let t: TestContext;
let itabashi: Awaited<ReturnType<typeof makeHouseholdWithChild>>;
let adachi: Awaited<ReturnType<typeof makeHouseholdWithChild>>;

beforeAll(async () => {
  t = await createTestApp();
  itabashi = await makeHouseholdWithChild(t.services, { municipalityCode: ITABASHI, childName: '板橋 一郎' });
  adachi = await makeHouseholdWithChild(t.services, { municipalityCode: ADACHI, childName: '足立 二郎' });
});
afterAll(() => t?.close());

const adachiScope = { kind: 'municipality', municipalityCode: ADACHI } as const;

describe('row-level security beneath the repositories', () => {
  it('a query with no filter at all sees only the scope’s municipality', async () => {
    const names = await withTenantScope(t.services.db, adachiScope, (tx) =>
      tx.select({ name: children.name, code: children.municipalityCode }).from(children),
    );
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((row) => row.code === ADACHI)).toBe(true);
    expect(names.map((row) => row.name)).not.toContain('板橋 一郎');
  });

  it('reading an 板橋区 row by id in the 足立区 scope finds nothing', async () => {
    const found = await withTenantScope(t.services.db, adachiScope, async (tx) => ({
      child: await findChild(tx, itabashi.child.id),
      household: await findHousehold(tx, itabashi.parent.householdId),
    }));
    expect(found).toEqual({ child: undefined, household: undefined });
  });

  it('an update or delete of an 板橋区 row in the 足立区 scope changes nothing', async () => {
    const updated = await withTenantScope(t.services.db, adachiScope, (tx) =>
      updateChild(tx, itabashi.child.id, { name: '書き換え', updatedAt: new Date() }),
    );
    expect(updated).toBeUndefined();
    const deleted = await withTenantScope(t.services.db, adachiScope, (tx) =>
      tx.delete(children).where(eq(children.municipalityCode, ITABASHI)).returning(),
    );
    expect(deleted).toEqual([]);
    const [row] = await t.services.db.select().from(children).where(eq(children.id, itabashi.child.id));
    expect(row?.name).toBe('板橋 一郎');
  });

  it('inserting a row for another municipality is refused by the policy', async () => {
    const attempt = withTenantScope(t.services.db, adachiScope, (tx) =>
      tx.insert(children).values({
        householdId: itabashi.parent.householdId,
        municipalityCode: ITABASHI,
        name: '紛れ込み',
        nameKana: 'マギレコミ',
        birthDate: '2024-01-01',
        sex: 'male',
      }),
    );
    await expect(attempt).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('moving a row out of the scope’s municipality is refused too', async () => {
    const attempt = withTenantScope(t.services.db, adachiScope, (tx) =>
      tx.update(children).set({ municipalityCode: ITABASHI }).where(eq(children.id, adachi.child.id)),
    );
    await expect(attempt).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('a parent’s scope reaches their own household and no other', async () => {
    const scope = { kind: 'household', householdId: adachi.parent.householdId } as const;
    const rows = await withTenantScope(t.services.db, scope, (tx) => tx.select().from(children));
    expect(rows.map((r) => r.id)).toEqual([adachi.child.id]);
  });

  it('a scoped transaction can enqueue jobs (domain events reach their subscribers)', async () => {
    const id = await withTenantScope(t.services.db, adachiScope, (tx) =>
      t.services.jobs.enqueue(tx, 'platform.deliver-event', { eventId: 0, subscriber: 'test.nobody' }),
    );
    expect(id).toEqual(expect.any(String));
  });

  it('the scope ends with its transaction: the pooled connection carries nothing over', async () => {
    await withTenantScope(t.services.db, adachiScope, async () => undefined);
    const settings = await t.services.db.execute(
      sql`select current_user as "user", coalesce(current_setting('tsunagu.municipality_code', true), '') as code`,
    );
    expect(settings.rows[0]).toMatchObject({ code: '' });
    expect(settings.rows[0]?.user).not.toBe('tsunagu_app');
  });
});

describe('system reads for other modules', () => {
  it('reads any household with its purpose audited', async () => {
    const household = await readHouseholdAsSystem(t.services, {
      householdId: itabashi.parent.householdId,
      purpose: 'notify: child.registered',
    });
    expect(household?.children[0]?.name).toBe('板橋 一郎');
    const audit = await t.services.db.execute(
      sql`select actor_type, purpose from audit_events where resource_id = ${itabashi.parent.householdId} and actor_type = 'system'`,
    );
    expect(audit.rows).toEqual([{ actor_type: 'system', purpose: 'notify: child.registered' }]);
  });
});

describe('the use cases above them', () => {
  it('a 足立区 screener reads a 足立区 household and is refused, with an audit record, for 板橋区', async () => {
    const actor = staffActor(ADACHI, ['nursery-screener']);
    const own = await getHousehold({ services: t.services, actor }, { householdId: adachi.parent.householdId });
    expect(own.children[0]?.name).toBe('足立 二郎');

    await expect(
      getHousehold(
        { services: t.services, actor, requestId: 'req-cross-read' },
        { householdId: itabashi.parent.householdId },
      ),
    ).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    await expect(
      updateChildUseCase(
        { services: t.services, actor, requestId: 'req-cross-write' },
        { childId: itabashi.child.id, changes: { name: '書き換え' } },
      ),
    ).rejects.toMatchObject({ status: 403 });

    const audits = await t.services.db.execute(
      sql`select action, outcome, municipality_code, request_id from audit_events where actor_id = ${actor.id} order by id`,
    );
    expect(audits.rows).toEqual([
      { action: 'household.read', outcome: 'success', municipality_code: ADACHI, request_id: null },
      { action: 'household.read', outcome: 'denied', municipality_code: ITABASHI, request_id: 'req-cross-read' },
      { action: 'child.update', outcome: 'denied', municipality_code: ITABASHI, request_id: 'req-cross-write' },
    ]);
  });
});
