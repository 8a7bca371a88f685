import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import type { AppError } from '../../platform/http/app-error.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { importRegistry } from './use-cases/import-registry.ts';

const subset = JSON.parse(
  readFileSync(new URL('./data/tokyo-registry-subset.json', import.meta.url), 'utf8'),
) as Record<string, unknown>[];

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const count = async (table: string) =>
  (await t.services.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`))).rows[0]!.n;

const run = (records: unknown, force = false) =>
  importRegistry(t.services, { records, source: 'test', actor: SYSTEM_ACTOR, force });

describe('registry import', () => {
  it('rejects a malformed file and changes nothing', async () => {
    await expect(run({ not: 'an array' })).rejects.toMatchObject({ code: 'registry-file-malformed', status: 400 });
    const broken = [...subset.slice(0, 3), { basicInformation: { psid: 'x' }, area: { areaCode: 'nowhere' } }];
    const error = (await run(broken).catch((e) => e)) as AppError;
    expect(error.code).toBe('registry-file-invalid');
    expect(error.fieldErrors[0]?.field).toBe('records[3].area.areaCode');
    expect(await count('registry_programs')).toBe(0);
  });

  it('imports the subset with counts equal to the file, then a re-import changes nothing', async () => {
    const report = await run(subset);
    const areas = new Set(subset.map((r) => (r.area as { areaCode: string }).areaCode.split(';')[0]));
    expect(report.records).toBe(subset.length);
    expect(report.areas).toBe(areas.size);
    expect(report.created).toBe(subset.length);
    expect(report.perMunicipality).toEqual({ '130001': 27, '133621': 29 });
    expect(report.ageSources.explicit + report.ageSources.inferred + report.ageSources.unknown).toBe(subset.length);
    expect(await count('registry_programs')).toBe(subset.length);
    expect(await count('registry_changes')).toBe(subset.length);

    const again = await run(subset);
    expect(again).toMatchObject({ created: 0, updated: 0, retired: 0, unchanged: subset.length });
    expect(await count('registry_changes')).toBe(subset.length);
    expect(await count('registry_program_versions')).toBe(subset.length);
  });

  it('keeps the raw record unchanged', async () => {
    const first = subset[0]!;
    const psid = (first.basicInformation as { psid: string }).psid;
    const rows = await t.services.db.execute<{ raw: unknown }>(
      sql`select raw from registry_programs where psid = ${psid}`,
    );
    expect(rows.rows[0]!.raw).toEqual(first);
  });

  it('records a changed record as a new version and an update in the feed', async () => {
    const edited = structuredClone(subset);
    (edited[0]!.institutionName as { shortName: string }).shortName = '先天性代謝異常等検査（改）';
    const report = await run(edited);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: subset.length - 1 });
    const last = await t.services.db.execute<{ kind: string; version: number }>(
      sql`select kind, version from registry_changes order by id desc limit 1`,
    );
    expect(last.rows[0]).toEqual({ kind: 'updated', version: 2 });
    await run(subset); // back to the original
  });

  it('refuses to retire more than 30% without --force, and audits both outcomes', async () => {
    const few = subset.slice(0, 20);
    await expect(run(few)).rejects.toMatchObject({ code: 'registry-import-drop-guard', status: 409 });
    expect(
      await t.services.db
        .execute(sql`select 1 from registry_programs where status = 'retired'`)
        .then((r) => r.rowCount),
    ).toBe(0);
    const forced = await run(few, true);
    expect(forced.retired).toBe(subset.length - 20);
    const audits = await t.services.db.execute<{ outcome: string; forced: boolean | null }>(
      sql`select outcome, (detail->>'forced')::boolean as forced from audit_events where action = 'registry.import' order by id`,
    );
    expect(audits.rows.map((r) => r.outcome)).toContain('denied');
    expect(audits.rows.at(-1)).toEqual({ outcome: 'success', forced: true });
    // Records coming back are "created" again in the feed.
    const back = await run(subset);
    expect(back.updated).toBe(subset.length - 20);
  });

  it('accepts every one of the 63 areas of the official file and reports per-area counts equal to the file', async () => {
    const areas = readFileSync(new URL('./data/areas.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(areas).toHaveLength(63);
    expect(areas.reduce((sum, [, , n]) => sum + Number(n), 0)).toBe(7814);
    // Two records per area (a scaled-down spread; the benchmark imports the full 7,814).
    const spread = areas.flatMap(([code, name], i) =>
      [0, 1].map((k) => {
        const record = structuredClone(subset[(i * 2 + k) % subset.length]!);
        record.basicInformation = { psid: `spread+${code}+${k}` };
        record.area = { areaCode: `${code};${name}`, areaText: null };
        return record;
      }),
    );
    const report = await run(spread, true);
    expect(report.records).toBe(126);
    expect(report.areas).toBe(63);
    expect(Object.values(report.perMunicipality).every((n) => n === 2)).toBe(true);
  });
});

describe('demo seed', () => {
  it('loads the shipped subset, and never cuts a fuller registry down to it', async () => {
    const { registryModule } = await import('./index.ts');
    const fresh = await createTestApp();
    try {
      expect(await registryModule.seedDemo!(fresh.services)).toMatch(/56 programs in 2 areas/);
      expect(await registryModule.seedDemo!(fresh.services)).toMatch(/unchanged 56/);
      const many = Array.from({ length: 200 }, (_, i) => {
        const record = structuredClone(subset[i % subset.length]!);
        record.basicInformation = { psid: `full+${i}` };
        return record;
      });
      await importRegistry(fresh.services, { records: many, source: 'test', actor: SYSTEM_ACTOR, force: true });
      expect(await registryModule.seedDemo!(fresh.services)).toMatch(/skipped/);
    } finally {
      await fresh.close();
    }
  });
});
