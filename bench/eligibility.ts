/**
 * Clinic eligibility checks under load: 730,000 recipients (Tokyo's ~40% of children) linked to children, then
 * autocannon (200 connections × 30 s by default) on POST /api/v1/eligibility-checks against `tsunagu serve`.
 *
 * Every request carries its own valid consent token. Codes are single use, so the bench opens far more codes than
 * the run can consume (BENCH_TOKENS, default 400,000) directly in the database just before the run, each with the
 * real 5-minute expiry, and signs them with the server's key (same DATA_DIR, so the same secret). Each request takes
 * the next unused token, so every request is a genuine first use of a valid, unexpired code. A request that finds no
 * token left, or any non-200, counts as an error. The rate limiter is lifted for the run.
 *
 * The server runs as `WEB_CONCURRENCY` HTTP processes (BENCH_WEB_CONCURRENCY, default 2: one per core) with
 * BENCH_POOL connections each; its CPU is the primary's plus its workers'. BENCH_SERVER_NODE_OPTIONS passes
 * NODE_OPTIONS to the server (e.g. `--import=<a preload that starts the inspector's Profiler>`; Node refuses
 * --cpu-prof there). The output states the throughput the latency target implies by Little's law.
 *
 * A second run with BENCH_LOW_CONNECTIONS (default 20) for BENCH_LOW_SECONDS (default 10; 0 skips it) offers less load
 * than the server can take, so its latency is the time a check takes without queueing behind 199 others.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { consentCodes } from '../src/modules/health/clinic/clinic.tables.ts';
import { CONSENT_CODE_TTL_MS, newShortCode, signConsentToken } from '../src/modules/health/clinic/consent-token.ts';
import { consentKey } from '../src/modules/health/clinic/signing-key.ts';
import { seedDemoSchemes } from '../src/modules/health/use-cases/seed-demo-schemes.ts';
import { makeStaff } from '../src/modules/identity/index.ts';
import { totpCode } from '../src/modules/identity/staff/totp.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { freePort, startServer, stopServer } from './lib/server-process.ts';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 730_000);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 400_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
/** A second, shorter run below the server's capacity: how long one check takes when it does not queue. */
const LOW_CONNECTIONS = Number(process.env.BENCH_LOW_CONNECTIONS ?? 20);
const LOW_DURATION = Number(process.env.BENCH_LOW_SECONDS ?? 10);
/** The database pool of each HTTP process (DATABASE_POOL_MAX); 2 cores gain nothing from more backends than this. */
const POOL = process.env.BENCH_POOL ?? '8';
/** HTTP processes of the server (WEB_CONCURRENCY): one per core. */
const WEB = process.env.BENCH_WEB_CONCURRENCY ?? '2';
const HACHIOJI = '132012';
const INSTITUTION = '1310000017';

/**
 * CPU seconds (user + system) of a process and of its children, from /proc: on a machine shared with other work,
 * CPU spent per check is the figure that does not depend on how busy the neighbours are.
 */
async function cpuSeconds(pid: number): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
/** CPU seconds of each child process (the PostgreSQL backends of the embedded cluster), by pid. */
async function childrenCpu(parent: number): Promise<Map<string, number>> {
  const byPid = new Map<string, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = (await readFile(`/proc/${entry}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      if (Number(fields[1]) === parent) byPid.set(entry, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}
/** CPU the children spent since `before` (a backend that started meanwhile counts from zero). */
async function childrenCpuSince(parent: number, before: Map<string, number>): Promise<number> {
  let total = 0;
  for (const [pid, seconds] of await childrenCpu(parent)) total += seconds - (before.get(pid) ?? 0);
  return total;
}

const dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-bench-eligibility-'));
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'warn',
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: String(await freePort()),
});
const services = await openServices(config, createLogger('warn'));
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  await prepareDatabase(services, { migrate: true });
  await seedDemoSchemes(services);
  const t0 = performance.now();
  // Recipients (half マル乳, half マル子, all valid this fiscal year) and the links from children to them, in SQL.
  await services.db.execute(sql`
    with schemes as (select array_agg(id order by insurer_number) as ids from health_subsidy_schemes
                     where municipality_code = ${HACHIOJI})
    insert into health_subsidy_recipients
      (municipality_code, scheme_id, recipient_number, resident_number, name, name_kana, birth_date, sex, address,
       certification_name, certificate_type_id, valid_from, valid_to, import_id)
    select ${HACHIOJI}, (select ids[1 + i % 2] from schemes), lpad(i::text, 7, '0'), 'B' || i, 'ベンチ ' || i,
           'ベンチ', date '2020-04-02' + (i % 2000), '1', '東京都八王子市', '医療証', 'BENCH',
           date '2026-04-01', date '2027-03-31', ${randomUUID()}::uuid
    from generate_series(1, ${RECIPIENTS}) as i`);
  await services.db.execute(sql`
    insert into health_child_links (child_id, municipality_code, resident_number, linked_by)
    select gen_random_uuid(), ${HACHIOJI}, 'B' || i, 'bench' from generate_series(1, ${RECIPIENTS}) as i`);
  await services.db.execute(sql`analyze health_subsidy_recipients; analyze health_child_links`);
  console.log(`seeded ${RECIPIENTS} recipients and links in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const clinic = await makeStaff(services, {
    municipalityCode: HACHIOJI,
    roles: [],
    kind: 'clinic',
    institutionCode: INSTITUTION,
  });

  server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: services.database.url,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    DATABASE_POOL_MAX: POOL,
    WEB_CONCURRENCY: WEB,
    LOG_LEVEL: 'warn',
    // e.g. BENCH_SERVER_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server.
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
  });

  // Sign the clinic in over HTTP, as reception would.
  const step1 = await fetch(`${server.url}/api/v1/staff/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: clinic.email, password: clinic.password }),
  });
  const pending = step1.headers.getSetCookie()[0]!.split(';')[0]!;
  const step2 = await fetch(`${server.url}/api/v1/staff/sign-in/totp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: pending },
    body: JSON.stringify({ code: totpCode(clinic.totpSecret, new Date()) }),
  });
  if (step2.status !== 200) throw new Error(`clinic sign-in failed: ${await step2.text()}`);
  const cookie = step2.headers.getSetCookie()[0]!.split(';')[0]!;

  // Open the codes for random linked children just before the run.
  const key = await consentKey(services);
  const children = (await services.db.execute(
    sql`select child_id from health_child_links order by random() limit ${TOKENS}`,
  )) as unknown as { rows: { child_id: string }[] };
  const rows = children.rows;
  const expiresAt = new Date(Date.now() + CONSENT_CODE_TTL_MS);
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i += 5000) {
    const batch = Array.from({ length: Math.min(5000, TOKENS - i) }, (_, k) => rows[(i + k) % rows.length]!).map(
      (r) => {
        const id = randomUUID();
        tokens.push(signConsentToken(key, { id, purpose: 'eligibility', exp: expiresAt.getTime() }));
        return {
          id,
          shortCode: newShortCode(),
          childId: r.child_id,
          householdId: randomUUID(),
          municipalityCode: HACHIOJI,
          purpose: 'eligibility',
          child: { name: 'ベンチ', nameKana: 'ベンチ', birthDate: '2022-01-01', sex: 'male' },
          expiresAt,
          createdBy: 'bench',
        };
      },
    );
    await services.db.insert(consentCodes).values(batch);
  }
  const visitDate = '2026-11-21';
  const postmaster = Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const serverPid = server.child.pid!;
  let next = 0;
  let exhausted = 0;
  const run = (duration: number, connections = CONNECTIONS) =>
    autocannon({
      url: server!.url,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/eligibility-checks',
          headers: { 'content-type': 'application/json', cookie },
          setupRequest: (request) => {
            const token = tokens[next++];
            if (!token) exhausted++;
            return {
              ...request,
              body: JSON.stringify({ consentToken: token ?? 'exhausted', visitDate, institutionCode: INSTITUTION }),
            };
          },
        },
      ],
    });
  // Warm-up (JIT, pool connections, prepared statements), not counted.
  await run(3);
  // The server is the primary and its HTTP workers (node:cluster children).
  const [serverCpu0, workersCpu0, pgCpu0] = [
    await cpuSeconds(serverPid),
    await childrenCpu(serverPid),
    await childrenCpu(postmaster),
  ];
  const result = await run(DURATION);
  const errors = result.errors + result.non2xx;
  const serverCpuMs =
    ((await cpuSeconds(serverPid)) - serverCpu0 + (await childrenCpuSince(serverPid, workersCpu0))) * 1000;
  const pgCpuMs = (await childrenCpuSince(postmaster, pgCpu0)) * 1000;
  const checks = Math.max(1, result.requests.total);
  console.log(
    `eligibility: ${RECIPIENTS} recipients, ${CONNECTIONS} connections × ${DURATION} s: ` +
      `${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `${result.requests.total} checks, errors ${errors} (timeouts ${result.timeouts}, non-2xx ${result.non2xx}; tokens left unused: ${Math.max(0, TOKENS - next)}, ` +
      `ran out: ${exhausted}), ${WEB} HTTP processes × pool ${POOL} — targets p99 ≤ 20 ms, ≥ 2,000 req/s ` +
      `(Little's law: ${CONNECTIONS} connections each waiting ≤ 20 ms need ≥ ${Math.round(CONNECTIONS / 0.02).toLocaleString('en')} req/s); ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (shared machine)`,
  );
  console.log(
    `CPU per check: server ${(serverCpuMs / checks).toFixed(2)} ms, PostgreSQL ${(pgCpuMs / checks).toFixed(2)} ms ` +
      `(so 2 idle cores could serve about ${Math.round(2000 / (serverCpuMs / checks + pgCpuMs / checks))} checks/s ` +
      'before counting the load generator)',
  );
  const low = LOW_DURATION > 0 ? await run(LOW_DURATION, LOW_CONNECTIONS) : undefined;
  if (low) {
    console.log(
      `below capacity: ${LOW_CONNECTIONS} connections × ${LOW_DURATION} s: ${Math.round(low.requests.average)} req/s, ` +
        `p50 ${low.latency.p50} ms, p99 ${low.latency.p99} ms, errors ${low.errors + low.non2xx}`,
    );
  }
  if (errors > 0 || (low && low.errors + low.non2xx > 0)) process.exitCode = 1;
} finally {
  if (server) await stopServer(server.child);
  await closeServices(services, 5000);
  await rm(dataDir, { recursive: true, force: true });
}
