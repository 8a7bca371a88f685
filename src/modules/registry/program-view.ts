import type { ProgramData } from './program-data.ts';

export interface ProgramSummary {
  id: string;
  psid: string;
  municipalityCode: string;
  name: string;
  shortName: string | null;
  summary: string | null;
  ageMonths: ProgramData['ageMonths'];
  prenatal: boolean;
  categories: string[];
  procedurePeriod: ProgramData['procedurePeriod'];
  url: string | null;
  updatedAt: string;
}

export function toSummary(row: { id: string; psid: string; data: ProgramData; updatedAt: Date }): ProgramSummary {
  const d = row.data;
  return {
    id: row.id,
    psid: row.psid,
    municipalityCode: d.municipalityCode,
    name: d.name,
    shortName: d.shortName,
    summary: d.summary,
    ageMonths: d.ageMonths,
    prenatal: d.prenatal,
    categories: d.categories,
    procedurePeriod: d.procedurePeriod,
    url: d.url,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Today's civil date in Tokyo, for effective dates and deadlines. */
export function tokyoToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}
