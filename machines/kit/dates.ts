/** The organisation's clock: dates and times are shown, and "today" is judged, in this zone. */
export const ORGANISATION_TIME_ZONE = "Europe/London";

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: ORGANISATION_TIME_ZONE,
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

const isoDateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: ORGANISATION_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** "Mon, 23 Nov 2026, 14:05" in the organisation's time zone. */
export function formatDateTime(isoTime: string): string {
  return dateTimeFormat.format(new Date(isoTime));
}

const calendarDateFormat = new Intl.DateTimeFormat("en-GB", {
  // The date is a calendar day, not a moment: formatting it at midnight UTC keeps the same day.
  timeZone: "UTC",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "23 November 2026" for "2026-11-23". */
export function formatCalendarDate(isoDate: string): string {
  return calendarDateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

const monthFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "short", year: "numeric" });

/** "Nov 2026" for "2026-11": a calendar month, as the dashboard names it. */
export function formatMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** A calendar date (YYYY-MM-DD) moved by whole days, negative for earlier. */
export function addCalendarDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The calendar date (YYYY-MM-DD) in the organisation's time zone at the given moment. */
export function organisationDate(at: Date): string {
  return isoDateFormat.format(at);
}

/** "12 minutes", "1 hour 5 minutes": a span between two moments, for people. */
export function formatDuration(fromIso: string, toIso: string): string {
  return formatMinutes(Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000)));
}

/** "12 minutes", "1 hour 5 minutes": a number of minutes, for people. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hoursText = `${hours} hour${hours === 1 ? "" : "s"}`;
  return rest === 0 ? hoursText : `${hoursText} ${rest} minute${rest === 1 ? "" : "s"}`;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: ORGANISATION_TIME_ZONE, weekday: "short", day: "numeric", month: "short", year: "numeric" });

const timeOfDayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: ORGANISATION_TIME_ZONE, hour: "2-digit", minute: "2-digit" });

/** "16:58" on the day it is now, else "16:58 on Mon, 23 Nov 2026": a moment on the organisation's clock, as said in a sentence. */
export function formatTimeSaid(isoTime: string, now: Date): string {
  const at = new Date(isoTime);
  const time = timeOfDayFormat.format(at);
  return organisationDate(at) === organisationDate(now) ? time : `${time} on ${dateFormat.format(at)}`;
}

/**
 * Reads the value of an <input type="datetime-local"> ("2026-11-23T14:05") as a time in the
 * organisation's zone and returns the moment in UTC. Returns null for anything else.
 */
export function organisationLocalToUtc(local: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(asIfUtc).getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The zone's offset at that moment, found by formatting the guess back in the zone.
  const offsetMinutes = zoneOffsetMinutes(new Date(asIfUtc));
  const guess = asIfUtc - offsetMinutes * 60_000;
  const corrected = asIfUtc - zoneOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(corrected);
}

const organisationClockFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: ORGANISATION_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Year, month, day, hour, minute and second of a moment on the organisation's clock, zero-padded. */
export function organisationClockParts(at: Date) {
  const parts = organisationClockFormat.formatToParts(at);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return { year: value("year"), month: value("month"), day: value("day"), hour: value("hour"), minute: value("minute"), second: value("second") };
}

function zoneOffsetMinutes(at: Date): number {
  const parts = organisationClockParts(at);
  const zoned = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
  return Math.round((zoned - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The value for a datetime-local input showing this moment in the organisation's zone. */
export function toOrganisationLocalInput(at: Date): string {
  const parts = organisationClockParts(at);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
