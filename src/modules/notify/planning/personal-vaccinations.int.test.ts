import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeFamily } from '../testing/notify-factories.ts';
import { planMonthlyDigest } from './plan-monthly-digest.ts';

// 2026-12-01 12:00 in Tokyo: the December digest.
const NOW = new Date('2026-12-01T03:00:00Z');
const EDOGAWA = '131237';
let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
});
afterAll(() => t.close());

/** What a clinic records through health (its own table; written here as the fixture of this test). */
async function givenDose(
  family: Awaited<ReturnType<typeof makeFamily>>,
  vaccine: string,
  dose: number,
  givenOn: string,
) {
  await t.services.db.execute(sql`
    insert into health_vaccination_records (child_id, household_id, municipality_code, vaccine, dose, lot_number,
      given_on, institution_code, recorded_by)
    values (${family.child.id}, ${family.parent.householdId}, ${EDOGAWA}, ${vaccine}, ${dose}, 'L1', ${givenOn},
      '1312345678', 'test')`);
}

async function digestOf(parentId: string) {
  const r = await t.services.db.execute<{ body: string; why: { programs: { id: string; rule: string }[] } }>(
    sql`select body, why from notify_messages where parent_id = ${parentId} and source = 'digest'`,
  );
  return r.rows[0]!;
}

describe("a child's own vaccination due dates in the digest", () => {
  it('uses the child’s records (late first dose, overdue dose) and keeps the standard schedule for the rest', async () => {
    // Twins in age, born 2026-09-10: 3 months old in December, when B型肝炎 dose 2 opens on the standard schedule.
    const standard = await makeFamily(t.services, { municipalityCode: EDOGAWA, birthDate: '2026-09-10' });
    const late = await makeFamily(t.services, { municipalityCode: EDOGAWA, birthDate: '2026-09-10' });
    // Dose 1 a month late (standard: 2 months): dose 2 is due 27 days later, 2026-12-07.
    await givenDose(late, 'hepb', 1, '2026-11-10');
    // Born 2025-09-10, 15 months: only B型肝炎 dose 1 recorded, so the 5種混合 and 肺炎球菌 first doses were missed.
    const missed = await makeFamily(t.services, { municipalityCode: EDOGAWA, birthDate: '2025-09-10' });
    await givenDose(missed, 'hepb', 1, '2025-11-10');

    await planMonthlyDigest(t.services, { month: '2026-12', municipalityCode: EDOGAWA });

    const plain = await digestOf(standard.parent.id);
    expect(plain.body).toContain('予防接種 B型肝炎（2回目）');
    expect(plain.why.programs.some((p) => p.rule === 'vaccination-due')).toBe(false);

    const own = await digestOf(late.parent.id);
    expect(own.body).not.toContain('予防接種 B型肝炎（2回目）');
    expect(own.body).toMatch(/予防接種 B型肝炎 2回目（2026-12-07から。\d{4}-\d{2}-\d{2}までが標準的です）/);
    expect(own.why.programs).toContainEqual(
      expect.objectContaining({ id: 'health.vaccinations.personal:hepb:2', rule: 'vaccination-due' }),
    );
    expect(own.why.programs.some((p) => p.id.startsWith('health.vaccinations:'))).toBe(false);
    // The check-up lines still come from the standard schedule.
    expect(own.why.programs.some((p) => p.id.startsWith('health.checkups:'))).toBe(
      plain.why.programs.some((p) => p.id.startsWith('health.checkups:')),
    );

    const overdue = await digestOf(missed.parent.id);
    expect(overdue.body).toMatch(
      /予防接種 5種混合（DPT-IPV-Hib） 1回目（標準的な時期を過ぎています。\d{4}-\d{2}-\d{2}まで定期接種で受けられます）/,
    );

    // The read of the records is audited for the run.
    const audit = await t.services.db.execute<{ detail: { children: number } }>(sql`
      select detail from audit_events where action = 'health-vaccination-record.read' and municipality_code = ${EDOGAWA}`);
    expect(audit.rows.map((r) => r.detail.children)).toEqual([2]);
  });
});
