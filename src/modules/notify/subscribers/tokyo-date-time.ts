/** Date and time of a tour or consultation in Tokyo, as the parent reads it. */
export function tokyoDateTime(startsAt: string): { ja: Record<string, string>; en: Record<string, string> } {
  const at = new Date(startsAt);
  const date = at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
  const time = at.toLocaleTimeString('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
  return { ja: { date, time }, en: { date, time } };
}
