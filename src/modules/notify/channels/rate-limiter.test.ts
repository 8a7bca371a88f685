import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter, TokenBucket } from './rate-limiter.ts';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the configured rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 3, now: () => now });
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    expect(bucket.waitTimeMs()).toBeCloseTo(100);
    now = 100;
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    now = 10_000;
    // Refill is capped at the burst size.
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  });

  it('pauses every taker after a Retry-After', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 100, now: () => now });
    bucket.pauseFor(2_000);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.waitTimeMs()).toBe(2_000);
    now = 2_000;
    expect(bucket.tryTake()).toBe(true);
  });

  it('take() waits for tokens and serves waiters in order', async () => {
    const bucket = new TokenBucket({ perSecond: 200, burst: 1 });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(bucket.tryTake()).toBe(false);
  });

  it('refuses a non-positive rate', () => {
    expect(() => new TokenBucket({ perSecond: 0 })).toThrow(RangeError);
  });
});

describe('KeyedRateLimiter', () => {
  it('keeps one independent bucket per key', () => {
    const limiter = new KeyedRateLimiter({ perSecond: 1, burst: 1, now: () => 0 });
    expect(limiter.bucket('adachi').tryTake()).toBe(true);
    expect(limiter.bucket('adachi').tryTake()).toBe(false);
    expect(limiter.bucket('edogawa').tryTake()).toBe(true);
    expect(limiter.bucket('adachi')).toBe(limiter.bucket('adachi'));
  });
});
