/**
 * Evaluation of the default (deterministic) extractor on the real registry: each record's own free-text fields as
 * input, its structured fields as truth (age boundary objects, 妊産婦 target code, procedure/implementation dates).
 * Prints per-field precision, recall and F1. Offline and deterministic: no wall-clock figures.
 *
 *   npm run bench:assist-eval [-- path/to/130001_kosodateshienseido_tokyo.json ...]
 *
 * Without arguments it evaluates the subset shipped with the registry and, if present, the full Tokyo file in
 * ../shared/data/tokyo-registry/ (this machine only has the subset; see PROVENANCE.md there).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildEvalSet, type EvalCase } from '../src/modules/assist/evaluation/eval-set.ts';
import { count, emptyScore, type FieldScore, metrics } from '../src/modules/assist/evaluation/score.ts';
import { japaneseExtractor } from '../src/modules/assist/extraction/japanese-extractor.ts';

const SUBSET = fileURLToPath(new URL('../src/modules/registry/data/tokyo-registry-subset.json', import.meta.url));
const FULL_CANDIDATES = [
  fileURLToPath(new URL('../../shared/data/tokyo-registry/130001_kosodateshienseido_tokyo.json', import.meta.url)),
];

async function evaluate(label: string, cases: EvalCase[], verbose: boolean) {
  const scores: Record<string, FieldScore> = {};
  const field = (name: string) => {
    scores[name] ??= emptyScore();
    return scores[name];
  };
  let ageCases = 0;
  let exactWindows = 0;
  let unscoredAgeProposals = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const { fields } = await japaneseExtractor.extract({ text: c.text });
    const age = fields.ageMonths?.value ?? null;
    if (c.truth.age) {
      ageCases++;
      count(field('age.min'), c.truth.age.min, age?.min ?? null);
      count(field('age.max'), c.truth.age.max, age?.max ?? null);
      count(field('age bounds (min+max)'), c.truth.age.min, age?.min ?? null);
      count(field('age bounds (min+max)'), c.truth.age.max, age?.max ?? null);
      const exact = age != null && age.min === c.truth.age.min && age.max === c.truth.age.max;
      if (exact) exactWindows++;
      else
        misses.push(
          `  ${c.name}: truth [${c.truth.age.min}, ${c.truth.age.max}) proposed ${
            age ? `[${age.min}, ${age.max}) from 「${fields.ageMonths!.evidence[0]!.quote}」` : 'nothing'
          }`,
        );
    } else if (age) {
      // Records without age bounds cannot score a proposal: the text may state an age the fields left out.
      unscoredAgeProposals++;
    }
    count(field('prenatal (target code 086)'), c.truth.prenatal ? true : null, fields.prenatal?.value ?? null);
    for (const key of ['procedurePeriod', 'implementationPeriod'] as const) {
      count(field(`${key}.from`), c.truth[key].from, fields[key]?.value.from ?? null);
      count(field(`${key}.to`), c.truth[key].to, fields[key]?.value.to ?? null);
    }
  }
  const pct = (x: number | null) => (x == null ? '   —  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
  console.log(
    `\n${label}: ${cases.length} records, ${ageCases} with consistent age bounds, ${cases.filter((c) => c.contradictory).length} with contradictory bounds (not scored)`,
  );
  console.log(
    `${'field'.padEnd(46)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}  precision  recall     F1`,
  );
  for (const [name, s] of Object.entries(scores)) {
    const m = metrics(s);
    console.log(
      `${name.padEnd(46)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${pct(m.precision)}    ${pct(m.recall)}  ${pct(m.f1)}`,
    );
  }
  console.log(`exact age window: ${exactWindows}/${ageCases}`);
  console.log(`age proposals on records without age bounds (no truth, not scored): ${unscoredAgeProposals}`);
  if (verbose && misses.length) console.log(`age windows not matched:\n${misses.join('\n')}`);
}

const files = process.argv.slice(2);
const targets = files.length ? files : [SUBSET, ...FULL_CANDIDATES.filter((f) => existsSync(f))];
if (!files.length && targets.length === 1)
  console.log('full Tokyo file: not on this machine (only the subset; see PROVENANCE.md)');
for (const file of targets) {
  const records = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as unknown[];
  await evaluate(file.replace(/^.*\//, ''), buildEvalSet(records), !process.env.QUIET);
}
