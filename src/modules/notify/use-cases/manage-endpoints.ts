import { sql } from 'drizzle-orm';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import { type ParentContext, parentIds } from './parent-context.ts';

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Stores this browser's push subscription; re-subscribing the same endpoint refreshes its keys. */
export async function savePushSubscription(ctx: ParentContext, input: PushSubscriptionInput): Promise<void> {
  const { parentId, householdId, municipalityCode } = parentIds(ctx);
  let url: URL;
  try {
    url = new URL(input.endpoint);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:') {
    throw badRequest('notify-push-endpoint', 'body.endpoint', {
      en: 'A push subscription endpoint is an https:// URL.',
      ja: 'プッシュ通知の送信先は https:// の URL です。',
    });
  }
  await withTenantScope(ctx.services.db, { kind: 'household', householdId }, (tx) =>
    tx.execute(sql`
      insert into notify_endpoints (parent_id, household_id, municipality_code, channel, address_key, address)
      values (${parentId}, ${householdId}, ${municipalityCode}, 'web-push', ${input.endpoint},
              ${JSON.stringify({ keys: input.keys })}::jsonb)
      on conflict (parent_id, channel, address_key)
      do update set address = excluded.address, status = 'active', disabled_reason = null`),
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The parent's e-mail address for notices: one active address; an empty value turns e-mail off. */
export async function setEmailAddress(ctx: ParentContext, input: { email: string }, field = 'body.email') {
  const { parentId, householdId, municipalityCode } = parentIds(ctx);
  const email = input.email.trim();
  if (email !== '' && (!EMAIL.test(email) || email.length > 254)) {
    throw badRequest('notify-email', field, {
      en: 'Enter an e-mail address such as name@example.jp.',
      ja: 'メールアドレスを name@example.jp の形で入力してください。',
    });
  }
  await withTenantScope(ctx.services.db, { kind: 'household', householdId }, async (tx) => {
    await tx.execute(sql`
      update notify_endpoints set status = 'disabled', disabled_reason = 'replaced by the parent'
       where parent_id = ${parentId} and channel = 'email' and address_key <> ${email} and status = 'active'`);
    if (email === '') return;
    await tx.execute(sql`
      insert into notify_endpoints (parent_id, household_id, municipality_code, channel, address_key, address)
      values (${parentId}, ${householdId}, ${municipalityCode}, 'email', ${email}, '{}'::jsonb)
      on conflict (parent_id, channel, address_key) do update set status = 'active', disabled_reason = null`);
  });
}

export interface EndpointSummary {
  channel: string;
  addressKey: string;
}

export async function activeEndpoints(ctx: ParentContext): Promise<EndpointSummary[]> {
  const { parentId, householdId } = parentIds(ctx);
  return withTenantScope(ctx.services.db, { kind: 'household', householdId }, async (tx) => {
    const result = await tx.execute<{ channel: string; address_key: string }>(sql`
      select channel, address_key from notify_endpoints where parent_id = ${parentId} and status = 'active'
       order by channel, created_at`);
    return result.rows.map((r) => ({ channel: r.channel, addressKey: r.address_key }));
  });
}
