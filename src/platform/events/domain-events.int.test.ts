import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { type DeliveredEvent, defineSubscriber, EventBus } from './domain-events.ts';
import { outboxEvents } from './outbox.tables.ts';

declare module './domain-events.ts' {
  interface DomainEvents {
    'test.happened': { n: number };
  }
}

let t: TestContext;
const received: DeliveredEvent<'test.happened'>[] = [];

beforeAll(async () => {
  t = await createTestApp();
  // A bus with a subscriber of this test, on the same queue the app uses.
  t.services.events = new EventBus(
    [
      defineSubscriber({
        name: 'test.record',
        type: 'test.happened',
        async handle(_services, event) {
          received.push(event);
        },
      }),
    ] as never,
    t.services.jobs,
  );
  await t.startWorkers();
});
afterAll(() => t?.close());

async function waitFor(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('domain events through the outbox', () => {
  it('delivers a committed event to its subscriber, with the outbox row as the record', async () => {
    const id = await t.services.db.transaction((tx) =>
      t.services.events.publish(tx, 'test.happened', { n: 1 }, { municipalityCode: '131199' }),
    );
    await waitFor(() => received.some((e) => e.id === id));
    const event = received.find((e) => e.id === id);
    expect(event).toMatchObject({ type: 'test.happened', payload: { n: 1 }, municipalityCode: '131199' });
    const [row] = await t.services.db.select().from(outboxEvents).where(eq(outboxEvents.id, id));
    expect(row?.subscribers).toEqual(['test.record']);
  });

  it('neither records nor delivers an event whose transaction rolled back', async () => {
    let eventId = 0;
    await expect(
      t.services.db.transaction(async (tx) => {
        eventId = await t.services.events.publish(tx, 'test.happened', { n: 2 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(eventId).toBeGreaterThan(0);
    expect(await t.services.db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId))).toHaveLength(0);
    // a later committed event is delivered; the rolled-back one never is
    const later = await t.services.db.transaction((tx) => t.services.events.publish(tx, 'test.happened', { n: 3 }));
    await waitFor(() => received.some((e) => e.id === later));
    expect(received.some((e) => e.id === eventId)).toBe(false);
  });

  it("publishes several events with the caller's writes and delivers each once", async () => {
    const marker = `publish-with-writes-${Date.now()}`;
    const ids = await t.services.db.transaction(async (tx) => {
      await t.services.events.publishWithWrites(
        tx,
        [sql`insert into outbox_events (type, payload, subscribers) values (${marker}, '{}'::jsonb, '{}')`],
        [
          { type: 'test.happened', payload: { n: 41 } },
          { type: 'test.happened', payload: { n: 42 }, options: { municipalityCode: '131016' } },
        ],
      );
      const rows = await tx
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(eq(outboxEvents.type, 'test.happened'))
        .orderBy(desc(outboxEvents.id))
        .limit(2);
      return rows.map((r) => r.id);
    });
    await waitFor(() => ids.every((id) => received.some((e) => e.id === id)));
    expect(received.filter((e) => ids.includes(e.id)).map((e) => e.payload.n)).toEqual(
      expect.arrayContaining([41, 42]),
    );
    expect(received.filter((e) => ids.includes(e.id))).toHaveLength(2);
    // The caller's own write went in with them.
    expect(await t.services.db.select().from(outboxEvents).where(eq(outboxEvents.type, marker))).toHaveLength(1);
    // One delivery job per event and subscriber, no more.
    const jobs = await t.services.db.execute(
      sql`select count(*)::int n from pgboss.job where name = 'platform.deliver-event' and (data->>'eventId')::bigint = any(${sql.param(ids)}::bigint[])`,
    );
    expect((jobs.rows[0] as { n: number }).n).toBe(2);
  });
});
