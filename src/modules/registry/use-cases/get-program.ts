import { and, eq, inArray } from 'drizzle-orm';
import { notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { toSummary } from '../program-view.ts';
import { registryPrograms } from '../registry.tables.ts';

/** One public program; drafts never leave the staff side, retired ones stay readable with their status. */
export async function getProgram(services: AppServices, id: string) {
  const [row] = await services.db
    .select()
    .from(registryPrograms)
    .where(and(eq(registryPrograms.id, id), inArray(registryPrograms.status, ['published', 'retired'])));
  if (!row) {
    throw notFound({ en: `No published program has the id ${id}.`, ja: `ID ${id} の公開中の制度はありません。` });
  }
  const d = row.data;
  return {
    ...toSummary(row),
    status: row.status as 'published' | 'retired',
    version: row.currentVersion,
    targetText: d.targetText,
    targets: d.targets,
    contents: d.contents,
    incomeBasis: d.incomeBasis,
    implementationPeriod: d.implementationPeriod,
    links: d.links,
    contact: d.contact,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    sourceUpdatedOn: d.sourceUpdatedOn,
  };
}
