import { describe, expect, it } from 'vitest';
import { lineRetryKey } from './retry-key.ts';
import { truncateToFit, truncateUtf16 } from './text-limits.ts';

describe('truncateUtf16', () => {
  it('keeps short text and never splits a surrogate pair', () => {
    expect(truncateUtf16('こんにちは', 10)).toBe('こんにちは');
    expect(truncateUtf16('abcdef', 4)).toBe('abc…');
    const cut = truncateUtf16('ab😀cd', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe('truncateToFit', () => {
  it('finds the longest prefix that fits a byte budget', () => {
    const fits = (s: string) => Buffer.byteLength(s) <= 10;
    // 健診 (6 bytes) + … (3 bytes) fits in 10; one more kanji would not.
    expect(truncateToFit('健診のお知らせです', fits)).toBe('健診…');
    expect(truncateToFit('short', fits)).toBe('short');
  });
});

describe('lineRetryKey', () => {
  it('is a version 5 UUID that ignores the order of the deliveries', () => {
    const key = lineRetryKey(['b', 'a']);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lineRetryKey(['a', 'b'])).toBe(key);
    expect(lineRetryKey(['a', 'c'])).not.toBe(key);
  });
});
