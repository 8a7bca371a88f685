import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadRegistryFile } from '../src/modules/registry/registry-file.ts';
import { importRegistry } from '../src/modules/registry/use-cases/import-registry.ts';
import { SYSTEM_ACTOR } from '../src/platform/access/actor.ts';
import type { AppServices } from '../src/platform/services.ts';
import { syntheticRegistry } from './lib/synthetic-registry.ts';

// Synthetic data for the push benchmarks. SYNTHETIC, not real people: families spread over Tokyo's 62
// municipalities, children aged 0–18, some pregnancies. The registry comes from bench/lib/synthetic-registry.ts: the real
// subset's records copied over the 63 areas with the official file's record counts (7,814 records).

export async function importFullSizeRegistry(services: AppServices): Promise<number> {
  const records = syntheticRegistry();
  const file = join(tmpdir(), `tsunagu-bench-push-registry-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(records));
  await importRegistry(services, {
    records: await loadRegistryFile(file),
    source: 'bench (synthetic)',
    actor: SYSTEM_ACTOR,
  });
  return records.length;
}

/**
 * Families in one set-based pass: `children` children in children/1.5 households (one parent each), ages spread
 * evenly over 0–18 years, 2% of households expecting, and a LINE endpoint for `lineShare` of the parents on their
 * municipality's LINE channel (`lineChannelPrefix` + code: one channel per municipality, as in production, and LINE
 * counts its rate limits per channel). Children share one name, but each digest links to its own inbox entry, so
 * every LINE text is personal.
 */
export async function generateFamilies(
  services: AppServices,
  options: { children: number; lineShare: number; lineChannelPrefix: string },
): Promise<void> {
  const households = Math.ceil(options.children / 1.5);
  const db = services.db;
  await db.execute(sql`
    create temporary table bench_munis as
      select code, (row_number() over (order by code) - 1)::int as i from municipalities where code <> '130001'`);
  await db.execute(sql`
    insert into households (id, municipality_code)
    select md5('h' || g)::uuid, m.code
      from generate_series(1, ${households}::int) g
      join bench_munis m on m.i = g % (select count(*) from bench_munis)`);
  await db.execute(sql`
    insert into parents (id, household_id, municipality_code, issuer, subject, name, verified_at)
    select md5('p' || g)::uuid, md5('h' || g)::uuid, m.code, 'https://bench.invalid', 'bench-' || g, 'ベンチ 親', now()
      from generate_series(1, ${households}::int) g
      join bench_munis m on m.i = g % (select count(*) from bench_munis)`);
  await db.execute(sql`
    insert into children (id, household_id, municipality_code, name, name_kana, birth_date, sex)
    select md5('c' || c)::uuid, md5('h' || h)::uuid, m.code, 'ベンチ 子', 'ベンチ コ',
           current_date - ((c::bigint * 7919) % (18 * 365))::int, 'female'
      from generate_series(1, ${options.children}::int) c,
           lateral (select ((c - 1) % ${households}::int) + 1 as h) hh
      join bench_munis m on m.i = hh.h % (select count(*) from bench_munis)`);
  await db.execute(sql`
    insert into household_relationships (household_id, municipality_code, parent_id, child_id, relationship)
    select c.household_id, c.municipality_code, p.id, c.id, 'mother'
      from children c join parents p on p.household_id = c.household_id
     where p.issuer = 'https://bench.invalid'`);
  await db.execute(sql`
    insert into pregnancies (household_id, municipality_code, parent_id, expected_delivery_date, status)
    select md5('h' || g)::uuid, m.code, md5('p' || g)::uuid, current_date + (g % 280), 'expecting'
      from generate_series(1, ${households}::int, 50) g
      join bench_munis m on m.i = g % (select count(*) from bench_munis)`);
  await db.execute(sql`
    insert into notify_endpoints (parent_id, household_id, municipality_code, channel, address_key, address)
    select p.id, p.household_id, p.municipality_code, 'line', 'U' || md5('line' || p.id),
           jsonb_build_object('lineChannelId', ${options.lineChannelPrefix}::text || p.municipality_code)
      from parents p
     where p.issuer = 'https://bench.invalid' and abs(hashtext(p.id::text)) % 1000 < ${Math.round(options.lineShare * 1000)}::int`);
  // Quiet hours off, so the benchmark measures sending whatever time it runs at.
  await db.execute(sql`
    insert into notify_preferences (parent_id, household_id, municipality_code, quiet_start_minute, quiet_end_minute)
    select id, household_id, municipality_code, 0, 0 from parents where issuer = 'https://bench.invalid'`);
  await db.execute(sql`analyze`);
}

/** Benchmarks write into a database of their own: refuse anything whose name does not say so. */
export function assertBenchDatabase(url: string | undefined): void {
  if (!url || !/bench/.test(new URL(url).pathname)) {
    throw new Error('set DATABASE_URL to a database whose name contains "bench" (it is filled and emptied)');
  }
}
