import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { CliCommand } from '../../platform/module.ts';
import { loadRegistryFile } from './registry-file.ts';
import { type ImportReport, importRegistry } from './use-cases/import-registry.ts';

const USAGE = `Usage: tsunagu registry import <path-or-url> [--force]

  Imports the Tokyo 子育て支援制度レジストリ file (130001_kosodateshienseido_tokyo.json, unchanged) in one
  transaction and prints a quality report. Re-importing the same file changes nothing.
  --force  allow an import that would retire more than 30% of the loaded programs (recorded in the audit log)`;

export function formatReport(report: ImportReport): string {
  const lines = [
    `records ${report.records} · areas ${report.areas} · created ${report.created} · updated ${report.updated} · retired ${report.retired} · unchanged ${report.unchanged}`,
    `age window: explicit ${report.ageSources.explicit} · inferred from text ${report.ageSources.inferred} · unknown ${report.ageSources.unknown} (unknown share ${(report.unknownAgeShare * 100).toFixed(1)}%)`,
    `prenatal ${report.prenatal} · income basis stated ${report.withIncomeBasis} · parse failures ${report.parseFailures}`,
    `per municipality: ${Object.entries(report.perMunicipality)
      .map(([code, n]) => `${code}=${n}`)
      .join(' ')}`,
    ...report.issueSamples.map((i) => `  ${i.field}: ${i.message}`),
  ];
  if (report.forced) lines.push('--force was given (recorded in the audit log)');
  lines.push(
    `time: check ${report.timings.normalise} ms · write ${report.timings.write} ms · index and statistics ${report.timings.index} ms`,
  );
  return lines.join('\n');
}

export const registryImportCommand: CliCommand = {
  name: 'registry',
  summary: 'Support-program registry: `registry import <path-or-url> [--force]`',
  usage: USAGE,
  async run(services, argv) {
    let parsed: ReturnType<typeof parseArgs<{ options: { force: { type: 'boolean' } }; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args: argv, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
    } catch (error) {
      process.stderr.write(`tsunagu: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    const [sub, location, ...extra] = parsed.positionals;
    if (sub !== 'import' || !location || extra.length) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    const started = performance.now();
    try {
      const records = await loadRegistryFile(location);
      const report = await importRegistry(services, {
        records,
        source: location,
        force: parsed.values.force,
        actor: SYSTEM_ACTOR,
      });
      process.stdout.write(
        `${formatReport(report)}\nimported in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      process.stderr.write(
        `tsunagu: ${error.detail.en}\n${error.fieldErrors.map((f) => `  ${f.field}: ${f.message}`).join('\n')}\n`,
      );
      return 1;
    }
  },
};
