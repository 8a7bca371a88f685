import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { allocate } from '../allocation/allocate.ts';
import { allocationInstanceSchema, instanceReferenceErrors } from '../allocation/allocation-instance.ts';

export const ALLOCATE_USAGE = `Usage: tsunagu hokatsu allocate --in instance.json --out result.json

  Runs one nursery allocation round (利用調整) offline, for auditors and tests.
  --in   instance: { "nurseries": { "<id>": { "0": seats, ..., "5": seats } },
                     "applicants": [ { "id", "ageClass", "priority": [index, tieBreak...],
                                       "choices": ["<nurseryId>", ...], "family": "<id>" | null,
                                       "together": true | false, "current": "<nurseryId>" (transfers, optional) } ] }
  --out  result: { "assignments": { "<applicantId>": "<nurseryId>" | null }, "blockingPairs": n,
                   "minimumIndex": { "<nurseryId>": { "<age>": index | null } }, "waitlist", "explanations", ... }`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `hokatsu allocate`: 0 on success, 1 when the instance cannot be read or is invalid, 2 on bad usage. */
export async function runAllocateCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'allocate') {
    io.stderr(`tsunagu hokatsu: ${sub ? `unknown subcommand '${sub}'` : 'missing subcommand'}\n\n${ALLOCATE_USAGE}\n`);
    return 2;
  }
  let values: { in?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { in: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`tsunagu hokatsu allocate: ${(error as Error).message}\n\n${ALLOCATE_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${ALLOCATE_USAGE}\n`);
    return 0;
  }
  if (!values.in || !values.out) {
    io.stderr(`tsunagu hokatsu allocate: --in and --out are required\n\n${ALLOCATE_USAGE}\n`);
    return 2;
  }

  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(values.in, 'utf8'));
  } catch (error) {
    io.stderr(`tsunagu hokatsu allocate: cannot read ${values.in}: ${(error as Error).message}\n`);
    return 1;
  }
  const parsed = allocationInstanceSchema.safeParse(raw);
  const problems = parsed.success
    ? instanceReferenceErrors(parsed.data)
    : parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  if (!parsed.success || problems.length > 0) {
    const lines = problems.slice(0, 20).map((p) => `  ${p.path}: ${p.message}`);
    if (problems.length > 20) lines.push(`  … and ${problems.length - 20} more`);
    io.stderr(`tsunagu hokatsu allocate: ${values.in} is not a valid instance\n${lines.join('\n')}\n`);
    return 1;
  }

  const started = performance.now();
  const result = allocate(parsed.data);
  const ms = performance.now() - started;
  const { blocking: _blocking, ...rest2 } = result;
  await writeFile(values.out, `${JSON.stringify({ ...rest2, blockingPairList: result.blocking }, null, 1)}\n`);
  io.stdout(
    `allocated ${result.stats.assigned}/${result.stats.applicants} applicants in ${ms.toFixed(0)} ms; ` +
      `blocking pairs: ${result.blockingPairs}${result.stats.converged ? '' : ' (step limit reached)'}; wrote ${values.out}\n`,
  );
  return 0;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}${out ? '.' : ''}${String(key)}`),
    '',
  );
}
