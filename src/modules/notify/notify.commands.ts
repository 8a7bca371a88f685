import { parseArgs } from 'node:util';
import type { CliCommand } from '../../platform/module.ts';
import { MUNICIPALITIES, TOKYO_CODE } from '../municipalities/index.ts';
import { enqueueDueSends } from './delivery/enqueue-sends.ts';
import { planMonthlyDigest } from './planning/plan-monthly-digest.ts';

export function currentTokyoMonth(now: Date): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 7);
}

export const planMonthCommand: CliCommand = {
  name: 'notify plan-month',
  summary: 'Plan the monthly digest (all municipalities or one) and queue the sends',
  usage: `Usage: tsunagu notify plan-month [--month YYYY-MM] [--municipality CODE]

  --month         the month to plan (default: this month in Asia/Tokyo)
  --municipality  one 6-digit municipality code (default: every municipality)

Run it once a month (cron); running it again for the same month adds nothing.`,
  async run(services, argv) {
    const { values } = parseArgs({
      args: argv,
      options: { month: { type: 'string' }, municipality: { type: 'string' } },
      strict: true,
    });
    const month = values.month ?? currentTokyoMonth(services.now());
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      process.stderr.write('tsunagu: --month must look like 2026-12\n');
      return 2;
    }
    const codes = values.municipality
      ? [values.municipality]
      : MUNICIPALITIES.filter((m) => m.code !== TOKYO_CODE).map((m) => m.code);
    let total = 0;
    for (const municipalityCode of codes) {
      const result = await planMonthlyDigest(services, { month, municipalityCode });
      total += result.childMessages + result.pregnancyMessages;
    }
    await enqueueDueSends(services, services.db);
    process.stdout.write(`planned ${total} digest messages for ${month} in ${codes.length} municipalities\n`);
    return 0;
  },
};
