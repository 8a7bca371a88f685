/**
 * Round trips of one parent's application: counts `pg.Client#query` calls (every statement the app sends, begin and
 * commit included) for one fresh `applyForHousehold` (what POST /benefits/apply runs: household read, claims list,
 * card signature, one transaction) and for its replay, on a household with one newborn (two claims, two events).
 * Uses DATABASE_URL (a database of your own: it migrates it). Prints the counts and each statement's first words.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
const services = await openServices(
  loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
  createLogger('warn'),
);
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
  await DemoCa.open(dataDir, new Date());
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
} finally {
  await closeServices(services, 2000);
  await rm(dataDir, { recursive: true, force: true });
}
