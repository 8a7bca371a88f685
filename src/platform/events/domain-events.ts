import { eq, type SQL, sql } from 'drizzle-orm';
import { fromDrizzle } from 'pg-boss';
import type { DbOrTx } from '../db/database.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
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
   * The caller's own writes (INSERTs, each sent as a CTE: they run whatever the rest returns), the outbox INSERT of
   * `events` and one delivery job per subscriber of each, in ONE statement in the caller's transaction: the job
   * rows are built in SQL from the outbox rows the same statement inserts. pg-boss writes the job INSERT (its
   * queue defaults, its NOTIFY); the bus asks it for the statement and sends it with the CTEs in front. Should a
   * pg-boss version write it in a shape this does not recognise, the same rows are written in two statements.
   */
  async publishWithWrites(tx: DbOrTx, writes: readonly SQL[], events: readonly PendingEvent[]): Promise<void> {
    if (events.length === 0) {
      for (const write of writes) await tx.execute(write);
      return;
    }
    const outbox = this.outboxInsert(tx, events);
    const ctes = sql.join(
      [...writes.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`), sql`outbox as (${outbox.getSQL()})`],
      sql`, `,
    );
    const jobInsert = await this.deliveryInsertText();
    if (!jobInsert) {
      const recorded = await tx.execute(sql`with ${ctes} select id, subscribers from outbox`);
      await this.enqueueDeliveries(tx, recorded.rows as unknown as RecordedEvent[]);
      return;
    }
    const deliveries = sql`(select json_agg(json_build_object('data', json_build_object('eventId', o.id, 'subscriber', s.name)))::text from outbox o cross join unnest(o.subscribers) as s(name))`;
    // `with` in front of pg-boss's INSERT, or joined to its own `WITH ins AS (…)` when the queue notifies.
    const leadingWith = /^\s*with\s/i.exec(jobInsert.before);
    const head = leadingWith
      ? sql`with ${ctes}, ${sql.raw(jobInsert.before.slice(leadingWith[0].length))}`
      : sql`with ${ctes} ${sql.raw(jobInsert.before)}`;
    await tx.execute(sql`${head}${deliveries}${sql.raw(jobInsert.after)}`);
  }

  /**
   * pg-boss's job INSERT for deliveries, split around its one parameter (the jobs as JSON), or undefined when it is
   * not of that shape. Asked of pg-boss each time (no database access: it builds the text from its queue cache).
   */
  private async deliveryInsertText(): Promise<{ before: string; after: string } | undefined> {
    let captured: { text: string; values: unknown[] } | undefined;
    await this.jobs.raw.insert('platform.deliver-event', [{ data: { eventId: 0, subscriber: '' } }], {
      db: {
        async executeSql(text: string, values: unknown[]) {
          captured = { text, values };
          return { rows: [] };
        },
      },
    });
    if (captured?.values.length !== 1) return undefined;
    const parts = captured.text.split('$1');
    if (parts.length !== 2 || parts.some((part) => /\$\d/.test(part))) return undefined;
    return { before: parts[0] as string, after: parts[1] as string };
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
      { db: fromDrizzle(tx, sql) },
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
