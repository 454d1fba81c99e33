import { createHash } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../../app/models/dashboard.server";
import { exportIncidents, NO_FILTERS, searchIncidents } from "../../app/models/incident-list.server";
import { listOutbox } from "../../app/models/mailbox.server";
import { abuseCounts } from "../../app/paths/staff-abuse/dashboard.server";
import { fireDueDeadlines } from "../../app/workers/deadlines.server";
import { deliverDueEmails } from "../../app/workers/outbox.server";
import { listChannels } from "../../app/models/channels.server";
import { seedDemoHistory, type DemoHistorySummary } from "../../app/demo/history";
import { verifyRecords } from "../../db/verify";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/**
 * The demo history on a real database: the demo organisation, then six months of incidents
 * played through the workflow. The clock is fixed at a Monday lunchtime, so "the last working
 * day" is a Friday and the weekend's deadlines have fired.
 */

const NOW = new Date("2026-11-23T12:30:00.000Z");
const DAY_MS = 24 * 60 * 60_000;

let test: TestDatabase;
let summary: DemoHistorySummary;

async function seeded(now: Date): Promise<{ test: TestDatabase; summary: DemoHistorySummary }> {
  const database = createTestDatabase({ now });
  const made = await seedDemoHistory(database.db, { now, evidenceDirectory: join(database.directory, "evidence") });
  return { test: database, summary: made };
}

interface IncidentRow {
  id: number;
  reference: string;
  kind: string;
  state: string;
  version: number;
  created_at: string;
}

const incidentRows = (database: TestDatabase) =>
  database.db.$client.prepare("select id, reference, kind, state, version, created_at from incidents order by id").all() as IncidentRow[];

/** What makes one history the same as another: references, paths, steps, times and event counts. */
function shape(database: TestDatabase) {
  const events = database.db.$client.prepare("select incident_id as id, count(*) as count from incident_events group by incident_id").all() as { id: number; count: number }[];
  const counts = new Map(events.map((row) => [row.id, row.count]));
  return incidentRows(database).map((row) => ({ reference: row.reference, kind: row.kind, state: row.state, createdAt: row.created_at, events: counts.get(row.id) }));
}

/**
 * The whole history as played: every incident's timeline, deadlines, emails, evidence and the
 * crises' pauses and held posts. Left out: what differs from one run to the next (stored file
 * names, hashes over them, rows' wall-clock creation times) and the screenshots' bytes, which
 * depend on the image library's version.
 */
function digest(database: TestDatabase): string {
  const all = (sql: string) => database.db.$client.prepare(sql).all() as Record<string, unknown>[];
  const withoutStoredFile = (payload: unknown) => JSON.parse(String(payload), (key, value) => (key === "file" ? value.originalName : value));
  const history = {
    events: all("select incident_id, sequence, actor_id, type, from_step, to_step, payload, at from incident_events order by id").map((row) => ({ ...row, payload: withoutStoredFile(row.payload) })),
    deadlines: all("select incident_id, key, event_type, event_fields, description, due_at, status, closed_at from deadlines order by id"),
    outbox: all("select incident_id, template, recipient, data, status, next_attempt_at, created_at from outbox order by id"),
    evidence: all("select incident_id, original_name, media_type, uploaded_by_id, received_at from evidence_files order by id"),
    pauses: all("select channel_id, incident_id, paused_by_id, paused_at, reason, resumed_at, resumed_by_id from channel_pauses order by id"),
    posts: all("select channel_id, body, scheduled_for, status, held_by_pause_id, published_at from scheduled_posts order by id"),
  };
  return createHash("sha256").update(JSON.stringify(history)).digest("hex");
}

beforeAll(async () => {
  ({ test, summary } = await seeded(NOW));
}, 60_000);

afterAll(() => test?.close());

describe("the demo history", () => {
  it("tells a few dozen stories of both paths over the last months, most closed and some open at different steps", () => {
    const rows = incidentRows(test);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(summary.incidents).toBe(rows.length);
    const mistaken = rows.filter((row) => row.kind === "mistaken_post").length;
    expect(mistaken / rows.length).toBeGreaterThan(0.3);
    expect(mistaken / rows.length).toBeLessThan(0.5);
    expect(rows.some((row) => row.kind === "staff_abuse")).toBe(true);

    const open = rows.filter((row) => row.state !== "closed");
    expect(summary.open).toBe(open.length);
    expect(new Set(open.map((row) => row.state)).size).toBeGreaterThanOrEqual(5);
    expect(rows.filter((row) => row.state === "closed").length).toBeGreaterThan(open.length);
    for (const kind of ["mistaken_post", "staff_abuse"]) {
      expect(rows.some((row) => row.kind === kind && row.state === "closed"), kind).toBe(true);
      expect(rows.some((row) => row.kind === kind && row.state !== "closed"), kind).toBe(true);
    }

    const times = rows.map((row) => Date.parse(row.created_at));
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
    expect(NOW.getTime() - Math.min(...times)).toBeGreaterThan(120 * DAY_MS);
    expect(new Set(rows.map((row) => row.created_at.slice(0, 7))).size).toBeGreaterThanOrEqual(5);
  });

  it("starts every timeline with its report, and every chain and file verifies", async () => {
    const first = test.db.$client.prepare("select incident_id as id, type, from_step as fromStep from incident_events where sequence = 1").all() as { id: number; type: string; fromStep: string | null }[];
    expect(first).toHaveLength(summary.incidents);
    for (const event of first) expect(event).toMatchObject({ type: "REPORTED", fromStep: null });
    // Versions follow the events: every change went through applyEvent.
    const behind = test.db.$client.prepare("select count(*) as n from incidents as i where i.version <> (select max(sequence) from incident_events where incident_id = i.id)").get() as { n: number };
    expect(behind.n).toBe(0);
    // Time runs forward in every timeline.
    const backwards = test.db.$client.prepare(`select count(*) as n from incident_events as e join incident_events as next
      on next.incident_id = e.incident_id and next.sequence = e.sequence + 1 where next.at < e.at`).get() as { n: number };
    expect(backwards.n).toBe(0);

    const report = await verifyRecords(test.db, join(test.directory, "evidence"));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.incidentsChecked).toBe(summary.incidents);
    expect(report.filesChecked).toBe(summary.files);
    expect(summary.files).toBeGreaterThanOrEqual(20);
  });

  it("fires deadlines at their own time, so escalations are in the timelines", () => {
    const system = test.db.$client.prepare("select type, count(*) as n from incident_events where actor_id is null group by type").all() as { type: string; n: number }[];
    const types = new Set(system.map((row) => row.type));
    for (const type of ["ACKNOWLEDGEMENT_OVERDUE", "TASK_OVERDUE", "SUPPORT_OVERDUE", "WELLBEING_DUE", "POLICE_REMINDER", "PLATFORM_SILENT"]) {
      expect(types, type).toContain(type);
    }
    // Each fired at its deadline's due time, not at the time of the next step someone took.
    const late = test.db.$client.prepare(`select count(*) as n from incident_events as e where e.actor_id is null
      and not exists (select 1 from deadlines as d where d.incident_id = e.incident_id and d.due_at = e.at)`).get() as { n: number };
    expect(late.n).toBe(0);
  });

  it("emails nobody: every email it wrote is marked as never sent, and the worker leaves them alone", async () => {
    const statuses = test.db.$client.prepare("select status, count(*) as n from outbox group by status").all() as { status: string; n: number }[];
    expect(statuses).toEqual([{ status: "not_sent_demo", n: summary.emailsNotSent }]);
    expect(summary.emailsNotSent).toBeGreaterThan(100);
    const sent: string[] = [];
    const result = await deliverDueEmails(test.db, {
      send: async (message) => void sent.push(message.to),
      from: "Holdfast <holdfast@localhost>",
      appUrl: "http://localhost:3000",
      now: () => new Date(NOW.getTime() + 60_000),
    });
    expect(result).toEqual({ sent: 0, failed: 0 });
    expect(sent).toEqual([]);
    // The admin mailbox says so, at the time each was written in the story.
    const mailbox = listOutbox(test.db, 1);
    expect(new Set(mailbox.rows.map((row) => row.statusLabel))).toEqual(new Set(["Not sent: demo history"]));
    for (const row of mailbox.rows) {
      expect(row.sentAt).toBeNull();
      expect(Date.parse(row.createdAt)).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it("leaves no deadline due: what fell due before now has fired", () => {
    const due = test.db.$client.prepare("select count(*) as n from deadlines where status = 'pending' and due_at <= ?").get(NOW.toISOString()) as { n: number };
    expect(due.n).toBe(0);
    expect(test.db.$client.prepare("select count(*) as n from deadlines where status = 'pending'").get()).not.toEqual({ n: 0 });
  });

  it("has open incidents that are overdue and open ones that are not, by the list's rule", () => {
    for (const key of ["hr", "comms1"]) {
      const overdue = searchIncidents(test.db, test.user(key), { ...NO_FILTERS, overdueOnly: true }, 1, NOW);
      expect(overdue.total, key).toBeGreaterThanOrEqual(2);
      for (const row of overdue.rows) expect(row.state, `${key} ${row.reference}`).not.toBe("closed");
    }
    const seen = new Map<string, { state: string; overdue: boolean }>();
    for (const key of ["hr", "comms1"]) {
      for (const row of exportIncidents(test.db, test.user(key), NO_FILTERS, NOW)) seen.set(row.reference, row);
    }
    const open = [...seen.values()].filter((row) => row.state !== "closed");
    expect(open.filter((row) => row.overdue).length).toBeGreaterThanOrEqual(4);
    expect(open.filter((row) => !row.overdue).length).toBeGreaterThanOrEqual(4);
    expect([...seen.values()].filter((row) => row.state === "closed" && row.overdue)).toEqual([]);
  });

  it("resumes every channel its crises paused, except the live one on @EastbridgeParks", () => {
    const channels = listChannels(test.db);
    const paused = channels.filter((channel) => channel.pause !== null);
    expect(paused.map((channel) => channel.handle)).toEqual(["@EastbridgeParks"]);
    for (const channel of channels.filter((candidate) => candidate.pause === null)) expect(channel.heldCount, channel.handle).toBe(0);
    // The README walkthrough pauses @EastbridgeLibraries itself: it must start running, with its post waiting.
    const libraries = channels.find((channel) => channel.handle === "@EastbridgeLibraries")!;
    expect(libraries.scheduledCount).toBeGreaterThan(0);
  });

  it("gives the dashboard timings and abuse counts to show", () => {
    const communications = getDashboard(test.db, test.user("headcomms"), NOW);
    for (const row of communications.timings.filter((timing) => timing.key !== "closeStaffAbuse")) {
      expect(row.count, row.key).toBeGreaterThan(0);
      expect(row.median, row.key).not.toBeNull();
    }
    expect(communications.overdue.length).toBeGreaterThan(0);
    expect(communications.pausedChannels.map((channel) => channel.handle)).toEqual(["@EastbridgeParks"]);

    const hr = getDashboard(test.db, test.user("hr"), NOW);
    expect(hr.timings.find((timing) => timing.key === "closeStaffAbuse")!.count).toBeGreaterThan(5);
    const abuse = abuseCounts(test.db, test.user("hr"), NOW);
    const byKind = abuse.byKind.months.flatMap((month) => Object.values(month.counts));
    expect(byKind.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(10);
    expect(abuse.byKind.months.filter((month) => Object.values(month.counts).some((count) => count > 0)).length).toBeGreaterThanOrEqual(4);
    expect(abuse.byPlatform.platforms.length).toBeGreaterThanOrEqual(5);
    expect(hr.openByStep.length).toBeGreaterThan(0);
  });

  it("is the history its stories have always told: the same incidents in the same order, with the same timelines", () => {
    const incidents = test.db.$client.prepare("select reference, kind, title, state, version from incidents order by id").raw().all();
    expect(incidents).toEqual(EXPECTED_INCIDENTS);
    // Change this only with the stories: it moves with any step, time, deadline or email of the history.
    expect(digest(test)).toBe(EXPECTED_DIGEST);
  });

  it("is the same history every time for the same clock", async () => {
    const again = await seeded(NOW);
    try {
      expect(shape(again.test)).toEqual(shape(test));
      expect(again.summary).toEqual(summary);
    } finally {
      again.test.close();
    }
  }, 60_000);

  it("plays through whatever day and time it is started", async () => {
    // A Saturday night, the small hours of a Monday after the clocks change, and New Year's Day.
    for (const now of ["2026-08-15T22:45:00.000Z", "2026-10-26T00:05:00.000Z", "2027-01-01T09:00:00.000Z"].map((iso) => new Date(iso))) {
      const other = await seeded(now);
      try {
        const rows = incidentRows(other.test);
        expect(rows.length, now.toISOString()).toBe(summary.incidents);
        expect(new Set(rows.filter((row) => row.state !== "closed").map((row) => row.state)).size).toBeGreaterThanOrEqual(5);
        expect(Math.max(...rows.map((row) => Date.parse(row.created_at)))).toBeLessThan(now.getTime());
        expect(fireDueDeadlines(other.test.db, now)).toEqual({ fired: 0, dropped: 0 });
        expect((await verifyRecords(other.test.db, join(other.test.directory, "evidence"))).ok).toBe(true);
      } finally {
        other.test.close();
      }
    }
  }, 90_000);
});

/** The incidents the stories make at NOW, in the order they are reported: reference, path, title, step, version. */
const EXPECTED_INCIDENTS = [
  ["HF-2026-0001", "staff_abuse", "Abuse of Chris Doyle on Facebook", "closed", 10],
  ["HF-2026-0002", "mistaken_post", "Post made by mistake on @EastbridgeCouncil", "closed", 11],
  ["HF-2026-0003", "staff_abuse", "Abuse of Jo Lee on Facebook", "closed", 8],
  ["HF-2026-0004", "mistaken_post", "Post made by mistake on @EastbridgeLibraries", "closed", 7],
  ["HF-2026-0005", "staff_abuse", "Abuse of Ellie Marsh on X (Twitter)", "closed", 13],
  ["HF-2026-0006", "mistaken_post", "Post made by mistake on @eastbridgecouncil", "closed", 8],
  ["HF-2026-0007", "staff_abuse", "Abuse of Ben Carter on Nextdoor", "closed", 12],
  ["HF-2026-0008", "mistaken_post", "Post made by mistake on Eastbridge Borough Council", "closed", 12],
  ["HF-2026-0009", "staff_abuse", "Abuse of Chris Doyle on X (Twitter)", "closed", 11],
  ["HF-2026-0010", "staff_abuse", "Abuse of Dan Okafor on Email", "closed", 8],
  ["HF-2026-0011", "mistaken_post", "Post made by mistake on @EastbridgeCouncil", "closed", 20],
  ["HF-2026-0012", "staff_abuse", "Abuse of Owen Price on Facebook", "closed", 9],
  ["HF-2026-0013", "staff_abuse", "Abuse of Sam Patel on TikTok", "closed", 12],
  ["HF-2026-0014", "mistaken_post", "Post made by mistake on @EastbridgeLibraries", "closed", 11],
  ["HF-2026-0015", "staff_abuse", "Abuse of Jo Lee on Instagram", "closed", 11],
  ["HF-2026-0016", "mistaken_post", "Post made by mistake on @EastbridgeParks", "closed", 7],
  ["HF-2026-0017", "staff_abuse", "Abuse of Grace Murphy on X (Twitter)", "closed", 12],
  ["HF-2026-0018", "mistaken_post", "Post made by mistake on Eastbridge Borough Council", "closed", 7],
  ["HF-2026-0019", "staff_abuse", "Abuse of Liam Turner on Facebook", "closed", 12],
  ["HF-2026-0020", "staff_abuse", "Abuse of Ben Carter on WhatsApp", "closed", 7],
  ["HF-2026-0021", "mistaken_post", "Post made by mistake on @EastbridgeLibraries", "closed", 13],
  ["HF-2026-0022", "staff_abuse", "Abuse of Chris Doyle on Instagram", "closed", 11],
  ["HF-2026-0023", "staff_abuse", "Abuse of Marcus Bell on Facebook", "closed", 11],
  ["HF-2026-0024", "mistaken_post", "Post made by mistake on @EastbridgeParks", "closed", 7],
  ["HF-2026-0025", "staff_abuse", "Abuse of Ellie Marsh on YouTube", "closed", 10],
  ["HF-2026-0026", "mistaken_post", "Post made by mistake on @eastbridgecouncil", "closingReview", 10],
  ["HF-2026-0027", "staff_abuse", "Abuse of Ben Carter on Facebook", "open", 9],
  ["HF-2026-0028", "staff_abuse", "Abuse of Chris Doyle on TikTok", "readyToClose", 8],
  ["HF-2026-0029", "mistaken_post", "Post made by mistake on @EastbridgeParks", "standingDown", 14],
  ["HF-2026-0030", "staff_abuse", "Abuse of Sam Patel on Instagram", "open", 7],
  ["HF-2026-0031", "staff_abuse", "Abuse of Helen Ward on Facebook", "open", 6],
  ["HF-2026-0032", "mistaken_post", "Post made by mistake on Eastbridge Borough Council", "riskAssessment", 4],
  ["HF-2026-0033", "staff_abuse", "Abuse of Alex Morgan on LinkedIn", "open", 9],
  ["HF-2026-0034", "mistaken_post", "Post made by mistake on @EastbridgeCouncil", "deletion", 3],
  ["HF-2026-0035", "staff_abuse", "Abuse of Liam Turner on Facebook", "open", 7],
  ["HF-2026-0036", "mistaken_post", "Post made by mistake on @EastbridgeParks", "awaitingAcknowledgement", 3],
];
// Moved when each story's report began to name its account from the channel register (a channel reference), and when timelines and escalation emails began to say who was away or asked next.
const EXPECTED_DIGEST = "352d9100db33dbe640616a3849459783da0eec44465abf41b5106f98243a5c72";
