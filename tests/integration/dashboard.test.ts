import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDashboard, lastMonths, median, mayViewDashboard, percentile, type Dashboard } from "../../app/models/dashboard.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { abuseCounts } from "../../app/paths/staff-abuse/dashboard.server";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import { channels, type Incident } from "../../db/schema";
import { DEMO_PEOPLE } from "../../db/seed";
import { applyEvent } from "../../db/workflow";
import type { MistakenPostDetails } from "../../machines/mistaken-post";
import type { AbuseReport } from "../../machines/staff-abuse";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { reportAbuseAs, SAMPLE_ABUSE_REPORT } from "../helpers/staff-abuse";

/**
 * The dashboard on a real database: incidents made through the real models, events applied at
 * chosen times, and every figure checked against numbers worked out by hand from the seed below.
 * The clock is fixed at NOW, so "the last six months" are June to November 2026.
 */

const NOW = new Date("2026-11-20T12:00:00.000Z");
const at = (iso: string) => new Date(iso);
const plus = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

let test: TestDatabase;
const mistaken: Record<string, Incident> = {};
const abuse: Record<string, Incident> = {};

function actor(key: string) {
  return { ...test.person(key), roles: DEMO_PEOPLE.find((candidate) => candidate.key === key)!.roles as string[] };
}

function post(account: string, postedAt: Date): MistakenPostDetails {
  return { platform: "Facebook", account, link: null, postedAt: postedAt.toISOString(), whatHappened: "Posted the wrong notice." };
}

/** Sends events to an incident one after another, each at its own minute after the report. */
function run(incident: Incident, reportedAt: Date, steps: [minutes: number, by: string, event: { type: string; [field: string]: unknown }][]) {
  let version = incident.version;
  for (const [minutes, by, event] of steps) {
    const person = actor(by);
    version = applyEvent(test.db, { incidentId: incident.id, expectedVersion: version, event: { ...event, by: person }, actor: person, now: plus(reportedAt, minutes) }).version;
  }
}

const notDeleted = { type: "RECORD_NOT_DELETED", reason: "not_possible", explanation: "The account was locked." };
const lowRisk = { type: "ASSESS_RISK", likelihood: 1, impact: 1, reach: 1, factors: [], decision: "do_not_engage", rationale: "Few saw it.", crisisPlanNeeded: false };
const close = { type: "CLOSE", whatHappened: "Wrong notice.", lessons: "Check twice.", followUps: [] };
/** The wording of two late steps of an abuse report: the removal's (Communications may see it) and the police's (they may not). */
const PLATFORM_STEP = "The platform's answer to the removal request";
const POLICE_STEP = "A police report, or the reason not to make one, to be recorded";

function abuseReport(kinds: AbuseReport["kinds"], platform: string): AbuseReport {
  return { ...SAMPLE_ABUSE_REPORT, kinds, platform };
}

beforeAll(() => {
  // Only the clock is faked, so reportAbuseAs (which reports "now") reports at NOW.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  test = createTestDatabase({ now: NOW });

  // M1: acknowledged at +10 min, assessed at +40, closed at +120.
  const m1At = at("2026-11-02T09:00:00.000Z");
  mistaken.m1 = reportMistakenPost(test.db, test.person("library-assistant"), post("@EastbridgeLibraries", m1At), m1At);
  run(mistaken.m1, m1At, [
    [10, "libraries-manager", { type: "ACKNOWLEDGE" }],
    [20, "comms1", notDeleted],
    [40, "comms1", lowRisk],
    [50, "comms1", { type: "LEADER_NOT_NEEDED", reason: "Not a reputational issue." }],
    [120, "comms1", close],
  ]);

  // M2: acknowledged at +30, assessed at +100 with a crisis plan that pauses @EastbridgeCouncil; waits for the Leader.
  const m2At = at("2026-11-05T10:00:00.000Z");
  mistaken.m2 = reportMistakenPost(test.db, test.person("library-assistant"), post("@EastbridgeCouncil", m2At), m2At);
  const council = test.db.select().from(channels).where(eq(channels.handle, "@EastbridgeCouncil")).get()!;
  run(mistaken.m2, m2At, [
    [30, "libraries-manager", { type: "ACKNOWLEDGE" }],
    [35, "comms1", notDeleted],
    [100, "comms1", { ...lowRisk, likelihood: 4, impact: 4, reach: 4, decision: "respond", crisisPlanNeeded: true }],
    [
      110,
      "comms1",
      {
        type: "CREATE_CRISIS_PLAN",
        holdingStatement: "We are correcting a wrong post.",
        spokesperson: "Dan Okafor",
        audiences: "Residents",
        channels: [council.id],
        channelNames: [council.handle],
        reviewAt: plus(NOW, 24 * 60).toISOString(),
        tasks: [{ title: "Brief the library team", owner: test.person("dir-place"), dueAt: plus(NOW, 24 * 60).toISOString() }],
      },
    ],
  ]);

  // M3: acknowledged at +5 by the Head of Parks; waits at deletion.
  const m3At = at("2026-11-10T14:00:00.000Z");
  mistaken.m3 = reportMistakenPost(test.db, test.person("parks-officer"), post("@EastbridgeParks", m3At), m3At);
  run(mistaken.m3, m3At, [[5, "head-parks", { type: "ACKNOWLEDGE" }]]);

  // M6: acknowledged at +15, assessed at +60, closed at +300.
  const m6At = at("2026-11-12T08:00:00.000Z");
  mistaken.m6 = reportMistakenPost(test.db, test.person("library-assistant"), post("@EastbridgeLibraries", m6At), m6At);
  run(mistaken.m6, m6At, [
    [15, "libraries-manager", { type: "ACKNOWLEDGE" }],
    [20, "comms1", notDeleted],
    [60, "comms1", lowRisk],
    [70, "comms1", { type: "LEADER_NOT_NEEDED", reason: "Not a reputational issue." }],
    [300, "comms1", close],
  ]);

  // M4: reported an hour ago, never acknowledged: its 15-minute deadline is overdue.
  mistaken.m4 = reportMistakenPost(test.db, test.person("library-assistant"), post("@EastbridgeLibraries", plus(NOW, -60)), plus(NOW, -60));
  // M5: reported five minutes ago: not yet overdue.
  mistaken.m5 = reportMistakenPost(test.db, test.person("parks-officer"), post("@EastbridgeParks", plus(NOW, -5)), plus(NOW, -5));

  // Abuse reports: two this month (November), one in October with Communications asked to help
  // (who then ask the platform to remove it: its answer is overdue), one in September, one in May
  // (outside the six months).
  abuse.a1 = reportAbuseAs(test, "parks-officer", abuseReport(["threat"], "X (Twitter)"));
  abuse.a2 = reportAbuseAs(test, "hub-officer", abuseReport(["harassment", "hate"], "Facebook"));
  const a3At = at("2026-10-15T12:00:00.000Z");
  abuse.a3 = reportStaffAbuse(test.db, test.person("library-assistant"), abuseReport(["threat", "harassment"], "Facebook"), a3At);
  run(abuse.a3, a3At, [
    [30, "library-assistant", { type: "ASK_COMMUNICATIONS_HELP" }],
    [40, "comms1", { type: "REQUEST_REMOVAL", requestedAt: plus(a3At, 40).toISOString() }],
  ]);
  abuse.a4 = reportStaffAbuse(test.db, test.person("parks-officer"), abuseReport(["hate"], "Instagram"), at("2026-09-10T12:00:00.000Z"));
  abuse.a5 = reportStaffAbuse(test.db, test.person("library-assistant"), abuseReport(["threat"], "X (Twitter)"), at("2026-05-15T12:00:00.000Z"));
});

afterAll(() => {
  vi.useRealTimers();
  test.close();
});

const dashboardOf = (key: string): Dashboard => getDashboard(test.db, test.user(key), NOW);
const abuseCountsOf = (key: string) => abuseCounts(test.db, test.user(key), NOW);
const referencesOf = (rows: { reference: string }[]) => [...new Set(rows.map((row) => row.reference))].sort();
const refs = (...list: Incident[]) => list.map((incident) => incident.reference).sort();

describe("percentiles", () => {
  it("takes the middle value, or the mean of the two middle values, as the median", () => {
    expect(median([])).toBeNull();
    expect(median([30, 5, 10])).toBe(10);
    expect(median([30, 5, 10, 15])).toBe(12.5);
  });

  it("takes the 90th percentile by nearest rank", () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(percentile([30, 5, 10, 15], 90)).toBe(30);
  });

  it("counts six months back from the organisation's month", () => {
    expect(lastMonths(NOW)).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    // 23:30 UTC on 30 June is already 1 July in London (summer time).
    expect(lastMonths(at("2026-06-30T23:30:00.000Z"), 2)).toEqual(["2026-06", "2026-07"]);
  });
});

describe("who may open the dashboard", () => {
  it("is Communications, HR and safety, leadership and administrators", () => {
    expect(mayViewDashboard(test.user("comms1"))).toBe(true);
    expect(mayViewDashboard(test.user("hr"))).toBe(true);
    expect(mayViewDashboard(test.user("ceo"))).toBe(true);
    expect(mayViewDashboard(test.user("admin"))).toBe(true);
    expect(mayViewDashboard(test.user("library-assistant"))).toBe(false);
    expect(mayViewDashboard(test.user("libraries-manager"))).toBe(false);
  });
});

describe("a Communications officer's dashboard", () => {
  it("counts open incidents by path and step, with the one abuse report they were asked to help with", () => {
    expect(dashboardOf("comms1").openByStep.map(({ kind, state, stepTitle, count }) => ({ kind, state, stepTitle, count }))).toEqual([
      { kind: "mistaken_post", state: "awaitingAcknowledgement", stepTitle: "Tell the line manager and Communications", count: 2 },
      { kind: "mistaken_post", state: "deletion", stepTitle: "Delete the post if possible", count: 1 },
      { kind: "mistaken_post", state: "leaderAwareness", stepTitle: expect.any(String), count: 1 },
      { kind: "staff_abuse", state: "open", stepTitle: "In progress", count: 1 },
    ]);
  });

  it("lists the overdue steps of the incidents they may see, oldest first, and of the abuse report only the removal", () => {
    const { overdue } = dashboardOf("comms1");
    expect(referencesOf(overdue)).toEqual(refs(mistaken.m4, abuse.a3));
    // Need to know: the support and police steps of the report they help with are late too, but not theirs to see.
    expect(overdue.filter((row) => row.reference === abuse.a3.reference).map((row) => row.description)).toEqual([PLATFORM_STEP]);
    const m4 = overdue.find((row) => row.reference === mistaken.m4.reference)!;
    expect(m4).toMatchObject({ kindTitle: "Mistaken post", dueAt: plus(NOW, -45).toISOString() });
    expect(m4.description).not.toBe("");
    expect(overdue.map((row) => row.dueAt)).toEqual([...overdue.map((row) => row.dueAt)].sort());
  });

  it("shows the paused channel, who paused it, when, and for which incident", () => {
    expect(dashboardOf("comms1").pausedChannels).toEqual([
      expect.objectContaining({
        handle: "@EastbridgeCouncil",
        pausedByName: "Ellie Marsh",
        pausedAt: plus(at("2026-11-05T10:00:00.000Z"), 110).toISOString(),
        incidentReference: mistaken.m2.reference,
      }),
    ]);
  });

  it("gives the median and 90th percentile times worked out by hand", () => {
    const timings = Object.fromEntries(dashboardOf("comms1").timings.map((row) => [row.key, row]));
    // Acknowledged after 10, 30, 5 and 15 minutes.
    expect(timings.acknowledgement).toMatchObject({ count: 4, median: 12.5, p90: 30 });
    // Assessed after 40, 100 and 60 minutes.
    expect(timings.assessment).toMatchObject({ count: 3, median: 60, p90: 100 });
    // Closed after 120 and 300 minutes.
    expect(timings.closeMistakenPost).toMatchObject({ count: 2, median: 210, p90: 300 });
    expect(timings.closeStaffAbuse).toMatchObject({ count: 0, median: null, p90: null });
    expect(timings.closeAll).toMatchObject({ count: 2, median: 210, p90: 300 });
  });

  it("counts the abuse report they help with by platform only: its kind of abuse is not theirs to know", () => {
    const { byKind: abuseByKind, byPlatform: abuseByPlatform } = abuseCountsOf("comms1");
    expect(abuseByKind.months.every((row) => Object.values(row.counts).every((count) => count === 0))).toBe(true);
    expect(abuseByPlatform.platforms).toEqual(["Facebook"]);
    expect(abuseByPlatform.months.map((row) => row.counts.Facebook)).toEqual([0, 0, 0, 0, 1, 0]);
  });
});

describe("HR and safety's dashboard", () => {
  it("counts every abuse report by kind and platform per month, and leaves out May", () => {
    const { byKind: abuseByKind, byPlatform: abuseByPlatform } = abuseCountsOf("hr");
    expect(abuseByKind.months.map((row) => [row.month, row.counts])).toEqual([
      ["2026-06", { threat: 0, harassment: 0, hate: 0 }],
      ["2026-07", { threat: 0, harassment: 0, hate: 0 }],
      ["2026-08", { threat: 0, harassment: 0, hate: 0 }],
      ["2026-09", { threat: 0, harassment: 0, hate: 1 }],
      ["2026-10", { threat: 1, harassment: 1, hate: 0 }],
      ["2026-11", { threat: 1, harassment: 1, hate: 1 }],
    ]);
    expect(abuseByPlatform.platforms).toEqual(["Facebook", "Instagram", "X (Twitter)"]);
    expect(abuseByPlatform.months.map((row) => [row.month, row.counts])).toEqual([
      ["2026-06", { Facebook: 0, Instagram: 0, "X (Twitter)": 0 }],
      ["2026-07", { Facebook: 0, Instagram: 0, "X (Twitter)": 0 }],
      ["2026-08", { Facebook: 0, Instagram: 0, "X (Twitter)": 0 }],
      ["2026-09", { Facebook: 0, Instagram: 1, "X (Twitter)": 0 }],
      ["2026-10", { Facebook: 1, Instagram: 0, "X (Twitter)": 0 }],
      ["2026-11", { Facebook: 1, Instagram: 0, "X (Twitter)": 1 }],
    ]);
  });

  it("sees no mistaken post: open abuse reports only, no timings, and the pause without its incident", () => {
    const dashboard = dashboardOf("hr");
    expect(dashboard.openByStep.map(({ kind, state, count }) => ({ kind, state, count }))).toEqual([{ kind: "staff_abuse", state: "open", count: 5 }]);
    expect(referencesOf(dashboard.overdue)).toEqual(refs(abuse.a3, abuse.a4, abuse.a5));
    expect(dashboard.overdue.filter((row) => row.reference === abuse.a3.reference).map((row) => row.description).sort()).toEqual(
      [PLATFORM_STEP, POLICE_STEP, "Owen Price to record the support offered"].sort(),
    );
    expect(dashboard.timings.every((row) => row.count === 0 && row.median === null && row.p90 === null)).toBe(true);
    expect(dashboard.pausedChannels).toEqual([expect.objectContaining({ handle: "@EastbridgeCouncil", incidentReference: null })]);
  });
});
