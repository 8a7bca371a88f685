/** Today's civil date in Japan (JST has no daylight saving), from an instant: the date a parent in Tokyo sees. */
export function tokyoToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}
