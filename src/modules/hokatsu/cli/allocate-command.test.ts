import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAllocateCommand } from './allocate-command.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hokatsu-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAllocateCommand(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe('tsunagu hokatsu allocate', () => {
  it('reads an instance and writes the result file as specified', async () => {
    const input = join(dir, 'instance.json');
    const output = join(dir, 'result.json');
    await writeFile(
      input,
      JSON.stringify({
        nurseries: { n1: { '0': 1, '1': 2 }, n2: { '0': 1 } },
        applicants: [
          { id: 'a', ageClass: 0, priority: [50, 1], choices: ['n1', 'n2'], family: null, together: false },
          { id: 'b', ageClass: 0, priority: [50, 2], choices: ['n1'], family: null, together: false },
          { id: 'c', ageClass: 1, priority: [30], choices: ['n1'], family: 'f', together: true },
        ],
      }),
    );
    const r = await run(['allocate', '--in', input, '--out', output]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/allocated 3\/3 applicants .* blocking pairs: 0/);
    const result = JSON.parse(await readFile(output, 'utf8'));
    expect(result.assignments).toEqual({ a: 'n2', b: 'n1', c: 'n1' });
    expect(result.blockingPairs).toBe(0);
    expect(result.minimumIndex).toEqual({ n1: { '0': 50, '1': 30 }, n2: { '0': 50 } });
    expect(result.explanations.a.choices[0]).toMatchObject({ nursery: 'n1', outcome: 'full', waitlistRank: 1 });
  });

  it('prints usage and exits 2 on bad flags', async () => {
    for (const argv of [[], ['allocate'], ['allocate', '--in', 'x.json'], ['allocate', '--bogus'], ['run']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: tsunagu hokatsu allocate');
    }
    expect((await run(['allocate', '--help'])).code).toBe(0);
  });

  it('names the offending field of an invalid instance and exits 1', async () => {
    const input = join(dir, 'bad.json');
    await writeFile(
      input,
      JSON.stringify({
        nurseries: { n1: { '0': -1 } },
        applicants: [{ id: 'a', ageClass: 7, priority: [], choices: ['n1'] }],
      }),
    );
    const r = await run(['allocate', '--in', input, '--out', join(dir, 'out.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nurseries.n1.0');
    expect(r.stderr).toContain('applicants[0].ageClass');
    expect(r.stderr).toContain('applicants[0].priority');

    await writeFile(
      input,
      JSON.stringify({ nurseries: {}, applicants: [{ id: 'a', ageClass: 0, priority: [1], choices: ['zz'] }] }),
    );
    const unknown = await run(['allocate', '--in', input, '--out', join(dir, 'out.json')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("applicants[0].choices[0]: unknown nursery 'zz'");
    expect((await run(['allocate', '--in', join(dir, 'missing.json'), '--out', 'x'])).code).toBe(1);
  });
});
