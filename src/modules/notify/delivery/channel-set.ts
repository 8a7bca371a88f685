import type { AppServices } from '../../../platform/services.ts';
import type { Channel } from '../channels/channel.ts';
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

async function buildChannels(_services: AppServices): Promise<ChannelSet> {
  return {};
}
