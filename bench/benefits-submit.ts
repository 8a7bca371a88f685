/**
 * Benefit submissions per second — measured on the submitApplication USE CASE against the real database, not
 * through HTTP: the parent-facing submit route needs card sign-in from the identity module, which is not merged
 * yet, and a staff or system route standing in for it would measure something else. Each submission is one newborn
 * (018サポート + 赤ちゃんファースト: two claims, history, audit and outbox rows in one transaction).
 *
 * Phase 1: BENCH_SECONDS of sustained submissions with BENCH_CONCURRENCY in flight; one submission in ten is sent
 *          again (same idempotency key) and one in ten again for the same child with a new key. Then counts: every
 *          acknowledged submission present once, no claim twice.
 * Phase 2: a separate process submits, is killed with SIGKILL mid-run; every submission it acknowledged must be in
 *          the database exactly once, and retrying them opens nothing.
 * Uses DATABASE_URL when set, else embedded PostgreSQL in a temporary data dir. Prints figures; asserts counts only.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { submitApplication } from '../src/modules/benefits/use-cases/submit-application.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { newbornApplication } from './lib/benefits-submission.ts';
import { freePort } from './lib/server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const KILL_AFTER_MS = Number(process.env.BENCH_KILL_AFTER_MS ?? 4000);

const dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-bench-benefits-'));
const env = {
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: String(await freePort()),
  DATABASE_POOL_MAX: String(CONCURRENCY),
  LOG_LEVEL: 'warn',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
};
const log = createLogger('warn');
const services = await openServices(loadConfig({ ...process.env, ...env }), log);
let failed = false;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed = true;
};
const count = async (query: ReturnType<typeof sql>) =>
  Number(((await services.db.execute(query)).rows[0] as { n: number | string }).n);

try {
  await prepareDatabase(services, { migrate: true });
  await services.db.execute(sql`truncate benefit_claim_history, benefit_claims, benefit_applications cascade`);

  // Phase 1: sustained submissions.
  const acked = new Map<string, string>(); // idempotency key → child id
  const latencies: number[] = [];
  let duplicatesSent = 0;
  let n = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const i = n++;
        const { parentId, application } = newbornApplication(i);
        const t0 = performance.now();
        await submitApplication(services, { parentId, application });
        latencies.push(performance.now() - t0);
        acked.set(application.idempotencyKey, application.children[0]!.childId);
        if (i % 10 === 3) {
          duplicatesSent++;
          const again = await submitApplication(services, { parentId, application });
          if (!again.replayed) throw new Error('a retry was not answered from the first submission');
        } else if (i % 10 === 7) {
          duplicatesSent++;
          const other = await submitApplication(services, {
            parentId,
            application: { ...application, idempotencyKey: crypto.randomUUID() },
          });
          if (other.claims.some((c) => c.opened)) throw new Error('a second application opened a claim again');
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerSubmission = (cpu.user + cpu.system) / 1000 / (acked.size + duplicatesSent);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1);
  const rate = acked.size / elapsed;
  console.log(
    `phase 1: ${acked.size} submissions acknowledged in ${elapsed.toFixed(1)} s = ${rate.toFixed(0)}/s ` +
      `(${(acked.size * 2) / elapsed > 0 ? ((acked.size * 2) / elapsed).toFixed(0) : 0} claims/s), ${CONCURRENCY} in flight, ` +
      `p50 ${pct(0.5)} ms p99 ${pct(0.99)} ms; plus ${duplicatesSent} duplicate submissions; ` +
      `bench process CPU ${cpuMsPerSubmission.toFixed(2)} ms per submission; load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const keys = [...acked.keys()];
  const storedApps = await count(
    sql`select count(*) n from benefit_applications where idempotency_key = any(${sql.param(keys)}::text[])`,
  );
  const storedClaims = await count(
    sql`select count(*) n from benefit_claims where child_id = any(${sql.param([...acked.values()])}::text[])`,
  );
  const dupClaims = await count(
    sql`select count(*) n from (select 1 from benefit_claims group by child_id, benefit_code, fiscal_year having count(*) > 1) d`,
  );
  check(storedApps === acked.size, `phase 1: ${storedApps}/${acked.size} acknowledged submissions stored (0 lost)`);
  check(storedClaims === acked.size * 2, `phase 1: ${storedClaims} claims for ${acked.size} newborns (2 each)`);
  check(dupClaims === 0, `phase 1: ${dupClaims} duplicated claims`);

  // Phase 2: kill -9 mid-run.
  const worker = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./benefits-submit-worker.ts', import.meta.url).pathname],
    {
      env: { ...process.env, ...env, DATABASE_URL: services.database.url, BENCH_CONCURRENCY: String(CONCURRENCY) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const killedAcks = new Map<string, string>();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const lines = createInterface({ input: worker.stdout! });
  let killTimer: NodeJS.Timeout | undefined;
  lines.on('line', (line) => {
    if (line === 'ready') killTimer = setTimeout(() => worker.kill('SIGKILL'), KILL_AFTER_MS);
    const [tag, key, child] = line.split(' ');
    if (tag === 'ack' && key && child) killedAcks.set(key, child);
  });
  await exited;
  clearTimeout(killTimer);
  const killedKeys = [...killedAcks.keys()];
  const present = await count(
    sql`select count(*) n from benefit_applications where idempotency_key = any(${sql.param(killedKeys)}::text[])`,
  );
  const presentClaims = await count(
    sql`select count(*) n from benefit_claims where child_id = any(${sql.param([...killedAcks.values()])}::text[])`,
  );
  console.log(`phase 2: worker killed with SIGKILL after ${KILL_AFTER_MS} ms having acknowledged ${killedAcks.size}`);
  // A worker that acknowledged nothing (crashed on its own) would make the checks below pass without testing anything.
  check(killedAcks.size > 0, `phase 2: the worker acknowledged submissions before the kill (${killedAcks.size})`);
  check(
    present === killedAcks.size,
    `phase 2: ${present}/${killedAcks.size} acknowledged submissions present (0 lost)`,
  );
  check(presentClaims === killedAcks.size * 2, `phase 2: ${presentClaims} claims for them (2 each, 0 duplicated)`);
  check(
    (await count(
      sql`select count(*) n from (select 1 from benefit_claims group by child_id, benefit_code, fiscal_year having count(*) > 1) d`,
    )) === 0,
    'phase 2: no claim twice after the crash',
  );
  console.log(
    `benefits-submit (use case, not HTTP): ${rate.toFixed(0)} submissions/s sustained over ${SECONDS} s, ` +
      `0 lost / 0 duplicated: ${failed ? 'NO' : 'yes'}`,
  );
} finally {
  await closeServices(services, 2000);
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
