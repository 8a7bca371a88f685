import { createHash, randomBytes } from 'node:crypto';
import { messagingApi } from '@line/bot-sdk';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { type ParentContext, parentIds } from './parent-context.ts';

const NONCE_TTL_MS = 10 * 60 * 1000;

type LineChannelRow = {
  channel_id: string;
  channel_secret: string;
  access_token: string;
};

export async function lineChannelOf(
  services: AppServices,
  municipalityCode: string,
): Promise<LineChannelRow | undefined> {
  const result = await services.db.execute<LineChannelRow>(
    sql`select channel_id, channel_secret, access_token from notify_line_channels where municipality_code = ${municipalityCode}`,
  );
  return result.rows[0];
}

function lineClient(services: AppServices, channel: LineChannelRow) {
  return new messagingApi.MessagingApiClient({
    channelAccessToken: channel.access_token,
    baseURL: services.config.notify.lineApiBaseUrl,
  });
}

function noLineChannel(): AppError {
  return new AppError('notify-line-unavailable', 409, {
    en: 'Your municipality has no LINE official account in Tsunagu yet.',
    ja: 'お住まいの自治体の LINE 公式アカウントはまだ連携されていません。',
  });
}

/**
 * Step 2 of LINE's account link (step 1: the bot gave the parent a link with a link token): bind a fresh nonce to the
 * signed-in parent and send them to LINE's dialog, which returns the nonce with their LINE user id in a webhook.
 */
export async function accountLinkDialogUrl(ctx: ParentContext, input: { linkToken: string }): Promise<string> {
  const { parentId, householdId, municipalityCode } = parentIds(ctx);
  const { services } = ctx;
  if (!(await lineChannelOf(services, municipalityCode))) throw noLineChannel();
  const nonce = randomBytes(24).toString('base64url');
  await services.db.execute(sql`
    insert into notify_line_link_nonces (nonce, parent_id, household_id, municipality_code, expires_at)
    values (${nonce}, ${parentId}, ${householdId}, ${municipalityCode},
            ${new Date(services.now().getTime() + NONCE_TTL_MS)})`);
  const url = new URL('/dialog/bot/accountLink', services.config.notify.lineAccessBaseUrl);
  url.searchParams.set('linkToken', input.linkToken);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('returnTo', `${services.config.baseUrl}/notify/preferences?line=linked`);
  return url.toString();
}

/**
 * Demo only: what happens in LINE when a parent adds the municipality's official account and writes to it — the bot
 * asks LINE for a link token for that LINE user. The demo LINE user id is derived from the parent, so linking twice
 * links the same "phone".
 */
export async function demoLinkToken(ctx: ParentContext): Promise<string> {
  const { parentId, municipalityCode } = parentIds(ctx);
  const channel = await lineChannelOf(ctx.services, municipalityCode);
  if (!channel) throw noLineChannel();
  const { linkToken } = await lineClient(ctx.services, channel).issueLinkToken(demoLineUserId(parentId));
  return linkToken;
}

export function demoLineUserId(parentId: string): string {
  return `U${createHash('sha256').update(`demo-line-user|${parentId}`).digest('hex').slice(0, 32)}`;
}

interface LineWebhookEvent {
  type: string;
  source?: { type: string; userId?: string };
  link?: { result: string; nonce: string };
}

/**
 * What LINE's webhook tells a municipality's channel. `accountLink` with a valid unused nonce stores the parent's
 * LINE endpoint; a message or follow from an unlinked user is answered with a personal link to start linking.
 * `unfollow` (the parent blocked or removed the official account) disables every endpoint of that LINE user on this
 * channel, so nothing more is queued for it; a later `follow` (unblocked) restores an endpoint that unfollow
 * disabled, without asking to link again. The signature was checked by the route.
 */
export async function handleLineEvents(
  services: AppServices,
  municipalityCode: string,
  events: readonly LineWebhookEvent[],
): Promise<LineEventsResult> {
  const channel = await lineChannelOf(services, municipalityCode);
  if (!channel) return { linked: 0, disabled: 0, restored: 0 };
  let linked = 0;
  let disabled = 0;
  let restored = 0;
  for (const event of events) {
    const userId = event.source?.userId;
    if (!userId) continue;
    if (event.type === 'accountLink' && event.link?.result === 'ok') {
      const done = await services.db.transaction(async (tx) => {
        const claimed = await tx.execute<{ parent_id: string; household_id: string; municipality_code: string }>(sql`
          update notify_line_link_nonces set used_at = ${services.now()}
           where nonce = ${event.link!.nonce} and used_at is null and expires_at > ${services.now()}
             and municipality_code = ${municipalityCode}
          returning parent_id, household_id, municipality_code`);
        const owner = claimed.rows[0];
        if (!owner) return false;
        await tx.execute(sql`
          insert into notify_endpoints (parent_id, household_id, municipality_code, channel, address_key, address)
          values (${owner.parent_id}, ${owner.household_id}, ${owner.municipality_code}, 'line', ${userId},
                  ${JSON.stringify({ lineChannelId: channel.channel_id })}::jsonb)
          on conflict (parent_id, channel, address_key)
          do update set status = 'active', disabled_reason = null, address = excluded.address`);
        return true;
      });
      if (done) linked += 1;
    } else if (event.type === 'unfollow') {
      disabled += await setLineEndpointStatus(services, municipalityCode, userId, 'disabled');
    } else if (event.type === 'follow' && (await setLineEndpointStatus(services, municipalityCode, userId, 'active'))) {
      restored += 1;
    } else if (event.type === 'follow' || event.type === 'message') {
      const client = lineClient(services, channel);
      const { linkToken } = await client.issueLinkToken(userId);
      const url = `${services.config.baseUrl}/notify/line/link?linkToken=${encodeURIComponent(linkToken)}`;
      await client.pushMessage({
        to: userId,
        messages: [
          { type: 'text', text: `つなぐのお知らせを LINE で受け取るには、こちらから連携してください。\n${url}` },
        ],
      });
    }
  }
  return { linked, disabled, restored };
}

export interface LineEventsResult {
  linked: number;
  /** Endpoints disabled by `unfollow`. */
  disabled: number;
  /** Endpoints that `follow` turned back on after an unfollow. */
  restored: number;
}

const UNFOLLOWED = 'line-unfollow';

/**
 * Unfollow disables the LINE user's endpoints of this municipality's channel (any parent who linked that LINE user);
 * follow re-activates only endpoints that an unfollow disabled (not those LINE reported as invalid). Returns the
 * number of endpoints changed.
 */
async function setLineEndpointStatus(
  services: AppServices,
  municipalityCode: string,
  userId: string,
  status: 'active' | 'disabled',
): Promise<number> {
  const result =
    status === 'disabled'
      ? await services.db.execute(sql`
          update notify_endpoints set status = 'disabled', disabled_reason = ${UNFOLLOWED}
           where channel = 'line' and address_key = ${userId} and municipality_code = ${municipalityCode}
             and status = 'active'`)
      : await services.db.execute(sql`
          update notify_endpoints set status = 'active', disabled_reason = null
           where channel = 'line' and address_key = ${userId} and municipality_code = ${municipalityCode}
             and status = 'disabled' and disabled_reason = ${UNFOLLOWED}`);
  return result.rowCount ?? 0;
}
