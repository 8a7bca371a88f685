/**
 * Monthly plan benchmark: 1,800,000 synthetic children over the 62 municipalities (ages 0–18, some pregnancies,
 * 30% of parents with LINE) against a full-size synthetic registry (7,814 records), planned set-based in SQL,
 * municipality by municipality with BENCH_PARALLEL (default 2) at once. Prints children/s; asserts nothing.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagu_bench_push npm run bench:push-plan
 *   (BENCH_CHILDREN=1800000; the database is emptied and refilled)
 */
// The app's module graph first (modules import each other through their index files).
import '../src/app.ts';
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { MUNICIPALITIES, TOKYO_CODE } from '../src/modules/municipalities/index.ts';
import { currentTokyoMonth } from '../src/modules/notify/notify.commands.ts';
import { planMonthlyDigest } from '../src/modules/notify/planning/plan-monthly-digest.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { assertBenchDatabase, generateFamilies, importFullSizeRegistry } from './push-synthetic.ts';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 1_800_000);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 2);

async function main() {
  assertBenchDatabase(process.env.DATABASE_URL);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', DATABASE_POOL_MAX: String(PARALLEL + 4) });
  const services = await openServices(config, createLogger('silent'));
  try {
    await prepareDatabase(services, { migrate: true });
    await services.db.execute(sql`truncate notify_deliveries, notify_messages, notify_endpoints, notify_preferences,
      notify_line_channels, household_relationships, pregnancies, children, consents, residences, parents, households,
      registry_changes, registry_program_versions, registry_programs cascade`);
    let t0 = performance.now();
    const records = await importFullSizeRegistry(services);
    console.log(`registry: ${records} synthetic records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    await services.db.execute(sql`
      insert into notify_line_channels (municipality_code, channel_id, channel_secret, access_token)
      select code, 'bench-' || code, 'local-line-channel-secret', 'local-line-channel-access-token'
        from municipalities where code <> '130001'`);
    await generateFamilies(services, { children: CHILDREN, lineShare: 0.3, lineChannelPrefix: 'bench-' });
    console.log(`families: ${CHILDREN} children generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const month = currentTokyoMonth(new Date());
    const codes = MUNICIPALITIES.filter((m) => m.code !== TOKYO_CODE).map((m) => m.code);
    const before = loadavg()[0]!;
    t0 = performance.now();
    let next = 0;
    let messages = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < codes.length) {
          const code = codes[next++]!;
          const r = await planMonthlyDigest(services, { month, municipalityCode: code });
          messages += r.childMessages + r.pregnancyMessages;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const ledger = await services.db.execute<{ channel: string; n: number }>(
      sql`select channel, count(*)::int as n from notify_deliveries group by channel order by channel`,
    );
    console.log(
      `plan ${month}: ${CHILDREN} children in ${codes.length} municipalities → ${messages} messages ` +
        `(${ledger.rows.map((r) => `${r.channel} ${r.n}`).join(', ')}) in ${seconds.toFixed(1)} s = ` +
        `${Math.round(CHILDREN / seconds).toLocaleString('en')} children/s ` +
        `[shared machine, ${cpus().length} cores, load average ${before.toFixed(2)} before / ${loadavg()[0]!.toFixed(2)} after]`,
    );
    const again = performance.now();
    const replanned = await planMonthlyDigest(services, { month, municipalityCode: '131237' });
    console.log(
      `re-plan of one municipality: ${replanned.childMessages + replanned.pregnancyMessages} new messages (idempotent) in ${((performance.now() - again) / 1000).toFixed(1)} s`,
    );
  } finally {
    await closeServices(services, 2000);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
