import { describe, expect, it } from 'vitest';
import { computeIndex, type IndexAnswers } from './compute-index.ts';
import { findIndexRuleSet, latestIndexRuleSets } from './index-rule-catalog.ts';
import { type IndexRuleSet, indexRuleSetSchema } from './index-rule-schema.ts';

function total(rules: IndexRuleSet, answers: IndexAnswers) {
  const r = computeIndex(rules, answers);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(r.value.lines.reduce((s, l) => s + l.points, 0)).toBe(r.value.total);
  return r.value;
}

const rules = (m: string, y: number) => findIndexRuleSet(m, y)!;

describe('shipped rule sets', () => {
  it('are valid, at least three municipalities, all labelled as samples to verify', () => {
    const sets = latestIndexRuleSets();
    expect(new Set(sets.map((s) => s.municipality)).size).toBeGreaterThanOrEqual(3);
    for (const s of sets) {
      expect(s.status).toBe('sample');
      expect(s.notice.en).toContain('Sample from public documents — verify');
      expect(s.sources.length).toBeGreaterThan(0);
    }
  });

  it('荒川区: both parents 20 days × 8 h add up, a single parent gets +20', () => {
    const arakawa = rules('131181', 2021);
    expect(
      total(arakawa, {
        parents: [
          { reason: 'work-outside', daysPerMonth: 20, hoursPerDay: 8 },
          { reason: 'self-employed-home', daysPerMonth: 16, hoursPerDay: 5 },
        ],
        adjustments: [],
      }).total,
    ).toBe(20 + 14);
    const single = total(arakawa, {
      parents: [{ reason: 'work-outside', daysPerMonth: 12, hoursPerDay: 7 }],
      adjustments: ['single-parent'],
    });
    expect(single.total).toBe(14 + 0 + 20);
    expect(single.lines.map((l) => l.kind)).toEqual(['base', 'absent-parent', 'adjustment']);
  });

  it('江戸川区: the published example of a single mother is 50 + 50 + 10 = 110, and each parent is capped at 50', () => {
    const edogawa = rules('131237', 2025);
    expect(
      total(edogawa, {
        parents: [{ reason: 'work', daysPerMonth: 20, hoursPerDay: 7 }, { reason: 'absent' }],
        adjustments: ['single-parent-no-grandparents'],
      }).total,
    ).toBe(110);
    const capped = {
      ...edogawa,
      reasons: [{ ...edogawa.reasons[0]!, tiers: [{ minDaysPerMonth: 0, minHoursPerDay: 0, points: 60 }] }],
    } as IndexRuleSet;
    const r = total(capped, { parents: [{ reason: 'work', daysPerMonth: 22, hoursPerDay: 9 }], adjustments: [] });
    expect(r.lines.find((l) => l.kind === 'cap')?.points).toBe(-10);
    expect(r.total).toBe(50 + 50);
  });

  it('八王子市: weekly hours and fixed reasons, options by id; below every band is 0 with a note', () => {
    const hachioji = rules('132012', 2025);
    expect(
      total(hachioji, { parents: [{ reason: 'work', hoursPerWeek: 37.5 }, { reason: 'pregnancy' }], adjustments: [] })
        .total,
    ).toBe(9 + 10);
    expect(
      total(hachioji, {
        parents: [
          { reason: 'hospitalized', option: 'under-one-month' },
          { reason: 'outpatient', option: 'three-days-a-week' },
        ],
        adjustments: [],
      }).total,
    ).toBe(17);
    const bunkyo = rules('131059', 2021);
    const low = total(bunkyo, {
      parents: [{ reason: 'work-outside', daysPerMonth: 10, hoursPerDay: 8 }],
      adjustments: [],
    });
    expect(low.total).toBe(0);
    expect(low.lines[0]?.detail.en).toContain('below every band');
  });
});

describe('computeIndex', () => {
  const custom: IndexRuleSet = indexRuleSetSchema.parse({
    municipality: '131199',
    fiscalYear: 2026,
    version: 1,
    status: 'sample',
    notice: { ja: 'テスト', en: 'Test' },
    sources: [{ title: 'test' }],
    reasons: [
      {
        id: 'work',
        label: { ja: '就労', en: 'Work' },
        kind: 'hours-month',
        tiers: [
          { minHoursPerMonth: 160, points: 30 },
          { minHoursPerMonth: 64, points: 20 },
        ],
      },
    ],
    combine: { method: 'lower-parent', perParentCap: null, absentParentPoints: 25 },
    adjustments: [
      { id: 'a', label: { ja: 'A', en: 'A' }, points: 6, excludes: ['b'] },
      { id: 'b', label: { ja: 'B', en: 'B' }, points: 4 },
      { id: 'c', label: { ja: 'C', en: 'C' }, points: -2 },
    ],
    tieBreaks: [{ id: 'income', label: { ja: '所得割額の低い世帯', en: 'Lower income tax' }, kind: 'lower-income' }],
  });

  it('counts the lower parent and applies exclusions in rule order', () => {
    const r = total(custom, {
      parents: [
        { reason: 'work', hoursPerMonth: 170 },
        { reason: 'work', hoursPerMonth: 100 },
      ],
      adjustments: ['b', 'a', 'c'],
    });
    expect(r.total).toBe(20 + 6 - 2);
    expect(r.lines.find((l) => l.rule === 'b')).toMatchObject({ kind: 'excluded', points: 0 });
    expect(r.lines.find((l) => l.kind === 'combine')?.points).toBe(-30);
  });

  it('names the field of every bad answer', () => {
    const r = computeIndex(custom, {
      parents: [{ reason: 'work' }, { reason: 'sleeping' }],
      adjustments: ['zz'],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.field)).toEqual(['parents[0].hoursPerMonth', 'parents[1].reason', 'adjustments[0]']);
    const none = computeIndex(custom, { parents: [{ reason: 'absent' }], adjustments: [] });
    expect(none.ok).toBe(false);
  });

  it('rejects a rule file with an unknown exclusion or a duplicate reason', () => {
    const bad = { ...custom, adjustments: [{ id: 'a', label: { ja: 'A', en: 'A' }, points: 1, excludes: ['nope'] }] };
    expect(indexRuleSetSchema.safeParse(bad).error?.issues[0]?.path).toEqual(['adjustments', 0, 'excludes', 0]);
    const dup = { ...custom, reasons: [custom.reasons[0], custom.reasons[0]] };
    expect(indexRuleSetSchema.safeParse(dup).success).toBe(false);
  });
});
