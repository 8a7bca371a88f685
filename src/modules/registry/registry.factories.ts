import { readFileSync } from 'node:fs';
import { findMunicipality } from '../municipalities/index.ts';

/** Test factories: raw records in the Tokyo file's shape, built from a real record of the shipped subset. */
const TEMPLATE = (
  JSON.parse(readFileSync(new URL('./data/tokyo-registry-subset.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >[]
)[28]!;

export interface RawRecordOptions {
  psid: string;
  areaCode: string;
  name: string;
  shortName?: string;
  summary?: string;
  targetPersons?: string;
  /** [min, max] in months, written as the registry does (≥ min, ≤ max months). */
  months?: [number, number];
  categories?: string[];
  targetCodes?: string[];
  procedureTo?: string;
}

export function rawRecord(o: RawRecordOptions): Record<string, unknown> {
  const record = structuredClone(TEMPLATE);
  const bound = (m: number | null) => ({ targetAge: m == null ? null : 0, targetAgeOfMonths: m });
  record.basicInformation = { ...(record.basicInformation as object), psid: o.psid };
  record.area = { areaCode: `${o.areaCode};${findMunicipality(o.areaCode)?.name ?? ''}`, areaText: null };
  record.institutionName = { canonicalName: o.name, shortName: o.shortName ?? o.name };
  record.summary = o.summary ?? `${o.name}の概要`;
  record.target = {
    targetPersons: o.targetPersons ?? null,
    conditions: null,
    greaterThanOrEqualTo: bound(o.months?.[0] ?? null),
    lessThanOrEqualTo: bound(o.months?.[1] ?? null),
    greaterThan: bound(null),
    lessThan: bound(null),
  };
  record.tag = { categoryCode: o.categories ?? ['003'], targetCode: o.targetCodes ?? ['087'], contentsCode: ['079'] };
  record.procedurePeriod = { fromYMD: null, fromHM: null, toYMD: o.procedureTo ?? null, toHM: null, conditions: null };
  return record;
}
