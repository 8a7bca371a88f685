/** Smallest claim a lane shrinks to, so a slow provider still gets batches worth a round trip to the database. */
const MIN_BATCH = 20;
/** A lane's first claim, before it has measured anything: the rate decides from there (up to the channel maximum). */
const FIRST_BATCH = 100;

export function firstBatchLimit(maxBatch: number): number {
  return Math.min(FIRST_BATCH, maxBatch);
}

/**
 * How many rows a lane claims next. A claimed batch must be sent and recorded well inside the lease, or another
 * worker takes it back as stale and re-sends it: safe (same retry keys, the provider answers 409), but every re-send
 * costs a request, which slows the lanes further on a loaded machine. So the claim follows the lane's last measured
 * rate: a quarter of the lease's worth, between MIN_BATCH and the channel's maximum.
 */
export function nextBatchLimit(sent: number, elapsedMs: number, leaseSeconds: number, maxBatch: number): number {
  const floor = Math.min(MIN_BATCH, maxBatch);
  if (sent <= 0 || elapsedMs <= 0) return maxBatch;
  const perSecond = (sent * 1000) / elapsedMs;
  return Math.max(floor, Math.min(maxBatch, Math.floor((perSecond * leaseSeconds) / 4)));
}
