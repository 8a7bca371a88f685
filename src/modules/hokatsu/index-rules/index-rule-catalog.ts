import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type IndexRuleSet, indexRuleSetSchema } from './index-rule-schema.ts';

const DATA_DIR = new URL('./data/', import.meta.url).pathname;

/**
 * The rule files shipped with Tsunagu (data/<municipality>-<fiscalYear>[-v<n>].json), validated on first use so
 * that a broken file fails loudly at start-up and in the tests, never in front of a parent.
 */
let cache: IndexRuleSet[] | null = null;

export function loadIndexRuleFiles(dir = DATA_DIR): IndexRuleSet[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = indexRuleSetSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`index rules ${file}: ${issue.path.join('.')}: ${issue.message}`);
      }
      return parsed.data;
    });
}

export function allIndexRuleSets(): IndexRuleSet[] {
  cache ??= loadIndexRuleFiles();
  return cache;
}

/** The newest version of a municipality's rules for a fiscal year, if any. */
export function findIndexRuleSet(municipality: string, fiscalYear: number): IndexRuleSet | undefined {
  return allIndexRuleSets()
    .filter((r) => r.municipality === municipality && r.fiscalYear === fiscalYear)
    .sort((a, b) => b.version - a.version)[0];
}

/** The newest rule set of each municipality and fiscal year. */
export function latestIndexRuleSets(): IndexRuleSet[] {
  const latest = new Map<string, IndexRuleSet>();
  for (const r of allIndexRuleSets()) {
    const key = `${r.municipality}/${r.fiscalYear}`;
    if ((latest.get(key)?.version ?? 0) < r.version) latest.set(key, r);
  }
  return [...latest.values()].sort(
    (a, b) => a.municipality.localeCompare(b.municipality) || b.fiscalYear - a.fiscalYear,
  );
}
