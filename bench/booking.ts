/**
 * Visit-booking concurrency: ROUNDS times, 200 families try to book the same 10-seat tour at once (through the
 * bookVisit use case on a real PostgreSQL — embedded unless DATABASE_URL is set); prints how many succeeded (must be
 * exactly 10) and attempts handled per second. Sign-in is not in front of it yet: when the identity module lands,
 * the same use case sits behind the authenticated route and this bench gains an HTTP variant.
 * Never asserts wall-clock time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { makeTestNursery } from '../src/modules/hokatsu/hokatsu.factories.ts';
import { bookVisit } from '../src/modules/hokatsu/use-cases/book-visit.ts';
import { publishVisitSlots } from '../src/modules/hokatsu/use-cases/publish-visit-slots.ts';
import { AppError } from '../src/platform/http/app-error.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { freePort } from './lib/server-process.ts';

const ATTEMPTS = 200;
const SEATS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const scope = { municipalityCode: '132012' };

const dataDir = process.env.DATABASE_URL ? null : await mkdtemp(join(tmpdir(), 'tsunagu-bench-booking-'));
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'warn',
  DATABASE_POOL_MAX: '40',
  ...(dataDir ? { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) } : {}),
});
const services = await openServices(config, createLogger('warn'));
try {
  await prepareDatabase(services, { migrate: true });
  const externalId = `bench-${Date.now()}`;
  const nurseryId = await makeTestNursery(services.db, scope.municipalityCode, `ベンチ保育園${externalId}`);
  const now = new Date('2030-01-01T00:00:00Z');
  const slots = await publishVisitSlots(services.db, scope, {
    actor: { type: 'system', id: 'bench' },
    nurseryId,
    recurrence: {
      from: '2030-02-04',
      until: '2030-03-29',
      weekdays: [1, 2, 3, 4, 5],
      startTime: '10:00',
      endTime: '11:00',
    },
    capacity: SEATS,
  });

  const rates: number[] = [];
  let allExact = true;
  for (let round = 0; round < ROUNDS; round++) {
    const slot = slots[round]!;
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        bookVisit(services.db, scope, {
          actor: { type: 'parent', id: `p${round}-${i}` },
          familyRef: `bench-${round}-${i}`,
          slotId: slot.id,
          now,
        }).then(
          () => 'ok',
          (e: unknown) => (e instanceof AppError ? e.code : 'error'),
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const ok = outcomes.filter((o) => o === 'ok').length;
    const full = outcomes.filter((o) => o === 'slot-full').length;
    allExact &&= ok === SEATS && full === ATTEMPTS - SEATS;
    rates.push(ATTEMPTS / seconds);
    console.log(
      `round ${round + 1}: ${ok} booked, ${full} refused as full, ${ATTEMPTS - ok - full} other; ` +
        `${seconds.toFixed(3)} s, ${(ATTEMPTS / seconds).toFixed(0)} attempts/s`,
    );
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)]!;
  console.log(
    `booking: ${ATTEMPTS} concurrent attempts on a ${SEATS}-seat tour → exactly ${SEATS} booked in every round: ` +
      `${allExact ? 'yes' : 'NO'}; median ${median.toFixed(0)} attempts/s (${ROUNDS} rounds, pool ${config.databasePoolMax})`,
  );
  if (!allExact) process.exitCode = 1;
} finally {
  await closeServices(services, 5000);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
