import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../../platform/module.ts';
import { isValidMunicipalityCode } from '../municipalities/index.ts';
import { RecipientFileError } from './subsidies/recipient-file.ts';
import { exportRecipientsPmh } from './use-cases/export-recipients-pmh.ts';
import { importRecipients } from './use-cases/import-recipients.ts';

const IMPORT_USAGE = `Usage: tsunagu health import-recipients --municipality <code> [--format csv|json] <file>

  Imports medical-subsidy recipients (受給者) from the municipality's system: CSV in UTF-8 or Shift_JIS, or JSON in
  the PMH registration API shape (without myNumber; with residentNumber). Nothing is applied if any row is invalid.`;

export const importRecipientsCommand: CliCommand = {
  name: 'health import-recipients',
  summary: 'Import medical-subsidy recipients (CSV or PMH JSON)',
  usage: IMPORT_USAGE,
  async run(services, argv) {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(argv);
    } catch (error) {
      process.stderr.write(`tsunagu: ${(error as Error).message}\n\n${IMPORT_USAGE}\n`);
      return 2;
    }
    const { municipality, format, file } = parsed;
    try {
      const report = await importRecipients(services, {
        actor: { type: 'system', id: 'cli' },
        municipalityCode: municipality,
        fileName: basename(file),
        format,
        bytes: await readFile(file),
      });
      for (const e of report.errors) process.stdout.write(`row ${e.row} ${e.field}: ${e.message} / ${e.messageJa}\n`);
      process.stdout.write(
        `${report.rows} rows: ${report.added} added, ${report.changed} changed, ${report.ended} ended, ${report.unchanged} unchanged, ${report.errors.length} errors${report.errors.length ? ' — nothing imported' : ''}\n`,
      );
      return report.errors.length ? 1 : 0;
    } catch (error) {
      if (error instanceof RecipientFileError) {
        process.stderr.write(`tsunagu: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { municipality: { type: 'string' }, format: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('give exactly one file');
  if (!values.municipality || !isValidMunicipalityCode(values.municipality)) {
    throw new Error('--municipality needs a 6-digit municipality code');
  }
  const format = values.format ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json');
  return { municipality: values.municipality, format: format as 'csv' | 'json', file };
}

const EXPORT_USAGE = `Usage: tsunagu health export-recipients --municipality <code> --out <file.json>

  Writes the municipality's recipients in the PMH registration API shape, without myNumber (the municipal system adds
  it by residentNumber before submitting).`;

export const exportRecipientsCommand: CliCommand = {
  name: 'health export-recipients',
  summary: 'Export recipients in the PMH registration shape',
  usage: EXPORT_USAGE,
  async run(services, argv) {
    let values: { municipality?: string; out?: string };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { municipality: { type: 'string' }, out: { type: 'string' } },
        strict: true,
      }));
    } catch (error) {
      process.stderr.write(`tsunagu: ${(error as Error).message}\n\n${EXPORT_USAGE}\n`);
      return 2;
    }
    if (!values.municipality || !isValidMunicipalityCode(values.municipality) || !values.out) {
      process.stderr.write(`tsunagu: --municipality <code> and --out <file> are required\n\n${EXPORT_USAGE}\n`);
      return 2;
    }
    const records = await exportRecipientsPmh(services, {
      actor: { type: 'system', id: 'cli' },
      municipalityCode: values.municipality,
    });
    await writeFile(values.out, `${JSON.stringify(records, null, 2)}\n`);
    process.stdout.write(`${records.length} records written to ${values.out}\n`);
    return 0;
  },
};
