import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import { nurseries, nurseryVacancies } from '../hokatsu.tables.ts';
import { latestMinimumIndices } from '../nurseries/nursery.repository.ts';

/** A nursery's public page: facts, vacancies by month and age class, and last round's minimum index by age. */
export async function getNursery(db: DbOrTx, id: string) {
  const [nursery] = await db.select().from(nurseries).where(eq(nurseries.id, id));
  if (!nursery) throw notFound({ en: 'No such nursery', ja: '該当する保育施設はありません' });
  const scope = { municipalityCode: nursery.municipalityCode };
  const vacancies = await db
    .select({
      month: nurseryVacancies.month,
      ageClass: nurseryVacancies.ageClass,
      vacancies: nurseryVacancies.vacancies,
      waiting: nurseryVacancies.waiting,
      asOf: nurseryVacancies.asOf,
    })
    .from(nurseryVacancies)
    .where(and(eq(nurseryVacancies.municipalityCode, scope.municipalityCode), eq(nurseryVacancies.nurseryId, id)))
    .orderBy(asc(nurseryVacancies.month), asc(nurseryVacancies.ageClass));
  const minimumIndices = (await latestMinimumIndices(db, scope, [id])).sort((a, b) => a.ageClass - b.ageClass);
  const { updatedAt: _updated, source: _source, externalId: _external, ...facts } = nursery;
  return { ...facts, vacancies, minimumIndices };
}
