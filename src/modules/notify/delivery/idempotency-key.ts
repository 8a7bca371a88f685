import { createHash } from 'node:crypto';

/**
 * The ledger's idempotency key for one (recipient, source, occurrence, channel endpoint), shaped as a UUID because
 * LINE's X-Line-Retry-Key must be one. Deterministic, so re-planning the same occurrence can only hit the unique
 * index. The same expression is computed in SQL by the set-based planner (see planning/digest-sql.ts); the test
 * checks both agree.
 */
export function idempotencyKey(parentId: string, source: string, occurrence: string, endpoint: string): string {
  const hex = createHash('sha256').update(`${parentId}|${source}|${occurrence}|${endpoint}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** SQL twin of idempotencyKey; arguments are SQL expressions. */
export function idempotencyKeySql(parentId: string, source: string, occurrence: string, endpoint: string): string {
  const digest = `encode(sha256(convert_to(${parentId}::text || '|' || ${source} || '|' || ${occurrence} || '|' || ${endpoint}, 'UTF8')), 'hex')`;
  return `(select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12) from (select ${digest} as h) k)`;
}
