import { createHash } from 'node:crypto';

/** Fixed namespace of Tsunagu's LINE retry keys (a random UUID chosen once; never change it, or retries duplicate). */
const LINE_RETRY_NAMESPACE = '6f1d9c52-3b7e-4a8f-9d21-5c0e7b4a1f38';

/**
 * The X-Line-Retry-Key of one LINE request: a name-based UUID (version 5, RFC 9562) of the sorted idempotency keys
 * of the deliveries it carries. The same deliveries always give the same key, so when the pipeline retries a request
 * whose answer was lost, LINE recognises it (409) instead of sending it again.
 */
export function lineRetryKey(idempotencyKeys: readonly string[]): string {
  const name = [...idempotencyKeys].sort().join('\n');
  return uuidV5(name, LINE_RETRY_NAMESPACE);
}

export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
