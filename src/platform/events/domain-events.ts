import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob, type JobDefinition } from '../jobs/job-registry.ts';
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
    const subscribers = this.byType.get(type) ?? [];
    const [row] = await tx
      .insert(outboxEvents)
      .values({
        type,
        payload: payload as object,
        municipalityCode: options.municipalityCode ?? null,
        subscribers: subscribers.map((s) => s.name),
        requestId: options.requestId ?? null,
      })
      .returning({ id: outboxEvents.id });
    const eventId = (row as { id: number }).id;
    for (const subscriber of subscribers) {
      await this.jobs.enqueue(tx, 'platform.deliver-event', { eventId, subscriber: subscriber.name });
    }
    return eventId;
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
