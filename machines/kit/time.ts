/** Times in machines are ISO 8601 strings in UTC, and arrive in events: a machine never reads a clock. */
export function addMinutes(isoTime: string, minutes: number): string {
  return new Date(Date.parse(isoTime) + minutes * 60_000).toISOString();
}
