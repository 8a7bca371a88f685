import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../platform/http/app-error.ts';
import { findIndexRuleSet } from '../index-rules/index-rule-catalog.ts';
import { parentTieBreakFacts, parentTieBreaks, tieBreakKeys } from './tie-break-facts.ts';

const hachioji = findIndexRuleSet('132012', 2025)!;

describe('tie-break facts', () => {
  it('asks the parent only what the municipality’s list needs', () => {
    expect(parentTieBreaks(hachioji).map((t) => t.id)).toEqual(['lower-income']);
    expect(parentTieBreaks(findIndexRuleSet('131237', 2025)!)).toEqual([]);
  });

  it('stores yen, null when not given, and names the field of a bad answer', () => {
    expect(parentTieBreakFacts(hachioji, { 'lower-income': '123,400円' })).toEqual({ 'lower-income': 123400 });
    expect(parentTieBreakFacts(hachioji, {})).toEqual({ 'lower-income': null });
    const bad = (raw: unknown) => {
      try {
        parentTieBreakFacts(hachioji, raw);
      } catch (e) {
        return (e as AppError).fieldErrors[0]?.field;
      }
      return 'accepted';
    };
    expect(bad({ 'lower-income': -5 })).toBe('body.tieBreakFacts.lower-income');
    expect(bad({ 'lower-income': 12.5 })).toBe('body.tieBreakFacts.lower-income');
    expect(bad({ 'priority-table': 1 })).toBe('body.tieBreakFacts.priority-table');
  });

  it('turns facts into keys: lower income first, missing last, in the rules’ order', () => {
    const low = tieBreakKeys(hachioji, { 'lower-income': 50_000 });
    const high = tieBreakKeys(hachioji, { 'lower-income': 300_000 });
    const none = tieBreakKeys(hachioji, { 'lower-income': null });
    expect(low).toHaveLength(2);
    const compare = (a: number[], b: number[]) => a.findIndex((x, i) => x !== b[i]);
    const first = compare(low, high);
    expect(low[first]!).toBeGreaterThan(high[first]!);
    expect(high[compare(high, none)]!).toBeGreaterThan(none[compare(high, none)]!);
  });
});
