import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { makeFamily } from '../testing/notify-factories.ts';
import { giftDispatchSubscriber } from './transactional-subscribers.ts';

let t: TestContext;
beforeAll(async () => {
  // 12:00 in Tokyo, outside quiet hours.
  t = await createTestApp({ now: () => new Date('2026-12-01T03:00:00Z') });
});
afterAll(() => t.close());

describe('赤ちゃんファースト gift card steps through notify', () => {
  it('tells the parent the card was mailed once, however often the event is delivered, linking to the claim', async () => {
    const family = await makeFamily(t.services, { municipalityCode: '131199', birthDate: '2026-10-01' });
    const event = {
      id: 7,
      type: 'gift-dispatch.status-changed' as const,
      municipalityCode: '131199',
      occurredAt: new Date(),
      payload: {
        claimId: 'claim-1',
        parentId: family.parent.id,
        childId: 'child-1',
        from: 'preparing' as const,
        to: 'shipped' as const,
      },
    };
    await giftDispatchSubscriber.handle(t.services, event);
    await giftDispatchSubscriber.handle(t.services, event);
    const rows = await t.services.db.execute<{ template_key: string; body: string; title: string; link_path: string }>(
      sql`select template_key, title, body, link_path from notify_messages where parent_id = ${family.parent.id}`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ template_key: 'claim-status', link_path: '/benefits/claims/claim-1' });
    expect(`${rows.rows[0]!.title} ${rows.rows[0]!.body}`).toContain('ギフトカード発送済');
  });
});
