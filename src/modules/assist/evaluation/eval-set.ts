import { explicitAgeWindow } from '../../registry/index.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (v == null || String(v).trim() === '' ? null : String(v).trim());

export interface EvalCase {
  psid: string;
  name: string;
  /** The record's own words, laid out the way a municipal page orders them. */
  text: string;
  truth: {
    /** null: the record has no (consistent) age bounds; such records are not scored for age. */
    age: { min: number | null; max: number | null } | null;
    /** 妊産婦 target code 086. */
    prenatal: boolean;
    procedurePeriod: { from: string | null; to: string | null };
    implementationPeriod: { from: string | null; to: string | null };
  };
  /** The bounds contradicted each other (min ≥ max): left out of the age score, counted in the report. */
  contradictory: boolean;
}

function isoOrNull(value: unknown): string | null {
  const m = str(value)
    ?.normalize('NFKC')
    .match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
}

/**
 * One case per raw registry record: the input is only its free-text fields (no boundary objects, dates or tags),
 * the truth is its structured fields. Contact fields are left out of both: the page text would simply contain them.
 */
export function buildEvalSet(records: unknown[]): EvalCase[] {
  const cases: EvalCase[] = [];
  for (const raw of records) {
    const r = obj(raw);
    if (!r) continue;
    const names = obj(r.institutionName);
    const target = obj(r.target);
    const support = obj(r.support);
    const pp = obj(r.procedurePeriod);
    const ip = obj(r.implementationPeriod);
    const name = str(names?.shortName) ?? str(names?.canonicalName) ?? '';
    const section = (heading: string, ...parts: unknown[]) => {
      const body = [...new Set(parts.map(str).filter((p): p is string => p != null))].join('\n');
      return body ? `${heading}\n${body}` : '';
    };
    const text = [
      name,
      str(r.summary) ?? '',
      section('対象', target?.targetPersons, target?.conditions),
      section('内容', r.description, support?.description, support?.monetarySupport, support?.materiallySupport),
      section('申請期間', pp?.conditions),
      section('実施期間', ip?.conditions),
      section('申請方法', r.procedureMethod, r.utilization),
      section('備考', r.remarks),
    ]
      .filter(Boolean)
      .join('\n');
    const window = explicitAgeWindow(target);
    const tag = obj(r.tag);
    const targetCodes = Array.isArray(tag?.targetCode)
      ? tag.targetCode.map((c) => String(c).trim().padStart(3, '0'))
      : [];
    cases.push({
      psid: str(obj(r.basicInformation)?.psid) ?? '',
      name,
      text,
      truth: {
        age: window && window !== 'invalid' ? { min: window.min, max: window.max } : null,
        prenatal: targetCodes.includes('086'),
        procedurePeriod: { from: isoOrNull(pp?.fromYMD), to: isoOrNull(pp?.toYMD) },
        implementationPeriod: { from: isoOrNull(ip?.fromYMD), to: isoOrNull(ip?.toYMD) },
      },
      contradictory: window === 'invalid',
    });
  }
  return cases;
}
