import { parseArgs } from 'node:util';
import type { CliCommand } from '../../platform/module.ts';
import { currentTokyoMonth, planMonth } from './planning/plan-month.ts';

export { currentTokyoMonth };

export const planMonthCommand: CliCommand = {
  name: 'notify plan-month',
  summary: 'Plan the monthly digest (all municipalities or one) and queue the sends',
  usage: `Usage: tsunagu notify plan-month [--month YYYY-MM] [--municipality CODE]

  --month         the month to plan (default: this month in Asia/Tokyo)
  --municipality  one 6-digit municipality code (default: every municipality)

The worker schedules it itself (05:00 JST on the 1st); running it again for the same month adds nothing.`,
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
    const result = await planMonth(services, {
      month,
      ...(values.municipality ? { municipalityCodes: [values.municipality] } : {}),
    });
    process.stdout.write(
      `planned ${result.messages} digest messages for ${month} in ${result.municipalities} municipalities\n`,
    );
    return 0;
  },
};
