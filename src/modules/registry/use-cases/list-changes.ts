import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import { toSummary } from '../program-view.ts';
import { registryChanges, registryProgramVersions } from '../registry.tables.ts';

/**
 * The change feed for syncing apps: every created, updated and retired program in cursor order, each with the
 * program as it was published at that version (null when retired).
 */
export async function listChanges(services: AppServices, input: { since: string; limit: number }) {
  const c = registryChanges;
  const v = registryProgramVersions;
  const rows = await services.db
    .select({
      id: c.id,
      kind: c.kind,
      programId: c.programId,
      psid: c.psid,
      municipalityCode: c.municipalityCode,
      version: c.version,
      occurredAt: c.occurredAt,
      data: v.data,
      publishedAt: v.publishedAt,
    })
    .from(c)
    .leftJoin(v, and(eq(v.programId, c.programId), eq(v.version, c.version)))
    .where(gt(c.id, Number(input.since)))
    .orderBy(asc(c.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
      cursor: String(r.id),
      kind: r.kind,
      programId: r.programId,
      psid: r.psid,
      municipalityCode: r.municipalityCode,
      version: r.version,
      occurredAt: r.occurredAt.toISOString(),
      program:
        r.kind === 'retired' || !r.data
          ? null
          : toSummary({ id: r.programId, psid: r.psid, data: r.data, updatedAt: r.publishedAt ?? r.occurredAt }),
    })),
    nextCursor: page.length ? String(page[page.length - 1]!.id) : input.since,
    hasMore: rows.length > input.limit,
  };
}

/** The version stamp of the public registry: the newest change. Drives ETag and Last-Modified. */
export async function registryStamp(services: AppServices): Promise<{ cursor: number; at: Date | null }> {
  const result = await services.db.execute<{ id: number | null; at: Date | string | null }>(
    sql`select id, occurred_at as at from registry_changes order by id desc limit 1`,
  );
  const row = result.rows[0];
  return { cursor: Number(row?.id ?? 0), at: row?.at ? new Date(row.at) : null };
}
