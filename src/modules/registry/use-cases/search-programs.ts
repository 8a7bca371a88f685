import { and, asc, count, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { badRequest } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import { type ProgramSummary, tokyoToday } from '../program-view.ts';
import type { SearchQuery } from '../registry.schemas.ts';
import { registryPrograms } from '../registry.tables.ts';
import { searchKey } from '../search-key.ts';

export interface SearchResult {
  items: ProgramSummary[];
  nextCursor: string | null;
  total: number;
  unknownAge: 'exclude' | 'include';
}

function decodeCursor(cursor: string): string {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof decoded.after === 'string' && decoded.after.length > 0) return decoded.after;
  } catch {
    // fall through to the error below
  }
  throw badRequest('invalid-cursor', 'query.cursor', {
    en: 'This cursor was not issued by this API; use nextCursor from the previous page.',
    ja: 'このカーソルは無効です。前のページの nextCursor を指定してください。',
  });
}

const encodeCursor = (psid: string) => Buffer.from(JSON.stringify({ after: psid })).toString('base64url');

/** The public search: published programs in their effective window, keyset-paged by psid. */
export async function searchProgramsJson(
  services: AppServices,
  query: SearchQuery,
): Promise<Omit<SearchResult, 'items'> & { itemsJson: string[] }> {
  const today = tokyoToday(services.now());
  const p = registryPrograms;
  const where: SQL[] = [
    eq(p.status, 'published'),
    or(isNull(p.effectiveFrom), lte(p.effectiveFrom, today))!,
    or(isNull(p.effectiveTo), gt(p.effectiveTo, today))!,
  ];
  if (query.municipality) {
    where.push(inArray(p.municipalityCode, [...new Set([query.municipality, TOKYO_CODE])]));
  }
  if (query.ageMonths != null) {
    const a = query.ageMonths;
    const contains = sql`(${p.ageSource} <> 'unknown' and (${p.ageMinMonths} is null or ${p.ageMinMonths} <= ${a}) and (${p.ageMaxMonths} is null or ${a} < ${p.ageMaxMonths}))`;
    where.push(query.unknownAge === 'include' ? sql`(${contains} or ${p.ageSource} = 'unknown')` : contains);
  }
  if (query.prenatal != null) where.push(eq(p.prenatal, query.prenatal));
  if (query.category) where.push(sql`${query.category} = any(${p.categories})`);
  if (query.q) {
    // The key is [a-z0-5] only, so it needs no LIKE escaping.
    where.push(sql`${p.searchKey} like ${`%${searchKey(query.q)}%`}`);
  }
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const pageWhere = after ? [...where, gt(p.psid, after)] : where;

  // The first page counts in the same query (a window over the whole match, before the limit); later pages need
  // a separate count because the cursor narrows their rows.
  const rows = await services.db
    .select({ psid: p.psid, summary: p.summary, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(p)
    .where(and(...pageWhere))
    .orderBy(asc(p.psid))
    .limit(query.limit + 1);
  const total = after
    ? ((
        await services.db
          .select({ n: count() })
          .from(p)
          .where(and(...where))
      )[0]?.n ?? 0)
    : (rows[0]?.total ?? 0);
  const page = rows.slice(0, query.limit);
  return {
    itemsJson: page.map((r) => r.summary),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!.psid) : null,
    total,
    unknownAge: query.unknownAge,
  };
}

/** The same search with parsed items, for pages and other modules. */
export async function searchPrograms(services: AppServices, query: SearchQuery): Promise<SearchResult> {
  const { itemsJson, ...rest } = await searchProgramsJson(services, query);
  return { items: itemsJson.map((item) => JSON.parse(item) as ProgramSummary), ...rest };
}
