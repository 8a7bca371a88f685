import { asc, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { nurseries } from '../hokatsu.tables.ts';
import { TOKYO } from '../visits/visit-slot-dates.ts';

/** Nurseries a household may list: its municipality's, by name (the age class is checked on submission). */
export function nurseryOptions(db: DbOrTx, municipalityCode: string) {
  return db
    .select({ id: nurseries.id, name: nurseries.name })
    .from(nurseries)
    .where(eq(nurseries.municipalityCode, municipalityCode))
    .orderBy(asc(nurseries.name))
    .limit(500);
}

/** Intake months offered on the form: next month to twelve months ahead, the coming April first (the big round). */
export function intakeMonths(now: Date): string[] {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(TOKYO).toPlainDate();
  const first = Temporal.PlainYearMonth.from(today).add({ months: 1 });
  const months = Array.from({ length: 12 }, (_, i) => first.add({ months: i }).toString());
  const april = months.find((m) => m.endsWith('-04'));
  return april ? [april, ...months.filter((m) => m !== april)] : months;
}
