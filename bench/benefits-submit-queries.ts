/**
 * Round trips of one parent's application: counts `pg.Client#query` calls (every statement the app sends, begin and
 * commit included) for one fresh `applyForHousehold` (what POST /benefits/apply runs: household read, claims list,
 * card signature, one transaction) and for its replay, on a household with one newborn (two claims, two events).
 * Uses DATABASE_URL (a database of your own: it migrates it). Prints the counts and each statement's first words.
 *
 * Then the CPU of BENCH_CPU_APPLICATIONS (default 200) fresh applications made one after another (each parent, child
 * and card certificate made before, not timed): this process's (Node: rules, signing, verification, query building,
 * pg) and the PostgreSQL backends' (from /proc, found by the pool's application_name), per application. One at a
 * time, so the figures are CPU, not contention; the database must run on this machine.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { loadConfig } from '../src/config.ts';
import { CLAIMABLE_BENEFITS } from '../src/modules/benefits/rules/evaluation.ts';
import { applyForHousehold } from '../src/modules/benefits/use-cases/apply-for-household.ts';
import { makeParent, registerChild, SignatureService } from '../src/modules/identity/index.ts';
import { DemoCa } from '../src/modules/identity/signatures/demo-ca.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-bench-benefits-queries-'));
const APPLICATION_NAME = `tsunagu-bench-queries-${process.pid}`;
const databaseUrl = process.env.DATABASE_URL
  ? `${process.env.DATABASE_URL}${process.env.DATABASE_URL.includes('?') ? '&' : '?'}application_name=${APPLICATION_NAME}`
  : undefined;
const services = await openServices(
  loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  }),
  createLogger('warn'),
);
const CPU_APPLICATIONS = Number(process.env.BENCH_CPU_APPLICATIONS ?? 200);
const statements: string[] = [];
let counting = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) {
    const first = args[0] as string | { text: string };
    const text = typeof first === 'string' ? first : first.text;
    statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 70));
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

async function counted(what: string, fn: () => Promise<unknown>) {
  statements.length = 0;
  counting = true;
  try {
    await fn();
  } finally {
    counting = false;
  }
  console.log(`${what}: ${statements.length} queries`);
  for (const s of statements) console.log(`  ${s}`);
}

try {
  await prepareDatabase(services, { migrate: true });
  const demoCa = await DemoCa.open(dataDir, new Date());
  const signatures = new SignatureService(services.config, services.now);
  const { parent, actor } = await makeParent(services, { municipalityCode: '131199', name: 'クエリ 親' });
  const child = await registerChild(
    { services, actor },
    {
      name: 'クエリ 子',
      nameKana: 'くえり こ',
      birthDate: Temporal.Now.plainDateISO('Asia/Tokyo').toString(),
      sex: 'female',
      relationship: 'mother',
    },
  );
  const input = {
    idempotencyKey: `queries-${parent.id}`,
    // What the apply page sends back (every benefit offered), so the second tap asks for the same and is a replay.
    selection: CLAIMABLE_BENEFITS.map((code) => `${child.id}:${code}`),
    bankAccount: {
      source: 'manual' as const,
      bankCode: '0009',
      branchCode: '123',
      accountType: '1' as const,
      accountNumber: '1234567',
      holderKana: 'クエリ ハナコ',
    },
  };
  const ctx = { services, actor, requestId: 'bench-queries' };
  await counted('fresh application', () => applyForHousehold(ctx, signatures, input));
  await counted('replay (same idempotency key)', () => applyForHousehold(ctx, signatures, input));

  if (CPU_APPLICATIONS > 0 && databaseUrl) {
    const households = [];
    for (let i = 0; i < CPU_APPLICATIONS; i++) {
      const made = await makeParent(services, { municipalityCode: '131199', name: `クエリ 親${i}` });
      const kid = await registerChild(
        { services, actor: made.actor },
        {
          name: `クエリ 子${i}`,
          nameKana: 'くえり こ',
          birthDate: child.birthDate,
          sex: 'female',
          relationship: 'mother',
        },
      );
      // The card's certificate exists before the application, as on a real card (bench/benefits-submit-http.ts).
      await demoCa.signerFor(made.parent.id, `CN=クエリ 親${i}`, new Date());
      households.push({ actor: made.actor, parentId: made.parent.id, childId: kid.id });
    }
    /** CPU seconds (user + system) of the PostgreSQL backends serving this process's pool. */
    const backendCpu = async () => {
      const pids = await services.db.execute<{ pid: number }>(
        sql`select pid from pg_stat_activity where application_name = ${APPLICATION_NAME}`,
      );
      let total = 0;
      for (const { pid } of pids.rows) {
        const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
        total += (Number(fields[11]) + Number(fields[12])) / 100;
      }
      return total;
    };
    const pgBefore = await backendCpu();
    const nodeBefore = process.cpuUsage();
    const started = performance.now();
    for (const h of households) {
      await applyForHousehold({ services, actor: h.actor, requestId: 'bench-queries' }, signatures, {
        ...input,
        idempotencyKey: `queries-${h.parentId}`,
        selection: CLAIMABLE_BENEFITS.map((code) => `${h.childId}:${code}`),
      });
    }
    const wallMs = performance.now() - started;
    const node = process.cpuUsage(nodeBefore);
    const pgMs = ((await backendCpu()) - pgBefore) * 1000;
    const per = (ms: number) => (ms / CPU_APPLICATIONS).toFixed(2);
    console.log(
      `CPU per fresh application (${CPU_APPLICATIONS} in a row, load average ${loadavg()[0]!.toFixed(1)}): ` +
        `Node ${per((node.user + node.system) / 1000)} ms, PostgreSQL ${per(pgMs)} ms, wall ${per(wallMs)} ms`,
    );
  }
} finally {
  await closeServices(services, 2000);
  await rm(dataDir, { recursive: true, force: true });
}
