import { readFileSync } from 'node:fs';

const DATA = new URL('../../src/modules/registry/data/', import.meta.url);

/**
 * A registry of the official file's size (7,814 records over 63 areas, per areas.csv) made by copying the real
 * subset's records over the areas. SYNTHETIC: used by the registry and push benchmarks.
 */
export function syntheticRegistry(): unknown[] {
  const subset = JSON.parse(readFileSync(new URL('tokyo-registry-subset.json', DATA), 'utf8')) as Record<
    string,
    unknown
  >[];
  const areas = readFileSync(new URL('areas.csv', DATA), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([code, name, count]) => ({ code: code!, name: name!, count: Number(count) }));
  const out: unknown[] = [];
  let k = 0;
  for (const area of areas) {
    for (let i = 0; i < area.count; i++) {
      const record = structuredClone(subset[k++ % subset.length]!);
      const info = record.basicInformation as { psid: string };
      record.basicInformation = { ...info, psid: `synthetic+${area.code}+${i}+${info.psid}` };
      record.area = { areaCode: `${area.code};${area.name}`, areaText: null };
      out.push(record);
    }
  }
  return out;
}
