import type { DbOrTx } from '../../../platform/db/database.ts';
import { normalizeNurseryName } from '../nurseries/decode-text.ts';
import { parseMinimumIndexCsv } from '../nurseries/minimum-index-csv.ts';
import {
  nurseriesByName,
  type TenantScope,
  upsertMinimumIndices,
  upsertNurseries,
  upsertVacancies,
} from '../nurseries/nursery.repository.ts';
import { type ImportIssue, parseOpenDataCsv } from '../nurseries/open-data-csv.ts';
import { parseVacancyList } from '../nurseries/vacancy-list.ts';

export interface ImportReport {
  nurseries: number;
  vacancies: number;
  minimumIndices: number;
  unmatched: string[];
  issues: ImportIssue[];
}

const empty = (): ImportReport => ({ nurseries: 0, vacancies: 0, minimumIndices: 0, unmatched: [], issues: [] });

/** 子育て施設一覧 (municipal standard open data). Rows of other municipalities in the file are refused. */
export async function importOpenDataNurseries(
  db: DbOrTx,
  scope: TenantScope,
  input: { bytes: Uint8Array; attribution: string },
): Promise<ImportReport> {
  const report = empty();
  const { records, issues } = parseOpenDataCsv(input.bytes, scope.municipalityCode);
  report.issues.push(...issues);
  const own = records.filter((r) => r.municipalityCode === scope.municipalityCode);
  if (own.length < records.length) {
    report.issues.push({
      line: 0,
      field: '都道府県コード又は市区町村コード',
      message: `${records.length - own.length} row(s) of another municipality skipped`,
    });
  }
  await db.transaction(async (tx) => {
    report.nurseries = (await upsertNurseries(tx, 'open-data', input.attribution, own)).written;
  });
  return report;
}

/**
 * A vacancy list (per facility, places per age class): matched to the municipality's nurseries by name; a facility
 * not known yet is added from the list itself (name, type, location) so that its vacancies can be searched.
 */
export async function importVacancyList(
  db: DbOrTx,
  scope: TenantScope,
  input: { raw: unknown; month?: string; attribution: string },
): Promise<ImportReport> {
  const report = empty();
  const parsed = parseVacancyList(input.raw);
  if ('issues' in parsed) return { ...report, issues: parsed.issues };
  const month = input.month ?? `${parsed.list.asOf.slice(0, 7)}-01`;
  await db.transaction(async (tx) => {
    let byName = await nurseriesByName(tx, scope);
    const missing = parsed.records.filter((r) => !byName.has(normalizeNurseryName(r.name)));
    if (missing.length > 0) {
      await upsertNurseries(
        tx,
        'vacancy-list',
        input.attribution,
        missing.map((r) => ({
          municipalityCode: scope.municipalityCode,
          externalId: r.externalId,
          name: r.name,
          nameKana: null,
          category: r.category,
          typeLabel: r.typeLabel,
          address: null,
          latitude: r.latitude,
          longitude: r.longitude,
          capacity: null,
          minAgeClass: null,
          maxAgeClass: null,
          opensAt: null,
          closesAt: null,
          extendedCare: null,
          temporaryCare: null,
          phone: null,
          url: null,
          notes: null,
        })),
      );
      report.nurseries = missing.length;
      byName = await nurseriesByName(tx, scope);
    }
    const rows = parsed.records.flatMap((r) => {
      const nurseryId = byName.get(normalizeNurseryName(r.name))!;
      return r.vacancies.flatMap((v, age) => {
        const waiting = r.waiting?.[age] ?? null;
        return v === null && waiting === null
          ? []
          : [{ nurseryId, month, ageClass: age, vacancies: v, waiting, asOf: parsed.list.asOf }];
      });
    });
    // One facility listed twice keeps its last row rather than failing the batch.
    const unique = [...new Map(rows.map((r) => [`${r.nurseryId}/${r.ageClass}`, r])).values()];
    await upsertVacancies(tx, scope, 'vacancy-list', unique);
    report.vacancies = unique.length;
  });
  return report;
}

/** A published minimum-index table of one round, matched by name; unknown names are reported, not created. */
export async function importMinimumIndexTable(
  db: DbOrTx,
  scope: TenantScope,
  input: { bytes: Uint8Array; roundMonth: string; roundNo: number; source: string },
): Promise<ImportReport> {
  const report = empty();
  const { records, issues } = parseMinimumIndexCsv(input.bytes);
  report.issues.push(...issues);
  await db.transaction(async (tx) => {
    const byName = await nurseriesByName(tx, scope);
    const rows = [];
    for (const r of records) {
      const nurseryId = byName.get(normalizeNurseryName(r.name));
      if (!nurseryId) {
        if (!report.unmatched.includes(r.name)) report.unmatched.push(r.name);
        continue;
      }
      rows.push({
        nurseryId,
        roundMonth: input.roundMonth,
        roundNo: input.roundNo,
        ageClass: r.ageClass,
        minimumIndex: r.minimumIndex,
        label: r.label,
      });
    }
    const unique = [...new Map(rows.map((r) => [`${r.nurseryId}/${r.ageClass}`, r])).values()];
    await upsertMinimumIndices(tx, scope, input.source, unique);
    report.minimumIndices = unique.length;
  });
  return report;
}
