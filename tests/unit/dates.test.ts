import { describe, expect, it } from "vitest";
import { formatDuration, organisationDate, organisationLocalToUtc, toOrganisationLocalInput } from "../../app/utils/dates";

describe("the organisation's clock (Europe/London)", () => {
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
