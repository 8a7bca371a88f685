import { and, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import type { AppServices } from '../../../platform/services.ts';
import { ageInMonths, compareDates, plainDate } from '../../../platform/time/civil-age.ts';
import { getHousehold } from '../../identity/index.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import { normalizeForSearch, searchKey } from '../../registry/index.ts';
import { assistHandouts } from '../assist.tables.ts';
import { pregnancyWeek } from './classify-handout.ts';

const columns = {
  id: assistHandouts.id,
  title: assistHandouts.title,
  municipalityCode: assistHandouts.municipalityCode,
  categories: assistHandouts.categories,
  pregnancyWeekFrom: assistHandouts.pregnancyWeekFrom,
  pregnancyWeekTo: assistHandouts.pregnancyWeekTo,
  ageMinMonths: assistHandouts.ageMinMonths,
  ageMaxMonths: assistHandouts.ageMaxMonths,
  text: assistHandouts.text,
};

/**
 * The hand-outs for a signed-in parent: those of the household's municipality (and Tokyo-wide ones) whose pregnancy
 * weeks hold the week of an expecting pregnancy, or whose child ages hold a child's age today; with `q`, a
 * full-text search over the same municipality's hand-outs instead. The household is read through identity's
 * `getHousehold` (authorized and audited with its purpose).
 */
export async function listHandoutsForHousehold(
  services: AppServices,
  input: { actor: Actor; today: string; q?: string; requestId: string },
) {
  const household = await getHousehold(
    { services, actor: input.actor, requestId: input.requestId },
    { householdId: input.actor.householdId!, purpose: 'hand-outs for own pregnancy and children' },
  );
  const on = plainDate(input.today);
  const weeks = household.pregnancies
    .filter((p) => p.status === 'expecting')
    .map((p) => pregnancyWeek(p.expectedDeliveryDate, input.today));
  const ages = household.children
    .filter((c) => compareDates(plainDate(c.birthDate), on) <= 0)
    .map((c) => ({ name: c.name, months: ageInMonths(plainDate(c.birthDate), on) }));
  const h = assistHandouts;
  const where: SQL[] = [inArray(h.municipalityCode, [household.municipalityCode, TOKYO_CODE])];
  const q = normalizeForSearch(input.q ?? '');
  if (q) {
    where.push(sql`${h.searchKey} like ${`%${searchKey(q)}%`}`);
  } else {
    const fits: SQL[] = [];
    for (const week of weeks) {
      fits.push(and(lte(h.pregnancyWeekFrom, week), or(isNull(h.pregnancyWeekTo), gt(h.pregnancyWeekTo, week)))!);
    }
    for (const { months } of ages) {
      fits.push(
        and(
          or(isNull(h.ageMinMonths), lte(h.ageMinMonths, months)),
          or(isNull(h.ageMaxMonths), gt(h.ageMaxMonths, months)),
          or(sql`${h.ageMinMonths} is not null`, sql`${h.ageMaxMonths} is not null`),
        )!,
      );
    }
    if (!fits.length) return { weeks, ages, q, handouts: [] };
    where.push(or(...fits)!);
  }
  const handouts = await services.db
    .select(columns)
    .from(h)
    .where(and(...where))
    .orderBy(desc(h.createdAt))
    .limit(50);
  return { weeks, ages, q, handouts };
}

/** One hand-out's PDF for a parent of its municipality (or any, for Tokyo-wide ones). */
export async function handoutPdf(services: AppServices, id: string) {
  const [row] = await services.db
    .select({
      pdf: assistHandouts.pdf,
      fileName: assistHandouts.fileName,
      municipalityCode: assistHandouts.municipalityCode,
    })
    .from(assistHandouts)
    .where(eq(assistHandouts.id, id));
  return row ?? null;
}
