import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { isValidMunicipalityCode } from './municipality-code.ts';

export const MUNICIPALITY_KINDS = ['prefecture', 'ward', 'city', 'town', 'village'] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];

export interface Municipality {
  code: string;
  name: string;
  nameEn: string;
  kind: MunicipalityKind;
}

const CSV_PATH = new URL('./data/municipalities.csv', import.meta.url);

/**
 * Tokyo and its 62 municipalities, from the CSV shipped with the module (copied from the shared reference data, so
 * the app never reads outside its own tree). Loaded once; a bad row stops the start rather than serving bad codes.
 */
function loadCatalog(): readonly Municipality[] {
  const rows = parse(readFileSync(CSV_PATH), { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
  return rows.map((row, index) => {
    const { code = '', name = '', name_en: nameEn = '', kind = '' } = row;
    if (!isValidMunicipalityCode(code)) throw new Error(`municipalities.csv row ${index + 2}: bad code ${code}`);
    if (!MUNICIPALITY_KINDS.includes(kind as MunicipalityKind)) {
      throw new Error(`municipalities.csv row ${index + 2}: unknown kind ${kind}`);
    }
    return Object.freeze({ code, name, nameEn, kind: kind as MunicipalityKind });
  });
}

export const MUNICIPALITIES: readonly Municipality[] = Object.freeze(loadCatalog());
const BY_CODE = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

export function findMunicipality(code: string): Municipality | undefined {
  return BY_CODE.get(code);
}
