import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, staffCookie } from '../../identity/index.ts';
import { childLinks } from './clinic.tables.ts';

const HACHIOJI = '132012';
const ITABASHI = '131199';
let t: TestContext;
let officer: Record<string, string>;
let families: Awaited<ReturnType<typeof makeHouseholdWithChild>>[];
let stranger: Awaited<ReturnType<typeof makeHouseholdWithChild>>;

beforeAll(async () => {
  t = await createTestApp({});
  families = [
    await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI, childName: '八王子 一' }),
    await makeHouseholdWithChild(t.services, { municipalityCode: HACHIOJI, childName: '八王子 二' }),
  ];
  stranger = await makeHouseholdWithChild(t.services, { municipalityCode: ITABASHI });
  officer = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, { municipalityCode: HACHIOJI, roles: ['health-officer'] }),
  );
});
afterAll(() => t?.close());

const line = (f: (typeof families)[number], number: string) => `${f.parent.householdId},${f.child.id},${number}`;
const send = (csv: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/health/child-links/import', cookies: officer, payload: { csv } });

describe('bulk import of resident-number links', () => {
  it('refuses the whole file with a report by row and field, writing nothing', async () => {
    const [a, b] = families as [(typeof families)[0], (typeof families)[0]];
    const csv = [
      '世帯ID,子どもID,宛名番号',
      line(a, 'H-0001'),
      line(b, '123456789012'),
      line(stranger, 'H-0003'),
      `${a.parent.householdId},not-an-id,H-0004`,
      line(a, 'H-0001'),
    ].join('\r\n');
    const res = await send(csv);
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string; messageJa: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.csv.row3.residentNumber', // a My Number
        'body.csv.row5.childId', // not an id
        'body.csv.row6.childId', // same child as row 2
        'body.csv.row6.residentNumber', // same number as row 2
      ]),
    );
    expect(await t.services.db.select().from(childLinks)).toEqual([]);
    // Without the format errors, the child of another municipality is the one problem left.
    const second = await send(
      ['householdId,childId,residentNumber', line(a, 'H-0001'), line(stranger, 'H-9')].join('\n'),
    );
    expect(second.statusCode).toBe(400);
    expect(second.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.csv.row3.householdId']);
    expect(await t.services.db.select().from(childLinks)).toEqual([]);
  });

  it('applies a valid file in one go, lets numbers swap between its children, and audits each link', async () => {
    const [a, b] = families as [(typeof families)[0], (typeof families)[0]];
    const first = await send(['世帯ID,子どもID,宛名番号', line(a, 'H-0001'), line(b, 'H-0002')].join('\n'));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ linked: 2 });
    const swapped = await send(['世帯ID,子どもID,宛名番号', line(a, 'H-0002'), line(b, 'H-0001')].join('\n'));
    expect(swapped.statusCode, swapped.body).toBe(200);
    const [linkA] = await t.services.db.select().from(childLinks).where(eq(childLinks.childId, a.child.id));
    expect(linkA?.residentNumber).toBe('H-0002');
    const audits = await t.services.database.pool.query(
      "select count(*)::int as n from audit_events where action = 'health-link.set' and resource_id = $1",
      [a.child.id],
    );
    expect(audits.rows[0].n).toBe(2);
  });

  it('refuses a number already linked to a child outside the file', async () => {
    const [a] = families as [(typeof families)[0]];
    const res = await send(['世帯ID,子どもID,宛名番号', line(a, 'H-0001')].join('\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'body.csv.row2.residentNumber' });
  });
});
