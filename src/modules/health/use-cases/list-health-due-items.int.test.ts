import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeHouseholdWithChild } from '../../identity/index.ts';
import { checkupResults } from '../checkups/checkup-results.tables.ts';
import { vaccinationRecords } from '../clinic/clinic.tables.ts';
import { listHealthDueItems } from '../index.ts';

const HACHIOJI = '132012';
let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-11-21T00:30:00Z') });
});
afterAll(() => t?.close());

describe('listHealthDueItems (for notify)', () => {
  it('lists open doses and check-ups in the period, leaving out what is recorded', async () => {
    const childId = randomUUID();
    const query = { children: [{ childId, birthDate: '2026-09-10' }], from: '2026-11-21', to: '2026-12-31' };
    const before = await listHealthDueItems(t.services, query);
    const codes = before.map((i) => i.code);
    expect(codes).toContain('hepb:1');
    expect(codes).toContain('dpt-ipv-hib:1');
    expect(codes).toContain('3-6m');
    expect(codes).not.toContain('1m'); // its window ended on 2026-11-09
    expect(codes).not.toContain('hepb:2'); // waits for dose 1
    expect(before.find((i) => i.code === 'hepb:1')).toEqual({
      childId,
      kind: 'vaccination',
      code: 'hepb:1',
      labelJa: expect.stringContaining('1回目'),
      labelEn: expect.stringContaining('dose 1'),
      earliest: '2026-09-10',
      recommendedBy: expect.any(String),
      latest: '2027-09-09',
      urgent: false,
    });
    expect(before.find((i) => i.code === '3-6m')).toMatchObject({
      kind: 'infant-checkup',
      labelJa: '3〜6か月児健診',
      earliest: '2026-12-10',
      urgent: false,
    });

    const common = { householdId: randomUUID(), municipalityCode: HACHIOJI };
    await t.services.db.insert(vaccinationRecords).values({
      ...common,
      childId,
      vaccine: 'hepb',
      dose: 1,
      lotNumber: 'L1',
      givenOn: '2026-11-10',
      institutionCode: '1312345678',
      recordedBy: 'test',
    });
    await t.services.db.insert(checkupResults).values({
      ...common,
      kind: 'infant',
      subjectId: childId,
      checkupCode: '3-6m',
      examinedOn: '2026-11-20',
      outcome: 'no-findings',
      measurements: {},
      recordedByKind: 'municipality',
      recordedBy: 'test',
    });
    const after = (await listHealthDueItems(t.services, query)).map((i) => i.code);
    expect(after).not.toContain('hepb:1');
    expect(after).not.toContain('3-6m');
    expect(after).toContain('hepb:2'); // 27 days after dose 1: 2026-12-07, inside the period
  });

  it('reminds girls of the HPV series from April 1 of the school year they reach 12; never boys or unknown sex', async () => {
    const girlApril1 = randomUUID();
    const girlApril2 = randomUUID();
    const boy = randomUUID();
    const unknown = randomUUID();
    const items = await listHealthDueItems(t.services, {
      children: [
        { childId: girlApril1, birthDate: '2014-04-01', sex: 'female' },
        { childId: girlApril2, birthDate: '2014-04-02', sex: 'female' },
        { childId: boy, birthDate: '2014-04-01', sex: 'male' },
        { childId: unknown, birthDate: '2014-04-01', sex: 'unspecified' },
      ],
      from: '2025-04-01',
      to: '2025-04-30',
    });
    const hpv = items.filter((i) => i.code.startsWith('hpv:'));
    expect(hpv).toEqual([
      {
        childId: girlApril1,
        kind: 'vaccination',
        code: 'hpv:1',
        labelJa: 'HPV（ヒトパピローマウイルス）9価 1回目',
        labelEn: 'HPV (human papillomavirus), 9-valent dose 1',
        earliest: '2025-04-01',
        recommendedBy: '2027-03-31',
        latest: '2030-03-31',
        urgent: false,
      },
    ]);
    // The other vaccines of the same child do not depend on the sex.
    const others = (id: string) =>
      items.filter((i) => i.childId === id && !i.code.startsWith('hpv:')).map((i) => i.code);
    expect(others(girlApril1)).toContain('dt:1');
    expect(others(boy)).toEqual(others(girlApril1));
    expect(others(unknown)).toEqual(others(girlApril1));
  });

  it('reads the children of households through identity and marks a window that closes in the period urgent', async () => {
    const family = await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI }); // born 2023-04-10
    const items = await listHealthDueItems(t.services, {
      householdIds: [family.parent.householdId],
      from: '2027-03-01',
      to: '2027-04-30',
    });
    const threeYear = items.find((i) => i.code === '3y');
    expect(threeYear).toMatchObject({ childId: family.child.id, latest: '2027-04-09', urgent: true });
  });
});
