import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../../platform/services.ts';
import { runImportCommand } from './import-commands.ts';

// Usage errors are found before any database work, so no services are needed here.
const noServices = {} as AppServices;

async function run(sub: string, argv: string[]) {
  let stderr = '';
  const code = await runImportCommand(noServices, sub, argv, {
    stdout: () => undefined,
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stderr };
}

describe('hokatsu import commands', () => {
  it('print usage and exit 2 on bad or missing flags', async () => {
    const cases: [string, string[], string][] = [
      ['import-nurseries', ['--file', 'x.csv'], '--municipality, --attribution required'],
      ['import-vacancies', ['--file', 'x.json'], '--attribution required'],
      ['import-minimum-index', ['--file', 'x.csv', '--municipality', '131032'], '--round, --source required'],
      ['import-nurseries', ['--bogus'], "Unknown option '--bogus'"],
      ['import-nurseries', [], '--file is required'],
    ];
    for (const [sub, argv, message] of cases) {
      const r = await run(sub, argv);
      expect(r.code, `${sub} ${argv.join(' ')}`).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain('Usage:');
    }
  });

  it('exits 1 when the file cannot be read', async () => {
    const r = await run('import-nurseries', [
      '--file',
      '/nonexistent.csv',
      '--municipality',
      '132012',
      '--attribution',
      'x',
    ]);
    expect(r.code).toBe(1);
  });
});
