import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, organisationDate, organisationLocalToUtc, toOrganisationLocalInput } from "../../machines/kit/dates";

describe("the organisation's clock (Europe/London)", () => {
  it("shows a moment as UK time to the minute, the same whether or not that minute was shown before", () => {
    const cases: [string, string][] = [
      ["2026-11-23T14:05:00.000Z", "Mon, 23 Nov 2026, 14:05"],
      ["2026-11-23T14:05:59.999Z", "Mon, 23 Nov 2026, 14:05"],
      ["2026-07-01T08:30:00Z", "Wed, 1 Jul 2026, 09:30"],
      // The clocks go back at 02:00 BST on 25 October 2026: 00:59 and 01:00 UTC both read 01:xx.
      ["2026-10-25T00:59:00.000Z", "Sun, 25 Oct 2026, 01:59"],
      ["2026-10-25T01:00:00.000Z", "Sun, 25 Oct 2026, 01:00"],
      // Not UTC: read as written, not by its first sixteen characters.
      ["2026-07-01T08:30:00+05:00", "Wed, 1 Jul 2026, 04:30"],
    ];
    for (let round = 0; round < 2; round += 1) {
      for (const [iso, shown] of cases) expect(formatDateTime(iso)).toBe(shown);
    }
  });

  it("reads a datetime-local value as UK time, in winter and in summer", () => {
    expect(organisationLocalToUtc("2026-11-23T14:05")?.toISOString()).toBe("2026-11-23T14:05:00.000Z");
    expect(organisationLocalToUtc("2026-07-01T09:30")?.toISOString()).toBe("2026-07-01T08:30:00.000Z");
  });

  it("refuses values that are not a real date and time", () => {
    for (const value of ["", "tomorrow", "2026-02-30T10:00", "2026-11-23T25:00", "2026-11-23"]) {
      expect(organisationLocalToUtc(value)).toBeNull();
    }
  });

  it("round-trips a moment through the input format", () => {
    const moment = new Date("2026-07-01T08:30:00.000Z");
    expect(organisationLocalToUtc(toOrganisationLocalInput(moment))?.toISOString()).toBe(moment.toISOString());
  });

  it("judges today in UK time, not UTC", () => {
    expect(organisationDate(new Date("2026-06-30T23:30:00.000Z"))).toBe("2026-07-01");
  });

  it("describes spans in words", () => {
    expect(formatDuration("2026-11-23T10:00:00Z", "2026-11-23T10:01:00Z")).toBe("1 minute");
    expect(formatDuration("2026-11-23T10:00:00Z", "2026-11-23T11:05:00Z")).toBe("1 hour 5 minutes");
  });
});
