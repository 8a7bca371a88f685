/**
 * Benefit submissions per second THROUGH THE PARENT'S HTTP ROUTE, as signed-in parents: `tsunagu serve` runs as a
 * separate process; each parent has a household with a newborn (identity's use cases) and a session cookie; the
 * parent's card signing certificate is issued before the run, as a real card carries it (not timed); the
 * bench loads /benefits once per parent (CSRF token, idempotency key, selection — not timed), then times
 * POST /benefits/apply: household read, rules, card signature by the demo CA, signature verification (chain, CRL),
 * and one transaction opening 018サポート + 赤ちゃんファースト.
 *
 * Phase 1: BENCH_SECONDS of sustained submissions with BENCH_CONCURRENCY in flight; one in ten is sent again
 *          (a double tap) and must be answered as a replay. Then: every acknowledged submission present once.
 * Phase 2: the server is killed with SIGKILL mid-run, restarted, and every acknowledged submission must be present
 *          exactly once; retrying every submission (acknowledged or cut off) opens nothing twice.
 *
 * BENCH_WORKERS (default 2, the machine's cores): the server is `tsunagu serve` with WEB_CONCURRENCY=BENCH_WORKERS
 * (a primary running the job worker, that many HTTP processes on one port); SIGKILL then goes to the whole process
 * group at once, as a machine crash would. BENCH_WORKERS=1 runs a single `tsunagu serve`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { loadConfig } from '../src/config.ts';
import { makeParent, parentCookie, registerChild } from '../src/modules/identity/index.ts';
import { DemoCa } from '../src/modules/identity/signatures/demo-ca.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { freePort, startServer, stopServer } from './lib/server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PARENTS = Number(process.env.BENCH_PARENTS ?? 5000);
const KILLED_PARENTS = Number(process.env.BENCH_KILL_PARENTS ?? 800);
const KILL_AFTER_MS = Number(process.env.BENCH_KILL_AFTER_MS ?? 3000);
// BENCH_CPU_PROFILE_DIR: the server runs phase 1 under `node --cpu-prof` and is stopped gracefully after it (so the
// profile is written); phase 2 is skipped.
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? 2));
const MUNICIPALITIES = ['131016', '131041', '131130', '131199', '131121', '132012'];

const dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-bench-benefits-http-'));
const port = await freePort();
const sessionSecret = randomBytes(32).toString('base64url');
const env = {
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: String(await freePort()),
  // Up to two connections per request (household read and claims list at once), spread over the workers.
  DATABASE_POOL_MAX: String(Math.ceil(CONCURRENCY / WORKERS) + 4),
  PORT: String(port),
  BASE_URL: `http://127.0.0.1:${port}`,
  SESSION_SECRET: sessionSecret,
  // Every simulated parent comes from 127.0.0.1: the per-address limit (600/min) would measure itself.
  RATE_LIMIT_PER_MINUTE: '1000000',
  LOG_LEVEL: 'warn',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
};
const services = await openServices(loadConfig({ ...process.env, ...env }), createLogger('warn'));
let failed = false;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed = true;
};
const count = async (query: ReturnType<typeof sql>) =>
  Number(((await services.db.execute(query)).rows[0] as { n: number | string }).n);
const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';

interface Applicant {
  cookies: Map<string, string>;
  form: URLSearchParams;
  key: string;
  childId: string;
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

/** CPU seconds (user + system) each process has used so far, from /proc (a process gone meanwhile is left out):
 * a figure the other loads on the shared machine disturb much less than wall-clock throughput. */
async function cpuByPid(pids: readonly (number | undefined)[]): Promise<Map<number | undefined, number>> {
  const out = new Map<number | undefined, number>();
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    const fields = stat.split(') ')[1]!.split(' ');
    out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
  }
  return out;
}

/**
 * CPU milliseconds used since `before` by `pids` (default: the same processes); one started since counts whole,
 * one gone since is left out.
 */
async function cpuMsSince(
  before: Map<number | undefined, number>,
  pids: readonly (number | undefined)[] = [...before.keys()],
): Promise<number> {
  let ms = 0;
  for (const [pid, seconds] of await cpuByPid(pids)) ms += (seconds - (before.get(pid) ?? 0)) * 1000;
  return ms;
}

/** The PostgreSQL server's processes (the postmaster and every backend and helper it started), from /proc. */
async function postgresPids(): Promise<number[]> {
  const backend = await services.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
  const parentOf = async (pid: number) =>
    Number((await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ')[1]);
  const postmaster = await parentOf(backend.rows[0]!.pid);
  const pids = [postmaster];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (
      await parentOf(Number(entry)).then(
        (ppid) => ppid === postmaster,
        () => false,
      )
    )
      pids.push(Number(entry));
  }
  return pids;
}

const cookieHeader = (a: Applicant) => [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
function keepCookie(a: Applicant, setCookie: string) {
  const [pair] = setCookie.split(';');
  const eq = pair!.indexOf('=');
  a.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
}
function keepCookies(a: Applicant, res: Response) {
  for (const c of res.headers.getSetCookie()) keepCookie(a, c);
}

/** Parents with a newborn and a session, as after card sign-in; each loads the apply page once. */
async function makeApplicants(url: string, n: number, offset: number): Promise<Applicant[]> {
  const signer = Fastify();
  await signer.register(fastifyCookie, { secret: sessionSecret });
  const today = Temporal.Now.plainDateISO('Asia/Tokyo').toString();
  const out: Applicant[] = [];
  await pool(
    Array.from({ length: n }, (_, i) => i + offset),
    8,
    async (i) => {
      const { parent, actor } = await makeParent(services, {
        municipalityCode: MUNICIPALITIES[i % MUNICIPALITIES.length]!,
        name: `ベンチ 親${i}`,
      });
      // The parent's card already holds its signing key and certificate (issued with the card, long before any
      // application); the demo card authority keeps them in the data dir it shares with the server.
      await demoCa.signerFor(parent.id, `CN=ベンチ 親${i}`, new Date());
      const child = await registerChild(
        { services, actor },
        { name: `ベンチ 子${i}`, nameKana: 'べんち こ', birthDate: today, sex: 'female', relationship: 'mother' },
      );
      const a: Applicant = {
        cookies: new Map(Object.entries(await parentCookie(signer, services, parent))),
        form: new URLSearchParams(),
        key: '',
        childId: child.id,
      };
      const page = await fetch(`${url}/benefits`, { headers: { cookie: cookieHeader(a) } });
      keepCookies(a, page);
      const html = await page.text();
      a.key = field(html, 'idempotencyKey');
      a.form = new URLSearchParams({
        _csrf: field(html, '_csrf'),
        idempotencyKey: a.key,
        selection: field(html, 'selection'),
        source: 'manual',
        bankCode: '0009',
        branchCode: '123',
        accountType: '1',
        accountNumber: String(1000000 + i),
        holderKana: 'ベンチ ハナコ',
      });
      if (!a.key || !a.form.get('selection')) {
        throw new Error(`apply page for parent ${i} offered nothing: ${page.status} ${html.slice(0, 300)}`);
      }
      out.push(a);
    },
  );
  await signer.close();
  return out;
}

/**
 * The load generator's HTTP client: node:http with kept-alive connections, one per submission in flight. fetch
 * (undici) cost about 1.7 ms of CPU per request on this machine, on the same two cores as the server it measures.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string, a: Applicant, body: string): Promise<{ status: number; location: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/benefits/apply`,
      {
        method: 'POST',
        agent,
        headers: {
          cookie: cookieHeader(a),
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        for (const c of res.headers['set-cookie'] ?? []) keepCookie(a, c);
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? '' }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/** One POST /benefits/apply; the answer tells whether this submission opened the claims or replayed the first. */
async function submit(url: string, a: Applicant): Promise<'applied' | 'replayed' | `error ${number}`> {
  const { status, location } = await post(url, a, a.form.toString());
  if (status === 303 && location.endsWith('done=applied')) return 'applied';
  if (status === 303 && location.endsWith('done=replayed')) return 'replayed';
  return `error ${status}`;
}

const stored = async (applicants: Applicant[]) => ({
  apps: await count(
    sql`select count(*) n from benefit_applications where idempotency_key = any(${sql.param(applicants.map((a) => a.key))}::text[])`,
  ),
  claims: await count(
    sql`select count(*) n from benefit_claims where child_id = any(${sql.param(applicants.map((a) => a.childId))}::text[])`,
  ),
  duplicated: await count(
    sql`select count(*) n from (select 1 from benefit_claims group by child_id, benefit_code, fiscal_year having count(*) > 1) d`,
  ),
});

/** `tsunagu serve` under `node --cpu-prof` (the flag is not allowed in NODE_OPTIONS), ready when /readyz answers. */
async function startProfiledServer(serverEnv: Record<string, string>, dir: string) {
  const bin = new URL('../bin/tsunagu.js', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, bin, 'serve'], {
    env: { ...process.env, ...serverEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${serverEnv.PORT}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      return { child, readyMs: 0, url };
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface BenchServer {
  child: ChildProcess;
  url: string;
  /** The processes that serve requests (their CPU time is the server's). */
  pids: (number | undefined)[];
  /** SIGKILL to every server process at once. */
  kill9(): void;
}

/** The processes `pid` started (direct children), from /proc. */
async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (stat && Number(stat.split(') ')[1]!.split(' ')[1]) === pid) out.push(Number(entry));
  }
  return out;
}

/**
 * `tsunagu serve` as deployed on a machine with BENCH_WORKERS cores: WEB_CONCURRENCY=BENCH_WORKERS, so a primary
 * runs the job worker (the deliveries of the claims' events) and forks that many HTTP processes (node:cluster). In
 * its own process group, so SIGKILL takes every process at once, as a machine crash would. The server's CPU is the
 * primary's and its workers'.
 */
async function startClusterServer(serverEnv: Record<string, string>): Promise<BenchServer> {
  const bin = new URL('../bin/tsunagu.js', import.meta.url).pathname;
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, bin, 'serve', '--no-migrate'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...serverEnv, WEB_CONCURRENCY: String(WORKERS) },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${serverEnv.PORT}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    const pids = ready ? await childrenOf(child.pid!) : [];
    if (pids.length >= WORKERS) {
      return {
        child,
        url,
        pids: [child.pid, ...pids],
        kill9: () => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startBenchServer(serverEnv: Record<string, string>): Promise<BenchServer> {
  if (WORKERS > 1) return startClusterServer(serverEnv);
  const { child, url } = PROFILE_DIR ? await startProfiledServer(serverEnv, PROFILE_DIR) : await startServer(serverEnv);
  return { child, url, pids: [child.pid], kill9: () => child.kill('SIGKILL') };
}

let demoCa: DemoCa;
let server: BenchServer | undefined;
try {
  await prepareDatabase(services, { migrate: true });
  const serverEnv = { ...env, DATABASE_URL: services.database.url };
  // The demo CA is created here, before the server starts, so both processes use the same root.
  demoCa = await DemoCa.open(dataDir, new Date());
  server = await startBenchServer(serverEnv);
  const url = server.url;
  const setupStart = performance.now();
  const applicants = await makeApplicants(url, PARENTS, 0);
  console.log(
    `setup: ${applicants.length} signed-in parents with a newborn in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
  );

  // Phase 1: sustained.
  const acked: Applicant[] = [];
  const latencies: number[] = [];
  const errors: string[] = [];
  let replaysOk = 0;
  let replaysSent = 0;
  let next = 0;
  // The job worker delivers the claims' events (notify) while the submissions run: its CPU is in the figures.
  const deliveries = (state: 'completed' | 'created') =>
    count(sql`select count(*) n from pgboss.job where name = 'platform.deliver-event' and state = ${state}`);
  const deliveredBefore = await deliveries('completed');
  const cpuBefore = await cpuByPid(server.pids);
  // The pools open backends as the load needs them: those started during the run are counted from their start.
  const pgCpuBefore = await cpuByPid(await postgresPids());
  // The bench client shares the machine's cores with the server: its own CPU per request is printed beside.
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline && next < applicants.length) {
        const a = applicants[next++]!;
        const t0 = performance.now();
        const outcome = await submit(url, a);
        latencies.push(performance.now() - t0);
        if (outcome !== 'applied') {
          errors.push(outcome);
          continue;
        }
        acked.push(a);
        if (acked.length % 10 === 0) {
          replaysSent++;
          if ((await submit(url, a)) === 'replayed') replaysOk++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverCpuMs = await cpuMsSince(cpuBefore);
  const pgCpuMs = await cpuMsSince(pgCpuBefore, await postgresPids());
  const delivered = (await deliveries('completed')) - deliveredBefore;
  const waiting = await deliveries('created');
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
  latencies.sort((x, y) => x - y);
  const rate = acked.length / elapsed;
  console.log(
    `phase 1: ${acked.length} submissions in ${elapsed.toFixed(1)} s = ${rate.toFixed(0)}/s through HTTP, ${WORKERS} server process(es) ` +
      `(${(rate * 2).toFixed(0)} claims/s; p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms, ` +
      `p99 ${latencies[Math.floor(latencies.length * 0.99)]?.toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(1)}; ` +
      `server CPU ${(serverCpuMs / (acked.length + replaysSent)).toFixed(1)} ms per request, ` +
      `PostgreSQL CPU ${(pgCpuMs / (acked.length + replaysSent)).toFixed(1)} ms per request, ` +
      `bench client CPU ${(clientCpuMs / (acked.length + replaysSent)).toFixed(1)} ms per request, shared machine)`,
  );
  console.log(`phase 1: event deliveries by the job worker: ${delivered} completed during the run, ${waiting} waiting`);
  if (next >= applicants.length)
    console.log('phase 1: ran out of prepared parents before the time was up (raise BENCH_PARENTS)');
  check(errors.length === 0, `phase 1: ${errors.length} failed submissions ${[...new Set(errors)].join(', ')}`);
  check(replaysOk === replaysSent, `phase 1: ${replaysOk}/${replaysSent} double taps answered as replays`);
  const s1 = await stored(acked);
  check(s1.apps === acked.length, `phase 1: ${s1.apps}/${acked.length} acknowledged submissions stored (0 lost)`);
  check(s1.claims === acked.length * 2, `phase 1: ${s1.claims} claims for ${acked.length} newborns (2 each)`);
  check(s1.duplicated === 0, `phase 1: ${s1.duplicated} duplicated claims`);

  if (PROFILE_DIR) {
    await stopServer(server.child);
    console.log(`cpu profile of the server written to ${PROFILE_DIR}; phase 2 skipped`);
    process.exit(failed ? 1 : 0);
  }

  // Phase 2: kill -9 the server mid-run.
  const victims = await makeApplicants(url, KILLED_PARENTS, PARENTS);
  const killedAcks: Applicant[] = [];
  let sent = 0;
  const child = server.child;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const victim = server;
  const timer = setTimeout(() => victim.kill9(), KILL_AFTER_MS);
  let i2 = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (i2 < victims.length && child.exitCode === null && child.signalCode === null) {
        const a = victims[i2++]!;
        sent++;
        try {
          if ((await submit(url, a)) === 'applied') killedAcks.push(a);
        } catch {
          // connection cut by the kill: not acknowledged
        }
      }
    }),
  );
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) victim.kill9();
  await exited;
  console.log(
    `phase 2: server killed with SIGKILL after ${KILL_AFTER_MS} ms; ${sent} sent, ${killedAcks.length} acknowledged`,
  );
  server = await startBenchServer(serverEnv);
  const s2 = await stored(killedAcks);
  check(
    s2.apps === killedAcks.length,
    `phase 2: ${s2.apps}/${killedAcks.length} acknowledged submissions present (0 lost)`,
  );
  check(s2.claims === killedAcks.length * 2, `phase 2: ${s2.claims} claims for them (2 each, 0 duplicated)`);
  // Every parent whose submission was sent taps again after the restart: acknowledged ones are replays.
  const retried = victims.slice(0, sent);
  const outcomes = new Map<Applicant, string>();
  await pool(retried, CONCURRENCY, async (a) => {
    outcomes.set(a, await submit(server!.url, a));
  });
  check(
    killedAcks.every((a) => outcomes.get(a) === 'replayed'),
    'phase 2: every acknowledged submission retried after the restart is answered as a replay',
  );
  const s3 = await stored(retried);
  check(s3.duplicated === 0, `phase 2: ${s3.duplicated} duplicated claims after the retries`);
  check(s3.apps <= retried.length, `phase 2: ${s3.apps} applications for ${retried.length} parents (at most one each)`);
  console.log(
    `benefits-submit-http: ${rate.toFixed(0)} submissions/s through POST /benefits/apply with card signature, ` +
      `0 lost / 0 duplicated: ${failed ? 'NO' : 'yes'}`,
  );
} finally {
  if (server && server.child.exitCode === null) server.kill9();
  await closeServices(services, 2000);
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
