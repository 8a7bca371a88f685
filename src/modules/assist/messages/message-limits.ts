/**
 * Channel limits the drafts are held to. LINE: a text message holds at most 5,000 characters. Web Push: the
 * encrypted payload may be 4,096 bytes; aes128gcm adds 86 bytes of header and padding, so the JSON title/body we
 * hand to notify must stay well under that — and a phone shows about 40 characters of title and 120 of body anyway.
 */
export const MESSAGE_LIMITS = {
  lineChars: 5000,
  pushTitleChars: 40,
  pushBodyChars: 120,
  pushPayloadBytes: 3000,
  emailSubjectChars: 100,
  emailBodyChars: 20_000,
} as const;

export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function pushPayloadBytes(title: string, body: string): number {
  return Buffer.byteLength(JSON.stringify({ title, body }));
}
