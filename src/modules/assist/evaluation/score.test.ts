import { describe, expect, it } from 'vitest';
import { count, emptyScore, metrics } from './score.ts';

describe('field scores', () => {
  it('counts a wrong value as both a false positive and a false negative', () => {
    const s = emptyScore();
    count(s, 36, 36);
    count(s, 36, 48);
    count(s, null, 12);
    count(s, 24, null);
    count(s, null, null);
    expect(s).toEqual({ tp: 1, fp: 2, fn: 2 });
    expect(metrics(s)).toEqual({ precision: 1 / 3, recall: 1 / 3, f1: 1 / 3 });
  });
});
