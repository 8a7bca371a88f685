import { parse } from 'csv-parse/sync';
import { decodeJapaneseText } from './decode-text.ts';
import type { ImportIssue } from './open-data-csv.ts';

export interface MinimumIndexRecord {
  name: string;
  ageClass: number;
  minimumIndex: number | null;
  /** The published marker when it is not a plain number: 空有, 非公開, "38点以下"… */
  label: string | null;
}

const NAME_COLUMNS = ['保育園名', '園名', '保育施設', '施設名', '名称'];

/** "0歳", "0歳児", "1歳児" → age class; 57日 / 7か月 columns (中央区) count as age class 0, first one wins. */
function ageOfColumn(header: string): number | null {
  const h = header.normalize('NFKC');
  if (/日|か月|ヶ月/.test(h)) return 0;
  const m = h.match(/^(\d)歳/);
  return m ? Number(m[1]) : null;
}

/**
 * Reads a published minimum-index table (入所最低指数 / 利用調整結果): one row per nursery, one column per age class.
 * Cells: a number ("34", "40点"), a bound ("22以下"), or a marker (空有, 非公開); "―"/"-" or blank = no class.
 */
export function parseMinimumIndexCsv(bytes: Uint8Array): { records: MinimumIndexRecord[]; issues: ImportIssue[] } {
  const rows = parse(decodeJapaneseText(bytes), {
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as string[][];
  const issues: ImportIssue[] = [];
  const header = (rows[0] ?? []).map((h) => h.normalize('NFKC').trim());
  const nameColumn = header.findIndex((h) => NAME_COLUMNS.includes(h));
  if (nameColumn < 0)
    return {
      records: [],
      issues: [{ line: 1, field: 'header', message: `no name column (${NAME_COLUMNS.join(', ')})` }],
    };
  const ageColumns: { column: number; age: number }[] = [];
  header.forEach((h, column) => {
    const age = ageOfColumn(h);
    if (age !== null && !ageColumns.some((a) => a.age === age)) ageColumns.push({ column, age });
  });
  const records: MinimumIndexRecord[] = [];
  rows.slice(1).forEach((row, i) => {
    const name = row[nameColumn]?.trim();
    if (!name) {
      issues.push({ line: i + 2, field: header[nameColumn]!, message: 'missing name' });
      return;
    }
    for (const { column, age } of ageColumns) {
      const cell = (row[column] ?? '').normalize('NFKC').trim();
      if (!cell || /^[-―ー—–]$/.test(cell)) continue;
      const plain = cell.match(/^(\d+(?:\.\d+)?)点?$/);
      records.push({
        name,
        ageClass: age,
        minimumIndex: plain ? Number(plain[1]) : null,
        label: plain ? null : cell,
      });
    }
  });
  return { records, issues };
}
