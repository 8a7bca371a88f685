/**
 * Delivery benchmark: drains the LINE deliveries that bench/push-plan planned into the local LINE server through real
 * worker processes (`tsunagu serve --role worker`), kills one worker with SIGKILL once mid-run and starts another,
 * then prints messages/s, duplicates and losses. Asserts nothing. Run bench:push-plan first (same DATABASE_URL);
 * every run resets the LINE ledger rows to `created` and drains them again.
 *
 * Every digest text is personal (it names the child and links to its own inbox entry), so each delivery is one LINE
 * request. The synthetic parents use their municipality's LINE channel (one per municipality, as in production);
 * LINE_RATE_PER_SECOND applies per channel and per worker process, as in the channel's token buckets.
 *
 * Duplicates and losses are counted twice: by the ledger (rows not delivered) and by the local LINE server, which
 * remembers sha1(user, text) of every accepted delivery — a user who gets the same text twice is a duplicate, a
 * planned delivery whose text never reached its user is a loss.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagu_bench_push npm run bench:push-deliver
 *   (BENCH_LANES=4 parallel send jobs per worker; BENCH_WORKERS=2 worker processes; LINE_RATE_PER_SECOND default
 *   2,000 requests/s per LINE channel)
 */
// The app's module graph first (modules import each other through their index files).
import '../src/app.ts';
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { enqueueDueSends } from '../src/modules/notify/delivery/enqueue-sends.ts';
import { startLocalLineServer } from '../src/modules/notify/local-servers/local-line-server.ts';
import { killHard, startWorkerProcess } from '../src/modules/notify/testing/worker-process.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { assertBenchDatabase } from './push-synthetic.ts';

const LANES = Number(process.env.BENCH_LANES ?? 4);
// Two sender processes by default: the worker role scales horizontally, and one process is bound by its own CPU.
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

/** Messages per second LINE accepted between two samples of the server's running totals. */
function rate(from: { at: number; n: number }, to: { at: number; n: number }): number {
  return to.at > from.at ? Math.round(((to.n - from.n) * 1000) / (to.at - from.at)) : 0;
}

async function main() {
  assertBenchDatabase(process.env.DATABASE_URL);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const services = await openServices(config, createLogger('silent'));
  const line = await startLocalLineServer({ maxRecorded: 0 });
  const workers: ChildProcess[] = [];
  try {
    await prepareDatabase(services, { migrate: true });
    const reset = await services.db.execute(sql`
      update notify_deliveries set status = 'created', attempts = 0, batch_id = null, sending_since = null,
             delivered_at = null, last_error = null, next_attempt_at = now() - interval '1 second'
       where channel = 'line'`);
    const total = reset.rowCount ?? 0;
    if (total === 0) throw new Error('no LINE deliveries planned: run npm run bench:push-plan first');
    await services.db.execute(sql`delete from pgboss.job where name = 'notify.send'`);
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      LINE_API_BASE_URL: line.url,
      NOTIFY_SEND_LEASE_SECONDS: '15',
      NOTIFY_RETRY_BASE_SECONDS: '1',
      WORKER_CONCURRENCY: String(LANES),
      ...(process.env.LINE_RATE_PER_SECOND ? { LINE_RATE_PER_SECOND: process.env.LINE_RATE_PER_SECOND } : {}),
    };
    const starting = await Promise.all(Array.from({ length: WORKERS }, () => startWorkerProcess(env)));
    workers.push(...starting);
    const loadBefore = loadavg()[0]!;
    const t0 = performance.now();
    // One pg-boss job per lane; every worker process takes lanes from the same queue.
    await enqueueDueSends(services, services.db, { lanes: LANES * WORKERS });

    const sample = () => ({ at: performance.now(), n: line.stats.acceptedRecipients });
    const waitUntil = async (n: number) => {
      const until = Date.now() + 15 * 60_000;
      while (line.stats.acceptedRecipients < n) {
        if (Date.now() > until) throw new Error(`LINE accepted ${line.stats.acceptedRecipients} of ${n} in 15 min`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return sample();
    };
    // Steady state of the first run: from 5% (workers warm) to the kill at 30%.
    const warm = await waitUntil(total * 0.05);
    const atKill = await waitUntil(total * 0.3);
    await killHard(workers[0]!);
    console.log(
      `killed worker 1 of ${WORKERS} with SIGKILL after ${atKill.n} of ${total} deliveries reached LINE ` +
        `(steady ${rate(warm, atKill).toLocaleString('en')} messages/s from 5% to 30%)`,
    );
    workers.push(await startWorkerProcess(env));
    await enqueueDueSends(services, services.db, { lanes: LANES * WORKERS });
    const restarted = sample();

    const count = async () =>
      (
        await services.db.execute<{ delivered: number; open: number }>(sql`
          select count(*) filter (where status = 'delivered')::int as delivered,
                 count(*) filter (where status <> 'delivered')::int as open
            from notify_deliveries where channel = 'line'`)
      ).rows[0]!;
    const afterRestart = await waitUntil(Math.min(total, restarted.n + (total - restarted.n) * 0.1));
    const nearEnd = await waitUntil(Math.min(total, restarted.n + (total - restarted.n) * 0.9));
    let state = await count();
    const deadline = Date.now() + 15 * 60_000;
    while (state.open > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      state = await count();
    }
    const seconds = (performance.now() - t0) / 1000;
    const stats = line.stats;
    console.log(
      `drained ${state.delivered} of ${total} LINE deliveries in ${seconds.toFixed(1)} s = ` +
        `${Math.round(state.delivered / seconds).toLocaleString('en')} messages/s overall (including the kill, the ` +
        `lease of ${env.NOTIFY_SEND_LEASE_SECONDS} s and a worker restart); steady after the restart ` +
        `${rate(afterRestart, nearEnd).toLocaleString('en')} messages/s (10% to 90% of the rest)`,
    );
    console.log(
      `LINE: ${stats.requests} requests, ${stats.accepted} accepted for ${stats.acceptedRecipients} recipients, ` +
        `${stats.conflicts} answered 409 (retry key already accepted: re-sent after the kill, not delivered twice), ` +
        `${stats.failed} 429/5xx`,
    );
    const distinct = stats.acceptedRecipients - stats.repeatedDeliveries;
    console.log(
      `duplicates: ${stats.repeatedDeliveries} (a user got the same text twice), ${stats.acceptedRecipients - state.delivered} ` +
        `(recipients LINE accepted minus delivered rows); losses: ${total - distinct} (planned texts that never reached ` +
        `their user), ${total - state.delivered} (ledger rows not delivered) ` +
        `[shared machine, ${cpus().length} cores, load average ${loadBefore.toFixed(2)} before / ${loadavg()[0]!.toFixed(2)} after]`,
    );
  } finally {
    for (const worker of workers) await killHard(worker);
    await line.close();
    await closeServices(services, 2000);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
