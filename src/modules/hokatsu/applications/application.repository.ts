import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import { nurseries } from '../hokatsu.tables.ts';
import {
  type ApplicationStatus,
  applicationAdjustments,
  applicationChoices,
  applicationDocuments,
  applications,
} from './application.tables.ts';

export const applicationNotFound = () => notFound({ en: 'No such application', ja: '該当する申請はありません' });

/** Where an application lives, before anyone is authorized (no personal data). */
export async function locateApplication(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ municipalityCode: applications.municipalityCode, householdId: applications.householdId })
    .from(applications)
    .where(eq(applications.id, id));
  if (!row) throw applicationNotFound();
  return row;
}

/** An application with its choices, adjustments and document list; the final index is computed + adjustments. */
export async function loadApplication(db: DbOrTx, id: string) {
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  if (!app) throw applicationNotFound();
  const choices = await db
    .select({ rank: applicationChoices.rank, nurseryId: applicationChoices.nurseryId, name: nurseries.name })
    .from(applicationChoices)
    .innerJoin(nurseries, eq(nurseries.id, applicationChoices.nurseryId))
    .where(eq(applicationChoices.applicationId, id))
    .orderBy(asc(applicationChoices.rank));
  const adjustments = await db
    .select({
      id: applicationAdjustments.id,
      points: applicationAdjustments.points,
      reason: applicationAdjustments.reason,
      createdAt: applicationAdjustments.createdAt,
    })
    .from(applicationAdjustments)
    .where(eq(applicationAdjustments.applicationId, id))
    .orderBy(asc(applicationAdjustments.createdAt));
  const documents = await db
    .select({
      id: applicationDocuments.id,
      filename: applicationDocuments.filename,
      contentType: applicationDocuments.contentType,
      sizeBytes: applicationDocuments.sizeBytes,
      createdAt: applicationDocuments.createdAt,
    })
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, id))
    .orderBy(asc(applicationDocuments.createdAt));
  const offered = app.offeredNurseryId ? choices.find((c) => c.nurseryId === app.offeredNurseryId) : undefined;
  return {
    ...app,
    status: app.status as ApplicationStatus,
    finalIndex: app.computedIndex + adjustments.reduce((s, a) => s + a.points, 0),
    choices,
    adjustments,
    documents,
    offeredNurseryName: offered?.name ?? null,
  };
}

export type ApplicationDetail = Awaited<ReturnType<typeof loadApplication>>;

/** Sum of adjustments per application, for the queue and the allocation. */
export const adjustmentTotal = sql<number>`coalesce((select sum(points) from hokatsu_application_adjustments a where a.application_id = ${applications.id}), 0)::int`;
