import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportMistakenPost } from "../../app/models/incidents.server";
import { incidents } from "../../db/schema";
import { applyEvent } from "../../db/workflow";
import { escalationPaths } from "../../machines/index";
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
    // Then migration 0008's SQL, statement by statement as drizzle runs it.
    const migration = readFileSync(new URL("../../db/migrations/0008_slim_screenshot_context.sql", import.meta.url), "utf8");
    for (const statement of migration.split("--> statement-breakpoint")) test.db.$client.exec(statement);

    const migrated = test.db.select().from(incidents).where(eq(incidents.id, incident.id)).get()!;
    expect(migrated.machineVersion).toBe(escalationPaths.mistaken_post.version);
    expect(migrated.snapshot).toEqual(current);
    const deleted = applyEvent(test.db, {
      incidentId: incident.id,
      event: { type: "RECORD_DELETED", deletedAt: at.toISOString(), by },
      actor: reporter,
      now: at,
      expectedVersion: migrated.version,
    });
    // Deletion is refused without a screenshot (mayRecordDeletion): the count carried over.
    expect(deleted.state).toBe("riskAssessment");
  });
});
