import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeFamily } from '../testing/notify-factories.ts';
import { allocationPublishedSubscriber, consultationBookedSubscriber } from './hokatsu-subscribers.ts';

let t: TestContext;
beforeAll(async () => {
  // 12:00 in Tokyo, outside quiet hours.
  t = await createTestApp({ now: () => new Date('2026-12-01T03:00:00Z') });
});
afterAll(() => t.close());

async function messagesOf(parentId: string) {
  const rows = await t.services.db.execute<{ template_key: string; title: string; body: string; link_path: string }>(
    sql`select template_key, title, body, link_path from notify_messages where parent_id = ${parentId} order by template_key`,
  );
  return rows.rows;
}

describe('nursery results and consultations through notify', () => {
  it('tells each family its allocation result once, however often the event is delivered', async () => {
    const offered = await makeFamily(t.services, { municipalityCode: '132012', birthDate: '2025-06-01' });
    const waiting = await makeFamily(t.services, { municipalityCode: '132012', birthDate: '2025-07-01' });
    const event = {
      id: 1,
      type: 'allocation.published' as const,
      municipalityCode: '132012',
      occurredAt: new Date(),
      payload: {
        roundId: 'round-1',
        municipalityCode: '132012',
        roundMonth: '2027-04',
        roundNo: 1,
        offers: [{ applicationId: 'app-1', householdId: offered.parent.householdId, nurseryId: 'n-1' }],
        waitlisted: [{ applicationId: 'app-2', householdId: waiting.parent.householdId, waitlistRank: 3 }],
      },
    };
    await allocationPublishedSubscriber.handle(t.services, event);
    await allocationPublishedSubscriber.handle(t.services, event);

    const offerMessages = await messagesOf(offered.parent.id);
    expect(offerMessages).toHaveLength(1);
    expect(offerMessages[0]).toMatchObject({
      template_key: 'allocation-offered',
      link_path: '/hokatsu/applications/app-1',
    });
    expect(offerMessages[0]?.body).toContain('2027年4月');
    const waitMessages = await messagesOf(waiting.parent.id);
    expect(waitMessages).toHaveLength(1);
    expect(waitMessages[0]?.template_key).toBe('allocation-waitlisted');
    expect(waitMessages[0]?.body).toContain('待機順位は3');
  });

  it('confirms a consultation booking with its Tokyo date and time', async () => {
    const family = await makeFamily(t.services, { municipalityCode: '132012', birthDate: '2025-05-01' });
    await consultationBookedSubscriber.handle(t.services, {
      id: 2,
      type: 'consultation.booked',
      municipalityCode: '132012',
      occurredAt: new Date(),
      payload: {
        bookingId: 'booking-1',
        householdId: family.parent.householdId,
        municipalityCode: '132012',
        startsAt: '2026-12-10T01:30:00Z',
      },
    });
    const [message] = await messagesOf(family.parent.id);
    expect(message?.template_key).toBe('consultation-booked');
    expect(message?.body).toContain('2026-12-10 10:30');
  });
});
