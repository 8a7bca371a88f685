import { sql } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import type { Channel } from '../channels/channel.ts';
import { createLineChannel } from '../channels/line-channel.ts';
import { createWebhookChannel } from '../channels/webhook-channel.ts';
import type { ExternalChannel } from '../notify.tables.ts';

export type ChannelSet = Partial<Record<ExternalChannel, Channel>>;

const sets = new WeakMap<AppServices, Promise<ChannelSet>>();

/**
 * The outside channels of this process, built once from config and the database (LINE channel credentials per
 * municipality, VAPID keys, SMTP URL). A channel that is not configured is absent: its ledger rows wait.
 */
export function channelsOf(services: AppServices): Promise<ChannelSet> {
  let set = sets.get(services);
  if (!set) {
    set = buildChannels(services);
    set.catch(() => sets.delete(services));
    sets.set(services, set);
  }
  return set;
}

export async function closeChannels(services: AppServices): Promise<void> {
  const set = sets.get(services);
  sets.delete(services);
  if (!set) return;
  for (const channel of Object.values(await set)) await channel.close?.();
}

async function buildChannels(services: AppServices): Promise<ChannelSet> {
  const { notify } = services.config;
  return {
    line: createLineChannel({
      baseUrl: notify.lineApiBaseUrl,
      requestsPerSecond: notify.lineRatePerSecond,
      // Read on every request rather than cached: an operator who fixes a channel's token fixes the next retry.
      credentials: async (lineChannelId) => {
        const result = await services.db.execute<{ access_token: string }>(
          sql`select access_token from notify_line_channels where channel_id = ${lineChannelId}`,
        );
        const row = result.rows[0];
        if (!row) throw new Error(`no LINE channel ${lineChannelId} is configured`);
        return { accessToken: row.access_token };
      },
    }),
    webhook: createWebhookChannel({ timeoutMs: 10_000 }),
  };
}
