import { eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { executePrepared } from '../db/execute-prepared.ts';
import { inTransaction, type JobQueue } from '../jobs/job-queue.ts';
import { defineJob, type JobDefinition, type JobPayloads } from '../jobs/job-registry.ts';
import type { AppServices } from '../services.ts';
import { outboxEvents } from './outbox.tables.ts';

/**
 * Event type → payload. Modules declare the events they raise by declaration merging, as with JobPayloads:
 *
 *   declare module '../../platform/events/domain-events.ts' {
 *     interface DomainEvents { 'child.registered': { childId: string } }
 *   }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface DomainEvents {}

export type EventType = keyof DomainEvents & string;

export interface DeliveredEvent<T extends EventType> {
  id: number;
  type: T;
  payload: DomainEvents[T];
  municipalityCode: string | null;
  occurredAt: Date;
}

export interface EventSubscriber<T extends EventType = EventType> {
  /** Unique and stable (`<module>.<what it does>`): deliveries are keyed by it. */
  name: string;
  type: T;
  /** Runs at least once per event; must be idempotent (a retry after a crash runs it again). */
  handle(services: AppServices, event: DeliveredEvent<T>): Promise<void>;
}

export function defineSubscriber<T extends EventType>(subscriber: EventSubscriber<T>): EventSubscriber<T> {
  return subscriber;
}

declare module '../jobs/job-registry.ts' {
  interface JobPayloads {
    'platform.deliver-event': { eventId: number; subscriber: string };
  }
}

export interface PublishOptions {
  municipalityCode?: string | null;
  requestId?: string | null;
}

/** An event for `publishMany`. */
export type PendingEvent = {
  [T in EventType]: { type: T; payload: DomainEvents[T]; options?: PublishOptions };
}[EventType];

/** An outbox row as `outboxInsert` returns it: its id and the subscribers its deliveries go to. */
export interface RecordedEvent {
  id: number | string;
  subscribers: readonly string[];
}

export class EventBus {
  private readonly byType = new Map<string, EventSubscriber[]>();
  private readonly byName = new Map<string, EventSubscriber>();

  constructor(
    subscribers: readonly EventSubscriber[],
    private readonly jobs: JobQueue,
  ) {
    for (const subscriber of subscribers) {
      if (this.byName.has(subscriber.name)) throw new Error(`duplicate event subscriber ${subscriber.name}`);
      this.byName.set(subscriber.name, subscriber);
      this.byType.set(subscriber.type, [...(this.byType.get(subscriber.type) ?? []), subscriber]);
    }
  }

  /**
   * Records the event in the outbox and enqueues one delivery job per subscriber, all in the caller's transaction.
   * Pass the transaction of the change that raised the event.
   */
  async publish<T extends EventType>(
    tx: DbOrTx,
    type: T,
    payload: DomainEvents[T],
    options: PublishOptions = {},
  ): Promise<number> {
    const [eventId] = await this.publishMany(tx, [{ type, payload, options } as PendingEvent]);
    return eventId as number;
  }

  /**
   * `publish` for several events at once: one outbox INSERT for all of them and one job INSERT for all their
   * deliveries (two round trips, whatever the number of events, instead of 1 + subscribers per event).
   * Returns the event ids in the order of `events`.
   */
  async publishMany(tx: DbOrTx, events: readonly PendingEvent[]): Promise<number[]> {
    if (events.length === 0) return [];
    const rows = await this.outboxInsert(tx, events);
    await this.enqueueDeliveries(tx, rows);
    // RETURNING does not promise the order of VALUES; the serial ids do (nextval runs row by row in that order).
    return rows.map((row) => row.id).sort((a, b) => a - b);
  }

  /**
   * The outbox INSERT of `publishMany`, not yet sent: a caller can send it in one statement with its own writes (a
   * CTE) and then pass the returned rows to `enqueueDeliveries` in the same transaction. `events` must not be empty.
   */
  outboxInsert(tx: DbOrTx, events: readonly PendingEvent[]) {
    return tx
      .insert(outboxEvents)
      .values(
        events.map((event) => ({
          type: event.type,
          payload: event.payload as object,
          municipalityCode: event.options?.municipalityCode ?? null,
          subscribers: (this.byType.get(event.type) ?? []).map((s) => s.name),
          requestId: event.options?.requestId ?? null,
        })),
      )
      .returning({ id: outboxEvents.id, subscribers: outboxEvents.subscribers });
  }

  /**
   * The caller's own writes (INSERTs, each sent as a CTE: they run whatever the rest returns) and the outbox INSERT
   * of `events` in ONE statement, then one job INSERT for all their deliveries: two round trips in the caller's
   * transaction, whatever the number of writes and events. (Folding the job INSERT in too would mean rewriting
   * pg-boss's own SQL; one round trip is not worth depending on its text.)
   */
  async publishWithWrites(tx: DbOrTx, writes: readonly SQL[], events: readonly PendingEvent[]): Promise<void> {
    if (events.length === 0) {
      for (const write of writes) await tx.execute(write);
      return;
    }
    const ctes = sql.join(
      [
        ...writes.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`),
        sql`outbox as (${this.outboxInsert(tx, events).getSQL()})`,
      ],
      sql`, `,
    );
    // Prepared (plan kept per connection): one statement per number of events, the rows of the writes travel as
    // parameters (json-rows-insert.ts keeps a text that does not grow with them).
    const recorded = await executePrepared(tx, sql`with ${ctes} select id, subscribers from outbox`);
    await this.enqueueDeliveries(tx, recorded.rows as unknown as RecordedEvent[]);
  }

  /** One delivery job per subscriber named by each recorded event, in one INSERT (the caller's transaction). */
  async enqueueDeliveries(tx: DbOrTx, recorded: readonly RecordedEvent[]): Promise<void> {
    const deliveries = recorded.flatMap((event) =>
      event.subscribers.map((subscriber) => ({ eventId: Number(event.id), subscriber })),
    );
    if (deliveries.length === 0) return;
    // pg-boss's batch insert: the queue's defaults apply as with `send` (JobQueue.enqueue), one statement for all.
    const jobs: JobPayloads['platform.deliver-event'][] = deliveries;
    await this.jobs.raw.insert(
      'platform.deliver-event',
      jobs.map((data) => ({ data })),
      { db: inTransaction(tx) },
    );
  }

  subscriber(name: string): EventSubscriber | undefined {
    return this.byName.get(name);
  }
}

export const deliverEventJob: JobDefinition<'platform.deliver-event'> = defineJob({
  name: 'platform.deliver-event',
  async handle(services, { eventId, subscriber: name }) {
    const subscriber = services.events.subscriber(name);
    if (!subscriber) {
      // A subscriber removed in a later release: nothing left to deliver to.
      services.log.warn({ eventId, subscriber: name }, 'event delivery for an unknown subscriber dropped');
      return;
    }
    const [event] = await services.db.select().from(outboxEvents).where(eq(outboxEvents.id, eventId));
    if (!event) throw new Error(`outbox event ${eventId} not found`);
    await subscriber.handle(services, {
      id: event.id,
      type: event.type as EventType,
      payload: event.payload as never,
      municipalityCode: event.municipalityCode,
      occurredAt: event.occurredAt,
    });
  },
});
