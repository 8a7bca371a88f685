import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TenantScope, withTenantScope } from '../../platform/db/tenant-scope.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { checkupResults } from './checkups/checkup-results.tables.ts';
import { childLinks, consentCodes, questionnaires, vaccinationRecords } from './clinic/clinic.tables.ts';
import { recipientImports, subsidyRecipients, subsidySchemes } from './health.tables.ts';
import { seedDemoSchemes } from './use-cases/seed-demo-schemes.ts';

const HACHIOJI = '132012';
const ITABASHI = '131199';
const HEALTH_TABLES = [
  'health_subsidy_recipients',
  'health_recipient_imports',
  'health_child_links',
  'health_consent_codes',
  'health_questionnaires',
  'health_vaccination_records',
  'health_checkup_results',
] as const;
const WITH_HOUSEHOLD = new Set(HEALTH_TABLES.slice(3));

let t: TestContext;
const householdId = randomUUID();
const childId = randomUUID();

beforeAll(async () => {
  t = await createTestApp({});
  await seedDemoSchemes(t.services);
  // One row of 八王子市 in every health table, written as the owner (what migrations and imports see).
  const db = t.services.db;
  const [scheme] = await db.select().from(subsidySchemes).where(sql`${subsidySchemes.municipalityCode} = ${HACHIOJI}`);
  const importId = randomUUID();
  await db.insert(recipientImports).values({
    id: importId,
    municipalityCode: HACHIOJI,
    fileName: 'f.csv',
    format: 'csv',
    summary: { added: 1, changed: 0, ended: 0, unchanged: 0 },
    importedBy: 'test',
  });
  await db.insert(subsidyRecipients).values({
    municipalityCode: HACHIOJI,
    schemeId: scheme!.id,
    recipientNumber: '1000016',
    residentNumber: 'R-1',
    name: '八王子 一郎',
    nameKana: 'ハチオウジ イチロウ',
    birthDate: '2024-01-01',
    sex: '1',
    address: '東京都八王子市',
    certificationName: '医療証',
    certificateTypeId: 'X',
    validFrom: '2026-04-01',
    validTo: '2027-03-31',
    importId,
  });
  await db.insert(childLinks).values({ childId, municipalityCode: HACHIOJI, residentNumber: 'R-1', linkedBy: 'test' });
  const family = { childId, householdId, municipalityCode: HACHIOJI };
  await db.insert(consentCodes).values({
    ...family,
    id: randomUUID(),
    shortCode: 'ABCD-EFGH',
    purpose: 'vaccination',
    child: { name: '八王子 一郎', nameKana: 'ハチオウジ イチロウ', birthDate: '2024-01-01', sex: 'male' },
    expiresAt: new Date(Date.now() + 60_000),
    createdBy: 'test',
  });
  await db.insert(questionnaires).values({
    ...family,
    vaccine: 'mr',
    dose: 1,
    visitDate: '2026-11-21',
    temperature: '36.5',
    answers: {},
    consentToVaccination: 'yes',
    signedBy: 'test',
    signedAt: new Date(),
  });
  await db.insert(vaccinationRecords).values({
    ...family,
    vaccine: 'mr',
    dose: 1,
    lotNumber: 'L',
    givenOn: '2026-11-21',
    institutionCode: '1312345678',
    recordedBy: 'test',
  });
  await db.insert(checkupResults).values({
    householdId,
    municipalityCode: HACHIOJI,
    subjectId: childId,
    kind: 'infant',
    checkupCode: '1y6m',
    examinedOn: '2026-11-21',
    outcome: 'no-findings',
    measurements: {},
    recordedByKind: 'municipality',
    recordedBy: 'test',
  });
});
afterAll(() => t?.close());

/** Hand-written queries in a scope: what a forgotten WHERE clause would return. */
async function countsIn(scope: TenantScope) {
  return withTenantScope(t.services.db, scope, async (tx) => {
    const counts: Record<string, number> = {};
    for (const table of HEALTH_TABLES) {
      const result = (await tx.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
        rows: { n: number }[];
      };
      counts[table] = result.rows[0]!.n;
    }
    return counts;
  });
}

describe('row-level security on the health tables', () => {
  it('staff of another municipality see nothing, even with a hand-written query', async () => {
    const other = await countsIn({ kind: 'municipality', municipalityCode: ITABASHI });
    expect(Object.values(other)).toEqual(HEALTH_TABLES.map(() => 0));
    const own = await countsIn({ kind: 'municipality', municipalityCode: HACHIOJI });
    for (const table of HEALTH_TABLES) expect(own[table], table).toBeGreaterThanOrEqual(1);
  });

  it('a parent sees their own household’s rows only; rows without a household are not theirs', async () => {
    const own = await countsIn({ kind: 'household', householdId });
    for (const table of HEALTH_TABLES) expect(own[table], table).toBe(WITH_HOUSEHOLD.has(table) ? 1 : 0);
    const stranger = await countsIn({ kind: 'household', householdId: randomUUID() });
    expect(Object.values(stranger)).toEqual(HEALTH_TABLES.map(() => 0));
  });

  it('another municipality can neither change nor write rows of 八王子市', async () => {
    const scope = { kind: 'municipality', municipalityCode: ITABASHI } as const;
    const updated = await withTenantScope(t.services.db, scope, (tx) =>
      tx.execute(sql`update health_vaccination_records set lot_number = 'X'`),
    );
    expect((updated as unknown as { rowCount: number }).rowCount).toBe(0);
    const insert = withTenantScope(t.services.db, scope, (tx) =>
      tx.insert(childLinks).values({
        childId: randomUUID(),
        municipalityCode: HACHIOJI,
        residentNumber: 'R-2',
        linkedBy: 'test',
      }),
    );
    await expect(insert).rejects.toMatchObject({ cause: { code: '42501' } });
  });
});
