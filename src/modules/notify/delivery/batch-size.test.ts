import { describe, expect, it } from 'vitest';
import { firstBatchLimit, nextBatchLimit } from './batch-size.ts';

describe('nextBatchLimit', () => {
  it('claims the channel maximum while a quarter of the lease covers it', () => {
    // 500 in 0.25 s = 2,000/s; a quarter of a 60 s lease is 30,000 messages.
    expect(nextBatchLimit(500, 250, 60, 500)).toBe(500);
  });

  it('shrinks the claim when the lane is slow, so the batch ends well inside the lease', () => {
    // 500 in 12.5 s = 40/s; a quarter of a 15 s lease is 150 messages.
    expect(nextBatchLimit(500, 12_500, 15, 500)).toBe(150);
  });

  it('never goes below 20 (or the channel maximum when that is smaller), and starts at the maximum', () => {
    expect(nextBatchLimit(20, 60_000, 3, 500)).toBe(20);
    expect(nextBatchLimit(20, 60_000, 3, 10)).toBe(10);
    expect(nextBatchLimit(0, 0, 60, 500)).toBe(500);
  });

  it('starts small and grows with the measured rate', () => {
    expect(firstBatchLimit(500)).toBe(100);
    expect(firstBatchLimit(20)).toBe(20);
    // 100 in 0.2 s = 500/s; a quarter of a 15 s lease is 1,875, capped at 500.
    expect(nextBatchLimit(100, 200, 15, 500)).toBe(500);
  });
});
