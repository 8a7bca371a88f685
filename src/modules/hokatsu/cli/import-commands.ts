import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { AppServices } from '../../../platform/services.ts';
import { findMunicipality, MUNICIPALITIES } from '../../municipalities/index.ts';
import {
  type ImportReport,
  importMinimumIndexTable,
  importOpenDataNurseries,
  importVacancyList,
} from '../use-cases/import-nursery-data.ts';
import type { CliIo } from './allocate-command.ts';

export const IMPORT_USAGE = `Usage:
  tsunagu hokatsu import-nurseries --municipality <code> --file <子育て施設一覧.csv> --attribution <text>
      municipal standard open-data list (UTF-8 or Shift_JIS); re-importing updates rows in place
  tsunagu hokatsu import-vacancies --file <list.json> --attribution <text> [--municipality <code>] [--month YYYY-MM]
      vacancy list per facility and age class; the municipality defaults to the list's municipalityName
  tsunagu hokatsu import-minimum-index --municipality <code> --round YYYY-MM[/n] --file <table.csv> --source <text>
      last round's minimum admitted index per nursery and age class (n = round number, default 1)`;

const OPTIONS = {
  municipality: { type: 'string' },
  file: { type: 'string' },
  attribution: { type: 'string' },
  month: { type: 'string' },
  round: { type: 'string' },
  source: { type: 'string' },
} as const;

function usage(io: CliIo, message: string): number {
  io.stderr(`tsunagu hokatsu: ${message}\n\n${IMPORT_USAGE}\n`);
  return 2;
}

/** The import subcommands: 0 imported, 1 the file could not be read or imported, 2 bad usage. */
export async function runImportCommand(services: AppServices, sub: string, argv: string[], io: CliIo): Promise<number> {
  let values: Partial<Record<keyof typeof OPTIONS, string>>;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (!values.file) return usage(io, '--file is required');
  const required: Record<string, (keyof typeof OPTIONS)[]> = {
    'import-nurseries': ['municipality', 'attribution'],
    'import-vacancies': ['attribution'],
    'import-minimum-index': ['municipality', 'round', 'source'],
  };
  const lacking = (required[sub] ?? []).filter((k) => !values[k]);
  if (lacking.length > 0) return usage(io, `${lacking.map((k) => `--${k}`).join(', ')} required for ${sub}`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(values.file);
  } catch (error) {
    io.stderr(`tsunagu hokatsu: cannot read ${values.file}: ${(error as Error).message}\n`);
    return 1;
  }
  const municipality = values.municipality ? findMunicipality(values.municipality) : undefined;
  if (values.municipality && !municipality) return usage(io, `unknown municipality code '${values.municipality}'`);

  let report: ImportReport;
  if (sub === 'import-nurseries') {
    if (!municipality || !values.attribution) return usage(io, '--municipality and --attribution are required');
    report = await importOpenDataNurseries(
      services.db,
      { municipalityCode: municipality.code },
      {
        bytes,
        attribution: values.attribution,
      },
    );
  } else if (sub === 'import-vacancies') {
    if (!values.attribution) return usage(io, '--attribution is required');
    if (values.month && !/^\d{4}-\d{2}$/.test(values.month)) return usage(io, '--month must be YYYY-MM');
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch (error) {
      io.stderr(`tsunagu hokatsu: ${values.file} is not JSON: ${(error as Error).message}\n`);
      return 1;
    }
    const name = (raw as { municipalityName?: unknown })?.municipalityName;
    const target = municipality ?? MUNICIPALITIES.find((m) => m.name === name);
    if (!target) return usage(io, '--municipality is required (the list names no known municipality)');
    report = await importVacancyList(
      services.db,
      { municipalityCode: target.code },
      {
        raw,
        attribution: values.attribution,
        ...(values.month ? { month: `${values.month}-01` } : {}),
      },
    );
  } else {
    const round = values.round?.match(/^(\d{4}-\d{2})(?:\/(\d{1,2}))?$/);
    if (!municipality || !round || !values.source)
      return usage(io, '--municipality, --round YYYY-MM[/n] and --source are required');
    report = await importMinimumIndexTable(
      services.db,
      { municipalityCode: municipality.code },
      {
        bytes,
        roundMonth: `${round[1]}-01`,
        roundNo: Number(round[2] ?? 1),
        source: values.source,
      },
    );
  }
  for (const issue of report.issues.slice(0, 20)) io.stderr(`  line ${issue.line} ${issue.field}: ${issue.message}\n`);
  if (report.unmatched.length > 0)
    io.stderr(`  ${report.unmatched.length} name(s) matched no nursery: ${report.unmatched.slice(0, 10).join(', ')}\n`);
  io.stdout(
    `imported: ${report.nurseries} nurseries, ${report.vacancies} vacancy rows, ${report.minimumIndices} minimum-index rows\n`,
  );
  return 0;
}
