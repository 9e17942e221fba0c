/** Calendar arithmetic on 'YYYY-MM-DD' strings and epoch milliseconds, all in UTC. */

export const DAY_MS = 86_400_000;

export function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoDaysBefore(date: string, days: number): string {
  return isoDate(dayStart(date) - days * DAY_MS);
}

export function isoDaysAfter(date: string, days: number): string {
  return isoDate(dayStart(date) + days * DAY_MS);
}

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
