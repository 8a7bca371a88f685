import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeFamily } from './testing/notify-factories.ts';

// 三鷹市: no other notify test gives it a LINE channel, so this file owns its secret.
const CODE = '132047';
let t: TestContext;
let secret: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.services.db.execute(sql`
    insert into notify_line_channels (municipality_code, channel_id, channel_secret, access_token)
    values (${CODE}, 'test-132047', 'webhook-test-secret', 'token') on conflict (municipality_code) do nothing`);
  const row = await t.services.db.execute<{ channel_secret: string }>(
    sql`select channel_secret from notify_line_channels where municipality_code = ${CODE}`,
  );
  secret = row.rows[0]!.channel_secret;
});
afterAll(() => t.close());

function signedPost(body: object, key = secret) {
  const payload = JSON.stringify(body);
  return t.app.inject({
    method: 'POST',
    url: `/notify/line/webhook/${CODE}`,
    headers: {
      'content-type': 'application/json',
      'x-line-signature': createHmac('sha256', key).update(payload).digest('base64'),
    },
    payload,
  });
}

const event = (type: string, userId: string) => ({
  type,
  mode: 'active',
  timestamp: 1_700_000_000_000,
  source: { type: 'user', userId },
  webhookEventId: `${type}-${userId}`,
  deliveryContext: { isRedelivery: false },
});

async function lineEndpoint(userId: string) {
  const { parent } = await makeFamily(t.services, { municipalityCode: CODE, birthDate: '2026-01-10' });
  await t.services.db.execute(sql`
    insert into notify_endpoints (parent_id, household_id, municipality_code, channel, address_key, address)
    values (${parent.id}, ${parent.householdId}, ${CODE}, 'line', ${userId}, '{"lineChannelId":"test-132047"}'::jsonb)`);
  return async () =>
    (
      await t.services.db.execute<{ status: string; disabled_reason: string | null }>(
        sql`select status, disabled_reason from notify_endpoints where parent_id = ${parent.id} and channel = 'line'`,
      )
    ).rows[0];
}

describe('LINE webhook: unfollow and follow', () => {
  it('disables the LINE endpoint on a signed unfollow and restores it on a later follow', async () => {
    const userId = `U${'a'.repeat(31)}1`;
    const endpoint = await lineEndpoint(userId);

    const unfollow = await signedPost({ destination: 'x', events: [event('unfollow', userId)] });
    expect(unfollow.statusCode).toBe(200);
    expect(unfollow.json()).toEqual({ linked: 0, disabled: 1, restored: 0 });
    expect(await endpoint()).toEqual({ status: 'disabled', disabled_reason: 'line-unfollow' });

    // LINE redelivers events: a second unfollow changes nothing.
    expect((await signedPost({ destination: 'x', events: [event('unfollow', userId)] })).json()).toMatchObject({
      disabled: 0,
    });

    const follow = await signedPost({ destination: 'x', events: [event('follow', userId)] });
    expect(follow.statusCode).toBe(200);
    expect(follow.json()).toEqual({ linked: 0, disabled: 0, restored: 1 });
    expect(await endpoint()).toEqual({ status: 'active', disabled_reason: null });
  });

  it('does not restore an endpoint LINE reported as invalid, and refuses a bad signature', async () => {
    const userId = `U${'b'.repeat(31)}2`;
    const endpoint = await lineEndpoint(userId);
    await t.services.db.execute(
      sql`update notify_endpoints set status = 'disabled', disabled_reason = 'invalid user' where address_key = ${userId}`,
    );

    const forged = await signedPost({ destination: 'x', events: [event('unfollow', userId)] }, 'not-the-secret');
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('notify-line-signature');

    const unfollow = await signedPost({ destination: 'x', events: [event('unfollow', userId)] });
    expect(unfollow.json()).toMatchObject({ disabled: 0 });
    expect(await endpoint()).toEqual({ status: 'disabled', disabled_reason: 'invalid user' });
  });
});
