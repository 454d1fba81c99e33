import { readFileSync } from "node:fs";
import { eq, inArray, not } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { emailTemplateFor } from "../../app/paths/registry";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import { incidentFacets, incidentMilestones, incidents, incidentWork, outbox, OUTBOX_STATUSES } from "../../db/schema";
import { outboxRowData, rewriteOutboxRowsWithContext } from "../../db/outbox-data";
import { applyEvent, backfillReadModel } from "../../db/workflow";
import { renderEmail } from "../../emails/index";
import type { EmailExtra } from "../../machines/kit";
import { mistakenPostPath } from "../../machines/mistaken-post";
import { staffAbusePath, type StaffAbuseContext } from "../../machines/staff-abuse";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

let test: TestDatabase;
beforeAll(() => {
  test = createTestDatabase();
});
afterAll(() => test.close());

describe("the SQLite connection", () => {
  it("is in WAL mode with full durability, foreign keys enforced and a busy timeout", () => {
    const sqlite = test.db.$client;
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    // 2 = FULL: every commit reaches the disk before it is reported done.
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("refuses a row that points at nothing", () => {
    expect(() =>
      test.db.$client.prepare("insert into absences (person_id, starts_on, ends_on, reason) values (999999, '2026-01-01', '2026-01-02', 'x')").run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });
});

/** Runs a migration's own SQL, statement by statement as drizzle runs it. */
function runMigration(file: string) {
  const migration = readFileSync(new URL(`../../db/migrations/${file}`, import.meta.url), "utf8");
  for (const statement of migration.split("--> statement-breakpoint")) test.db.$client.exec(statement);
}

/** An outbox row's data as it was stored before the email contracts: the notify action's extra data and the context. */
function storedWithContext(incident: { reference: string; title: string; kind: string }, context: unknown, extra: EmailExtra = {}) {
  const { reference, title, kind } = incident;
  return { ...extra, reference, title, kind, incidentPath: `/incidents/${reference}`, context };
}

/** Each outbox status in turn, so every status a row can have is covered. */
const statusOf = (index: number) => OUTBOX_STATUSES[index % OUTBOX_STATUSES.length];

describe("migration 0008: screenshot facts leave the machine context", () => {
  it("rewrites a version 1 snapshot (every file's facts) to version 2 (how many), and the path carries on", () => {
    const reporter = test.user("library-assistant");
    const by = { id: reporter.id, name: reporter.name, roles: reporter.roles };
    const at = new Date("2026-11-20T09:00:00.000Z");
    let incident = reportMistakenPost(test.db, reporter, { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: at.toISOString(), whatHappened: "Wrong date." }, at);
    const files = [1, 2].map((n) => ({ originalName: `post-${n}.png`, mediaType: "image/png", sizeBytes: 1000 + n, sha256: String(n).repeat(64), storagePath: `2026/11/post-${n}.png` }));
    const manager = test.user("libraries-manager");
    incident = applyEvent(test.db, { incidentId: incident.id, event: { type: "ACKNOWLEDGE", by: { id: manager.id, name: manager.name, roles: manager.roles } }, actor: manager, now: at });
    for (const file of files) incident = applyEvent(test.db, { incidentId: incident.id, event: { type: "ATTACH_SCREENSHOT", by, file }, actor: reporter, now: at });
    const current = incident.snapshot as { context: Record<string, unknown> };
    expect(current.context.screenshotCount).toBe(2);

    // The same incident as version 1 stored it, before 0008.
    const { screenshotCount: _count, ...contextWithoutCount } = current.context;
    const versionOne = { ...current, context: { ...contextWithoutCount, screenshots: files } };
    test.db.update(incidents).set({ snapshot: versionOne, machineVersion: 1 }).where(eq(incidents.id, incident.id)).run();
    runMigration("0008_slim_screenshot_context.sql");

    const migrated = test.db.select().from(incidents).where(eq(incidents.id, incident.id)).get()!;
    expect(migrated.machineVersion).toBe(mistakenPostPath.version);
    expect(migrated.snapshot).toEqual(current);
    const deleted = applyEvent(test.db, {
      incidentId: incident.id,
      event: { type: "RECORD_DELETED", deletedAt: at.toISOString(), by },
      actor: reporter,
      now: at,
      expectedVersion: migrated.version,
    });
    // Deletion is refused without a screenshot (hasScreenshot): the count carried over.
    expect(deleted.state).toBe("riskAssessment");
  });
});

describe("migration 0012: abuse emails queued before need to know lose the whole report", () => {
  const SECRETS = {
    whatHappened: "Posted my home street under the library's notice.",
    perpetrator: "@watcher_0012",
    impact: "I have stopped working the late shift.",
    offered: "Moved to the branch across town for a month.",
    crimeReference: "31/00412/26",
    officer: "PC Amal Rahman",
    notes: "Spoke at length about the night shifts.",
    platformNotes: "The platform said it breaks no rule.",
    summary: "Closed once the account was suspended.",
  };

  it("cuts every abuse outbox row, whatever its status, to what new rows store, and the emails still render", async () => {
    const person = (key: string) => {
      const user = test.user(key);
      return { id: user.id, name: user.name, roles: user.roles };
    };
    const at = new Date("2026-11-25T09:00:00.000Z");
    const report = {
      inDanger: true,
      platform: "Facebook",
      link: "https://facebook.example/post/12",
      happenedAt: at.toISOString(),
      perpetrator: SECRETS.perpetrator,
      whatHappened: SECRETS.whatHappened,
      kinds: ["hate" as const, "threat" as const],
      protectedCharacteristics: ["race" as const],
      connectedToRole: "yes" as const,
      impact: SECRETS.impact,
      noScreenshotReason: null,
    };
    const incident = reportStaffAbuse(test.db, test.person("library-assistant"), report, at);
    const steps: [string, { type: string; [field: string]: unknown }][] = [
      ["library-assistant", { type: "RECORD_BLOCKING", steps: ["Blocked the account"] }],
      ["libraries-manager", { type: "RECORD_SUPPORT", offered: SECRETS.offered }],
      ["hr", { type: "RECORD_POLICE_REPORT", route: "101", reportedAt: at.toISOString(), crimeReference: SECRETS.crimeReference, officer: SECRETS.officer }],
      ["library-assistant", { type: "ASK_COMMUNICATIONS_HELP" }],
      ["comms1", { type: "REQUEST_REMOVAL", requestedAt: at.toISOString() }],
      ["comms1", { type: "RECORD_PLATFORM_ANSWER", outcome: "refused", notes: SECRETS.platformNotes }],
      ["libraries-manager", { type: "RECORD_WELLBEING_FOLLOW_UP", notes: SECRETS.notes }],
      ["hr", { type: "CLOSE", summary: SECRETS.summary }],
    ];
    let current = incident;
    for (const [key, event] of steps) {
      current = applyEvent(test.db, { incidentId: incident.id, event: { ...event, by: person(key) }, actor: test.user(key), now: at, expectedVersion: current.version });
    }
    const whole = (current.snapshot as { context: StaffAbuseContext }).context;
    expect(current.state).toBe("closed");

    // Each row as it was stored before need to know: the whole context, in every status a row can have.
    const rows = test.db.select().from(outbox).where(eq(outbox.incidentId, incident.id)).all();
    expect(rows.length).toBeGreaterThanOrEqual(OUTBOX_STATUSES.length);
    rows.forEach((row, index) => {
      test.db.update(outbox).set({ data: storedWithContext(incident, whole), status: statusOf(index) }).where(eq(outbox.id, row.id)).run();
    });
    const others = () => test.db.select().from(outbox).where(not(inArray(outbox.id, rows.map((row) => row.id)))).all();
    const othersBefore = others();
    expect(othersBefore.length).toBeGreaterThan(0);

    runMigration("0012_abuse_outbox_email_context.sql");
    // The other paths' emails are left as they were.
    expect(others()).toEqual(othersBefore);
    // Then, at start-up, each row is rewritten through its contract.
    expect(rewriteOutboxRowsWithContext(test.db)).toBe(rows.length);

    const migrated = test.db.select().from(outbox).where(eq(outbox.incidentId, incident.id)).all();
    expect(migrated.map((row) => row.status)).toEqual(rows.map((_, index) => statusOf(index)));
    for (const row of migrated) {
      // The contracts give from what 0012 kept exactly what they give from the whole context, to the
      // JSON type (true stays true, no nulls turned to strings).
      expect(row.data).toStrictEqual(outboxRowData(staffAbusePath, incident, { template: row.template, context: whole, extra: undefined }));
      const stored = JSON.stringify(row.data);
      for (const key of ['"kinds"', '"protectedCharacteristics"', '"connectedToRole"', '"impact"', '"whatHappened"', '"perpetrator"', '"police"', '"wellbeing"', '"blocking"']) {
        expect(stored, `${row.template}: ${key}`).not.toContain(key);
      }
      for (const secret of [...Object.values(SECRETS), '"hate"', '"threat"', '"race"', "Blocked the account"]) expect(stored, `${row.template}: ${secret}`).not.toContain(secret);
      const email = await renderEmail(emailTemplateFor(row.template), { ...row.data, incidentUrl: `http://localhost/incidents/${incident.reference}` });
      expect(email.text, row.template).toContain(`http://localhost/incidents/${incident.reference}`);
      expect(email.text, row.template).toContain(test.person("library-assistant").name);
    }
    // A second start-up finds nothing left to rewrite.
    expect(rewriteOutboxRowsWithContext(test.db)).toBe(0);
    expect(test.db.select().from(outbox).where(eq(outbox.incidentId, incident.id)).all()).toEqual(migrated);
  });
});

describe("outbox rows queued before the email contracts", () => {
  it("are rewritten once, whatever their status, to what a row queued today stores, and render", async () => {
    const reporter = test.user("library-assistant");
    const at = new Date("2026-11-26T09:00:00.000Z");
    const incident = reportMistakenPost(test.db, reporter, { platform: "Facebook", account: "@EastbridgeParks", link: null, postedAt: at.toISOString(), whatHappened: "Posted the wrong opening hours." }, at);
    const context = (incident.snapshot as { context: unknown }).context;
    const today = test.db.select().from(outbox).where(eq(outbox.incidentId, incident.id)).all();
    expect(today.map((row) => row.template)).toEqual(expect.arrayContaining(["acknowledgement-requested", "mistaken-post-reported"]));
    for (const row of today) expect(row.data).not.toHaveProperty("context");

    // As they were stored before: the whole context, and the extra data of the notify action.
    today.forEach((row, index) => {
      const extra: EmailExtra = row.template === "acknowledgement-requested" ? { escalated: false } : {};
      test.db.update(outbox).set({ data: storedWithContext(incident, context, extra), status: statusOf(index) }).where(eq(outbox.id, row.id)).run();
    });
    const old = test.db.select().from(outbox).where(eq(outbox.incidentId, incident.id)).all();

    expect(rewriteOutboxRowsWithContext(test.db)).toBe(today.length);
    const rewritten = test.db.select().from(outbox).where(eq(outbox.incidentId, incident.id)).all();
    // Only the data changes; the status, attempts and Message-ID's fields stay.
    expect(rewritten.map(({ data: _data, ...row }) => row)).toEqual(old.map(({ data: _data, ...row }) => row));
    expect(rewritten.map((row) => row.data)).toStrictEqual(today.map((row) => row.data));
    for (const row of rewritten) {
      const email = await renderEmail(emailTemplateFor(row.template), { ...row.data, incidentUrl: `http://localhost/incidents/${incident.reference}` });
      expect(email.subject, row.template).toContain(incident.reference);
      expect(email.text, row.template).toContain(reporter.name);
    }

    expect(rewriteOutboxRowsWithContext(test.db)).toBe(0);
    expect(test.db.select().from(outbox).where(eq(outbox.incidentId, incident.id)).all()).toEqual(rewritten);
  });
  it("marks a row its contract cannot take as failed, with the reason and without the context, and still starts", () => {
    const at = new Date("2026-11-26T10:00:00.000Z");
    const incident = reportMistakenPost(test.db, test.user("library-assistant"), { platform: "Facebook", account: "@EastbridgeParks", link: null, postedAt: at.toISOString(), whatHappened: "Posted the wrong opening hours." }, at);
    const context = (incident.snapshot as { context: unknown }).context;
    const [row] = test.db.select().from(outbox).where(eq(outbox.incidentId, incident.id)).all();
    // A crisis task email for a task the incident never had.
    test.db.update(outbox).set({ template: "crisis-task-assigned", data: storedWithContext(incident, context, { taskIndex: 7 }) }).where(eq(outbox.id, row.id)).run();

    expect(rewriteOutboxRowsWithContext(test.db)).toBe(1);
    const failed = test.db.select().from(outbox).where(eq(outbox.id, row.id)).get()!;
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(/^Not rewritten for its email contract: /);
    expect(failed.data).toEqual({ reference: incident.reference, title: incident.title, incidentPath: `/incidents/${incident.reference}` });
  });
});

describe("migration 0015: the read model is written afresh from each snapshot", () => {
  it("replaces rows written before the member of staff's wording with the rows a change writes now", () => {
    const at = new Date("2026-11-27T09:00:00.000Z");
    const incident = reportMistakenPost(test.db, test.user("library-assistant"), { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: at.toISOString(), whatHappened: "Wrong opening hours." }, at);
    const rowsOf = () => ({
      work: test.db.select().from(incidentWork).where(eq(incidentWork.incidentId, incident.id)).all(),
      milestones: test.db.select().from(incidentMilestones).where(eq(incidentMilestones.incidentId, incident.id)).all(),
      facets: test.db.select().from(incidentFacets).where(eq(incidentFacets.incidentId, incident.id)).all(),
    });
    const written = rowsOf();
    expect(written.work.map((row) => row.toReporter)).toEqual([expect.stringContaining("acknowledge")]);
    // As stored before the wording existed.
    test.db.update(incidentWork).set({ toReporter: null }).run();

    runMigration("0015_rebuild_read_model.sql");
    expect(rowsOf()).toEqual({ work: [], milestones: [], facets: [] });
    expect(backfillReadModel(test.db)).toBe(test.db.select().from(incidents).all().length);
    expect(rowsOf()).toEqual(written);
  });
});
