import { parse } from 'csv-parse/sync';
import type { NurseryCategory } from '../hokatsu.tables.ts';
import { decodeJapaneseText } from './decode-text.ts';

/** A nursery as read from an import, before it is matched to a stored row. */
export interface NurseryRecord {
  municipalityCode: string;
  externalId: string;
  name: string;
  nameKana: string | null;
  category: NurseryCategory;
  typeLabel: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  capacity: number | null;
  minAgeClass: number | null;
  maxAgeClass: number | null;
  opensAt: string | null;
  closesAt: string | null;
  extendedCare: boolean | null;
  temporaryCare: boolean | null;
  phone: string | null;
  url: string | null;
  notes: string | null;
}

export interface ImportIssue {
  line: number;
  field: string;
  message: string;
}

/** Maps a publisher's 種別 to our categories; order matters (認定こども園 before 保育所). */
export function categoryOf(typeLabel: string): NurseryCategory {
  const t = typeLabel.normalize('NFKC');
  if (/こども園/.test(t)) return 'certified-kodomoen';
  if (/認証/.test(t)) return 'tokyo-certified';
  if (/小規模/.test(t)) return 'small-scale';
  if (/家庭的/.test(t)) return 'home-based';
  if (/事業所内/.test(t)) return 'workplace';
  if (/幼稚園/.test(t)) return 'kindergarten';
  if (/認可外/.test(t)) return 'unlicensed';
  if (/保育/.test(t)) return 'licensed';
  return 'other';
}

const TIME = /^(\d{1,2})[:：](\d{2})$/;
function time(value: string | undefined): string | null {
  const m = value?.normalize('NFKC').trim().match(TIME);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

function number(value: string | undefined): number | null {
  if (!value?.trim()) return null;
  const n = Number(value.normalize('NFKC').replace(/[,人名]/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** 受入年齢 is free text: "1歳クラスから", "生後57日から", "0歳〜2歳", "3歳以上". */
export function ageRange(text: string | undefined): { min: number | null; max: number | null } {
  if (!text?.trim()) return { min: null, max: null };
  const t = text.normalize('NFKC');
  if (/生後|産休明け|か月|ヶ月|カ月/.test(t)) {
    const upTo = t.match(/(\d)歳[^\d]*(まで|児まで)/);
    return { min: 0, max: upTo ? Number(upTo[1]) : 5 };
  }
  const ages = [...t.matchAll(/(\d)歳/g)].map((m) => Number(m[1]));
  if (ages.length === 0) return { min: null, max: null };
  if (ages.length === 1) return /まで/.test(t) ? { min: 0, max: ages[0]! } : { min: ages[0]!, max: 5 };
  return { min: Math.min(...ages), max: Math.max(...ages) };
}

/**
 * Reads the municipal standard open-data list 「子育て施設一覧」 (推奨データセット, 28 columns, UTF-8 or Shift_JIS).
 * Rows without a name are reported and skipped; the rest are imported as far as their columns allow.
 */
export function parseOpenDataCsv(
  bytes: Uint8Array,
  fallbackMunicipality: string | null,
): { records: NurseryRecord[]; issues: ImportIssue[] } {
  const rows = parse(decodeJapaneseText(bytes), {
    columns: (header: string[]) => header.map((h) => h.normalize('NFKC').trim()),
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as Record<string, string>[];
  const records: NurseryRecord[] = [];
  const issues: ImportIssue[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const name = row['名称'];
    if (!name) {
      issues.push({ line, field: '名称', message: 'missing name' });
      return;
    }
    const code = (row['都道府県コード又は市区町村コード'] ?? '').normalize('NFKC');
    const municipalityCode = /^\d{6}$/.test(code) ? code : fallbackMunicipality;
    if (!municipalityCode) {
      issues.push({ line, field: '都道府県コード又は市区町村コード', message: 'no 6-digit municipality code' });
      return;
    }
    const typeLabel = row['種別'] || null;
    const ages = ageRange(row['受入年齢']);
    const remarks = [row['利用可能日時特記事項'], row['備考']].filter(Boolean).join(' / ');
    const latitude = number(row['緯度']);
    const longitude = number(row['経度']);
    const temporary = row['一時預かりの有無']?.normalize('NFKC');
    records.push({
      municipalityCode,
      externalId: row.NO || `${name}`,
      name,
      nameKana: row['名称_カナ']?.normalize('NFKC') || null,
      category: categoryOf(typeLabel ?? ''),
      typeLabel,
      address: [row['住所'], row['方書']].filter(Boolean).join(' ') || null,
      latitude: latitude !== null && Math.abs(latitude) <= 90 ? latitude : null,
      longitude: longitude !== null && Math.abs(longitude) <= 180 ? longitude : null,
      capacity: number(row['収容定員']),
      minAgeClass: ages.min,
      maxAgeClass: ages.max,
      opensAt: time(row['開始時間']),
      closesAt: time(row['終了時間']),
      extendedCare: remarks ? /延長/.test(remarks) : null,
      temporaryCare: temporary === '有' ? true : temporary === '無' ? false : null,
      phone: row['電話番号'] || null,
      url: row.URL || null,
      notes: remarks || null,
    });
  });
  return { records, issues };
}
