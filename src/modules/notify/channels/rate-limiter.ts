/**
 * In-process token buckets for the outside channels.
 *
 * A bucket holds up to `burst` tokens and refills at `perSecond`; each request takes one token and waits when none is
 * left, so a channel never asks more of a provider than its published limit (LINE: 2,000 requests/s per channel by
 * default). Waiters are served first come, first served, so a steady stream cannot starve an earlier batch.
 *
 * The buckets live in one process: with several workers each worker gets its own share, so the operator divides the
 * provider's limit by the number of workers (the provider's 429 is still handled as a temporary failure when the sum
 * overshoots). A 429 with Retry-After pauses the bucket, so the rest of the batch stops asking until then.
 */

export interface TokenBucketOptions {
  /** Tokens added per second (the sustained request rate). */
  perSecond: number;
  /** Largest number of requests allowed back to back; defaults to one second's worth. */
  burst?: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
}

export class TokenBucket {
  readonly perSecond: number;
  readonly burst: number;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = 0;
  private readonly now: () => number;
  /** Tail of the queue of waiters: each take() chains on it so waiters are served in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    if (!(options.perSecond > 0)) throw new RangeError('perSecond must be > 0');
    this.perSecond = options.perSecond;
    this.burst = Math.max(1, options.burst ?? Math.ceil(options.perSecond));
    this.now = options.now ?? (() => performance.now());
    this.tokens = this.burst;
    this.updatedAt = this.now();
  }

  /** Milliseconds until one token is available (0 when one is available now). Does not take it. */
  waitTimeMs(): number {
    this.refill();
    const pause = Math.max(0, this.pausedUntil - this.now());
    if (this.tokens >= 1) return pause;
    return Math.max(pause, ((1 - this.tokens) / this.perSecond) * 1000);
  }

  /** Takes a token when one is free now; never waits. */
  tryTake(): boolean {
    if (this.waitTimeMs() > 0) return false;
    this.tokens -= 1;
    return true;
  }

  /** Resolves once a token has been taken for the caller. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = this.waitTimeMs();
        if (wait <= 0) break;
        await sleep(wait);
      }
      this.tokens -= 1;
    });
    this.queue = turn;
    return turn;
  }

  /** The provider asked us to back off (429 + Retry-After): nobody takes a token before then. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = now - this.updatedAt;
    if (elapsed > 0) {
      this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.perSecond);
      this.updatedAt = now;
    }
  }
}

/** One bucket per key (per LINE channel), made on first use with the same options. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: TokenBucketOptions) {}

  bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.options);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.ceil(ms)));
}
