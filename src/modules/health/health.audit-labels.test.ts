import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditPurposeLabel } from '../../platform/audit/audit-labels.ts';
import { HEALTH_ACTION_LABELS } from './health.audit-labels.ts';

const root = new URL('.', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.includes('.test.')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );

// Actions are written as `action: '…'` or through the module's audit helpers (auditChildAccess, auditPregnancy,
// refusalAudit), and as SQL literals in the database function of the eligibility check (its migration).
const ACTION =
  /(?:action: |auditChildAccess\(\s*tx,\s*req,\s*visit,\s*|auditPregnancy\(\s*tx,\s*req,\s*visit,\s*|refusalAudit\(\s*req,\s*)'(health-[a-z-]+\.[a-z-]+)'/g;
const SQL_ACTION = /'(health-[a-z-]+\.[a-z-]+)'/g;
const migrations = new URL('../../../migrations/', import.meta.url).pathname;
const healthMigrations = readdirSync(migrations)
  .filter((name) => name.includes('health') && name.endsWith('.sql'))
  .map((name) => readFileSync(join(migrations, name), 'utf8'));

describe('access-log labels of health', () => {
  const written = new Set([
    ...sources(root).flatMap((text) => [...text.matchAll(ACTION)].map((m) => m[1] as string)),
    ...healthMigrations.flatMap((text) => [...text.matchAll(SQL_ACTION)].map((m) => m[1] as string)),
  ]);

  it('finds the actions the module writes', () => {
    expect(written).toContain('health-eligibility.check');
    expect(written).toContain('health-visit.read');
    expect(written).toContain('health-prenatal.check');
  });

  it('every action health writes has a Japanese and an English label', () => {
    const missing = [...written].filter((a) => !(a in HEALTH_ACTION_LABELS));
    expect(missing).toEqual([]);
    for (const action of written) {
      expect(auditActionLabel(action, 'ja')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(auditActionLabel(action, 'en')).toMatch(/^[A-Z]/);
    }
  });

  it('purposes read in the parent’s language; an unregistered purpose stays as written', () => {
    expect(auditPurposeLabel('subsidy eligibility check at a clinic', 'ja')).toBe('医療機関での受給資格確認');
    expect(auditPurposeLabel('clinic reception: 妊婦健診', 'en')).toBe('clinic reception: prenatal check-up');
    expect(auditPurposeLabel('clinic check without a valid consent code', 'ja')).toMatch(
      /[\u3040-\u30ff\u4e00-\u9fff]/,
    );
    expect(auditPurposeLabel('something new', 'ja')).toBe('something new');
  });
});
