import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditPurposeLabel } from '../../platform/audit/audit-labels.ts';
import { IDENTITY_ACTION_LABELS, IDENTITY_PURPOSE_LABELS } from './identity.audit-labels.ts';

const root = new URL('.', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.includes('.test.') && !e.name.includes('audit-labels')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
// Only the audit calls: an `action: '…'` followed by its `purpose: …` a few lines on, with no other action between
// (the demo card's form also has an `action` field, a zod enum, which this does not match).
const AUDIT = /action: '([a-z-]+\.[a-z-]+)',(?:(?!action: )[\s\S]){0,300}?purpose: ([^\n]+)/g;
// The literal purposes of a `purpose:` line: every quoted string except those compared against (`=== 'parent'`).
const literals = (line: string) =>
  [...line.replaceAll(/===\s*'[^']*'/g, '').matchAll(/'([^']+)'/g)].map((m) => m[1] as string);

describe('access-log labels of identity', () => {
  const calls = sources(root).flatMap((text) => [...text.matchAll(AUDIT)]);
  const actions = new Set(calls.map((m) => m[1] as string));
  const purposes = new Set(calls.flatMap((m) => literals(m[2] as string)));

  it('finds the actions and purposes the module writes', () => {
    expect(actions).toContain('child.register');
    expect(actions).toContain('parent.register');
    expect(actions).toContain('household.read');
    expect(purposes).toContain('parent registers a child');
    expect(purposes).toContain('first sign-in with the card');
    expect(purposes).toContain('own household'); // from a conditional
    expect(purposes).not.toContain('parent'); // the compared actor type is not a purpose
  });

  it('every action identity writes has a Japanese and an English label', () => {
    expect([...actions].filter((a) => !(a in IDENTITY_ACTION_LABELS))).toEqual([]);
    for (const action of actions) {
      expect(auditActionLabel(action, 'ja')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(auditActionLabel(action, 'en')).toMatch(/^[A-Z]/);
    }
  });

  it('every purpose identity writes in its own words reads in Japanese and English', () => {
    expect([...purposes].filter((p) => !(p in IDENTITY_PURPOSE_LABELS))).toEqual([]);
    for (const purpose of purposes) {
      expect(auditPurposeLabel(purpose, 'ja')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(auditPurposeLabel(purpose, 'en')).toMatch(/^[A-Za-z]/);
    }
    expect(auditPurposeLabel('parent registers a child', 'ja')).toBe('保護者によるお子さんの登録');
    expect(auditPurposeLabel('first sign-in with the card', 'ja')).toBe('マイナンバーカードでの初回ログイン');
  });
});
