import { stringify } from 'csv-stringify/sync';
import { asc, eq } from 'drizzle-orm';
import Encoding from 'encoding-japanese';
import type { AppServices } from '../../../platform/services.ts';
import { findMunicipality } from '../../municipalities/index.ts';
import type { ProgramData } from '../program-data.ts';
import { registryPrograms } from '../registry.tables.ts';

/**
 * A program in the shape of Tokyo's file. Imported programs keep their raw record; staff-made ones (or staff edits
 * of imported ones) are written back into that shape from the normalised fields.
 */
export function toTokyoRecord(psid: string, data: ProgramData, base: Record<string, unknown> | null) {
  const period = (p: ProgramData['procedurePeriod']) => ({
    fromYMD: p.from,
    fromHM: p.fromTime,
    toYMD: p.to,
    toHM: p.toTime,
    conditions: p.text,
  });
  const ageBound = (months: number | null) => (months == null ? null : { targetAge: null, targetAgeOfMonths: months });
  const name = findMunicipality(data.municipalityCode)?.name ?? '';
  const baseTarget = (base?.target as Record<string, unknown> | undefined) ?? {};
  return {
    ...base,
    institutionName: { canonicalName: data.name, shortName: data.shortName },
    summary: data.summary,
    target:
      data.ageMonths.source === 'explicit' || !base
        ? {
            ...baseTarget,
            targetPersons: data.targetText,
            greaterThanOrEqualTo: ageBound(data.ageMonths.min) ?? { targetAge: null, targetAgeOfMonths: null },
            lessThan: ageBound(data.ageMonths.max) ?? { targetAge: null, targetAgeOfMonths: null },
            greaterThan: { targetAge: null, targetAgeOfMonths: null },
            lessThanOrEqualTo: { targetAge: null, targetAgeOfMonths: null },
          }
        : { ...baseTarget, targetPersons: data.targetText },
    procedurePeriod: period(data.procedurePeriod),
    implementationPeriod: period(data.implementationPeriod),
    contact: data.contact && {
      contactName: data.contact.name,
      contactPhone: data.contact.phone,
      contactEx: data.contact.extension,
      contactEmail: data.contact.email,
      contactUrl: data.contact.url,
      contactComment: data.contact.comment,
      zipCode: data.contact.zipCode,
      contactAddress: data.contact.address,
    },
    localGovernmentLink: data.url ? { uri: data.url, title: data.name } : (base?.localGovernmentLink ?? null),
    area: { areaCode: `${data.municipalityCode};${name}`, areaText: null },
    basicInformation: { ...(base?.basicInformation as object | undefined), psid },
    tag: { categoryCode: data.categories, targetCode: data.targets, contentsCode: data.contents },
    updateDate: data.sourceUpdatedOn,
  };
}

async function publishedRows(services: AppServices) {
  return services.db
    .select({
      psid: registryPrograms.psid,
      data: registryPrograms.data,
      raw: registryPrograms.raw,
      staffEdited: registryPrograms.staffEdited,
      currentVersion: registryPrograms.currentVersion,
      updatedAt: registryPrograms.updatedAt,
    })
    .from(registryPrograms)
    .where(eq(registryPrograms.status, 'published'))
    .orderBy(asc(registryPrograms.psid));
}

export async function exportProgramsJson(services: AppServices): Promise<unknown[]> {
  const rows = await publishedRows(services);
  // The raw record is exported unchanged unless staff have published an edit of it since the import.
  return rows.map((r) => (r.raw && !r.staffEdited ? r.raw : toTokyoRecord(r.psid, r.data, r.raw)));
}

const CSV_COLUMNS = [
  'psid',
  'municipality_code',
  'municipality_name',
  'name',
  'short_name',
  'summary',
  'age_min_months',
  'age_max_months_exclusive',
  'age_source',
  'prenatal',
  'categories',
  'targets',
  'contents',
  'income_basis',
  'procedure_from',
  'procedure_to',
  'procedure_text',
  'url',
  'contact_name',
  'contact_phone',
  'updated_at',
];

export async function exportProgramsCsv(services: AppServices, encoding: 'utf-8' | 'shift_jis'): Promise<Buffer> {
  const rows = await publishedRows(services);
  const text = stringify(
    rows.map(({ psid, data: d, updatedAt }) => [
      psid,
      d.municipalityCode,
      findMunicipality(d.municipalityCode)?.name ?? '',
      d.name,
      d.shortName,
      d.summary,
      d.ageMonths.min,
      d.ageMonths.max,
      d.ageMonths.source,
      d.prenatal,
      d.categories.join(' '),
      d.targets.join(' '),
      d.contents.join(' '),
      d.incomeBasis,
      d.procedurePeriod.from,
      d.procedurePeriod.to,
      d.procedurePeriod.text,
      d.url,
      d.contact?.name,
      d.contact?.phone,
      updatedAt.toISOString(),
    ]),
    { header: true, columns: CSV_COLUMNS, record_delimiter: '\r\n', cast: { boolean: (b) => (b ? 'true' : 'false') } },
  );
  if (encoding === 'utf-8') return Buffer.from(`\uFEFF${text}`, 'utf8');
  // Characters Shift_JIS lacks become '?': the UTF-8 export is the lossless one.
  return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}
