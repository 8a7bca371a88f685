import type { AppServices } from '../../../platform/services.ts';
import { MUNICIPALITIES, TOKYO_CODE } from '../../municipalities/index.ts';
import { enqueueDueSends } from '../delivery/enqueue-sends.ts';
import { planMonthlyDigest } from './plan-monthly-digest.ts';

export function currentTokyoMonth(now: Date): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 7);
}

/**
 * The month's digest for every municipality (or the given ones), then one send job per channel. Safe to run again:
 * each message's (parent, source, occurrence) is unique and so is each ledger row's idempotency key, so a second run
 * of the same month writes nothing (the cron, the CLI and a retried job all come here).
 */
export async function planMonth(
  services: AppServices,
  input: { month: string; municipalityCodes?: readonly string[] },
): Promise<{ municipalities: number; messages: number }> {
  const codes = input.municipalityCodes ?? MUNICIPALITIES.filter((m) => m.code !== TOKYO_CODE).map((m) => m.code);
  let messages = 0;
  for (const municipalityCode of codes) {
    const result = await planMonthlyDigest(services, { month: input.month, municipalityCode });
    messages += result.childMessages + result.pregnancyMessages + result.heldDigests;
  }
  await enqueueDueSends(services, services.db);
  return { municipalities: codes.length, messages };
}
