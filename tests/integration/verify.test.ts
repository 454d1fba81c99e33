import { spawnSync } from "node:child_process";
import { appendFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { verifyRecordsFor } from "../../app/models/verification.server";
import { action as verifyAction, loader as verifyLoader } from "../../app/routes/admin.verify";
import { commitSessionCookie, hashPassword, signIn, type CurrentUser } from "../../app/utils/auth.server";
import { db as appDb } from "../../app/utils/db.server";
import { applyEvent, hashTimelineEvent } from "../../db/workflow";
import { verifyRecords, type VerificationProblem } from "../../db/verify";
import type { Incident } from "../../db/schema";
import { DEMO_PEOPLE, demoEmail } from "../../db/seed";
import { copyTestDatabase, createTestDatabase, type TestDatabase } from "../helpers/database";
import { addScreenshot, reportAbuseAs } from "../helpers/staff-abuse";

/**
 * The verifier against real records: incidents made through the models, a real PNG kept by the
 * upload code, then each kind of tampering an attacker with the files could do, each on its own
 * copy. The timeline's triggers forbid UPDATE and DELETE, so tampering drops them first, as an
 * attacker would.
 */

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PASSWORD = "verify test password";

let fixture: TestDatabase;
/** HF-…-0001: a mistaken post, acknowledged, a screenshot attached, the post deleted (4 events). */
let mistaken: Incident;
let mistakenFileId: number;
/** HF-…-0002: a staff abuse report with a screenshot (2 events). */
let abuse: Incident;
let abuseFileId: number;
/** HF-…-0003: a mistaken post, acknowledged (2 events). */
let second: Incident;

const copies: TestDatabase[] = [];

function freshCopy(): TestDatabase {
  const copy = copyTestDatabase(fixture);
  copies.push(copy);
  return copy;
}

/** Changes the copy's SQLite file behind the app's back: a separate connection, no triggers. */
function tamper(copy: TestDatabase, change: (sqlite: Database.Database) => void) {
  const sqlite = new Database(copy.path);
  try {
    sqlite.exec("drop trigger incident_events_no_update; drop trigger incident_events_no_delete;");
    change(sqlite);
  } finally {
    sqlite.close();
  }
}

const evidenceOf = (copy: TestDatabase) => join(copy.directory, "evidence");

function storedFile(copy: TestDatabase, evidenceId: number): string {
  const row = copy.db.$client.prepare("select storage_path as storagePath from evidence_files where id = ?").get(evidenceId) as { storagePath: string };
  return join(evidenceOf(copy), row.storagePath);
}

function storedHash(copy: TestDatabase, incidentId: number, sequence: number): string {
  const row = copy.db.$client.prepare("select hash from incident_events where incident_id = ? and sequence = ?").get(incidentId, sequence) as { hash: string };
  return row.hash;
}

/** The parts of a problem a person acting on it needs. */
const essentials = (problem: VerificationProblem) => ({
  kind: problem.kind,
  reference: problem.reference,
  sequence: problem.sequence,
  evidenceId: problem.evidenceId,
  message: problem.message,
});

function runCli(databasePath: string) {
  const result = spawnSync(join(PROJECT_ROOT, "node_modules/.bin/tsx"), ["app/tools/verify-cli.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "test" },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function cookieFor(key: string): Promise<string> {
  const person = DEMO_PEOPLE.find((candidate) => candidate.key === key)!;
  const result = await signIn(fixture.db, { email: demoEmail(person), password: PASSWORD }, new Date());
  if (!result.ok) throw new Error(`Could not sign in as ${key}`);
  return (await commitSessionCookie(result.token)).split(";")[0];
}

beforeAll(async () => {
  fixture = createTestDatabase({ passwordHash: await hashPassword(PASSWORD) });
  // The upload code keeps files beside the database the environment names, and the admin page
  // uses the app's own connection: both are this fixture.
  process.env.DATABASE_PATH = fixture.path;
  process.env.SESSION_SECRET = "s".repeat(32);
  const reporter = fixture.person("library-assistant");
  const manager = { ...fixture.person("libraries-manager"), roles: ["staff"] };
  const post = (account: string) => ({
    platform: "Facebook",
    account,
    link: null,
    postedAt: new Date().toISOString(),
    whatHappened: "A closure notice went out for the wrong library.",
  });

  mistaken = reportMistakenPost(fixture.db, reporter, post("@EastbridgeLibraries"), new Date());
  mistaken = applyEvent(fixture.db, { incidentId: mistaken.id, expectedVersion: 1, event: { type: "ACKNOWLEDGE", by: manager }, actor: manager, now: new Date() });
  mistakenFileId = await addScreenshot(fixture, mistaken, "library-assistant");
  mistaken = applyEvent(fixture.db, {
    incidentId: mistaken.id,
    expectedVersion: 3,
    event: { type: "RECORD_DELETED", deletedAt: new Date().toISOString(), by: { ...reporter, roles: ["staff"] } },
    actor: reporter,
    now: new Date(),
  });

  abuse = reportAbuseAs(fixture, "parks-officer");
  abuseFileId = await addScreenshot(fixture, abuse, "parks-officer");

  second = reportMistakenPost(fixture.db, reporter, post("@EastbridgeCouncil"), new Date());
  second = applyEvent(fixture.db, { incidentId: second.id, expectedVersion: 1, event: { type: "ACKNOWLEDGE", by: manager }, actor: manager, now: new Date() });
});

afterEach(() => {
  for (const copy of copies.splice(0)) copy.close();
});

afterAll(() => {
  appDb().$client.close();
  fixture.close();
});

describe("a database nobody has tampered with", () => {
  it("checks out: every incident, event and file", async () => {
    expect(mistaken.version).toBe(4);
    expect(abuse.reference).not.toBe(mistaken.reference);
    const copy = freshCopy();
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, incidentsChecked: 3, eventsChecked: 4 + 2 + 2, filesChecked: 2 });
  });
});

describe("tampering with the timeline", () => {
  it("names an event whose contents were edited, with the stored and recomputed hashes", async () => {
    const copy = freshCopy();
    const stored = storedHash(copy, mistaken.id, 4);
    tamper(copy, (sqlite) =>
      sqlite
        .prepare("update incident_events set payload = json_set(payload, '$.deletedAt', '2020-01-01T00:00:00.000Z') where incident_id = ? and sequence = 4")
        .run(mistaken.id),
    );
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    const [problem] = report.problems;
    expect(essentials(problem)).toMatchObject({ kind: "event_changed", reference: mistaken.reference, sequence: 4, evidenceId: null });
    expect(problem.message).toMatch(
      new RegExp(`^${mistaken.reference}, event 4: its contents were changed after it was written \\(stored hash ${stored}, recomputed [0-9a-f]{64}\\)$`),
    );
    expect(problem.message).not.toContain(`recomputed ${stored}`);
  });

  it("names a deleted event in the middle of a timeline", async () => {
    const copy = freshCopy();
    tamper(copy, (sqlite) => sqlite.prepare("delete from incident_events where incident_id = ? and sequence = 2").run(mistaken.id));
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map(essentials)).toEqual([
      {
        kind: "event_missing",
        reference: mistaken.reference,
        sequence: 2,
        evidenceId: null,
        message: `${mistaken.reference}, event 2 is missing: the timeline goes from event 1 to event 3`,
      },
    ]);
    expect(report.eventsChecked).toBe(7);
  });

  it("names a deleted last event from the incident's version", async () => {
    const copy = freshCopy();
    tamper(copy, (sqlite) => sqlite.prepare("delete from incident_events where incident_id = ? and sequence = 2").run(second.id));
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map(essentials)).toEqual([
      {
        kind: "event_missing",
        reference: second.reference,
        sequence: 2,
        evidenceId: null,
        message: `${second.reference}, event 2 is missing: the incident is at version 2, but its timeline ends at event 1`,
      },
    ]);
  });

  it("names two events whose places were swapped", async () => {
    const copy = freshCopy();
    tamper(copy, (sqlite) => {
      const move = sqlite.prepare("update incident_events set sequence = ? where incident_id = ? and sequence = ?");
      move.run(-1, mistaken.id, 2);
      move.run(2, mistaken.id, 3);
      move.run(3, mistaken.id, -1);
    });
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map(essentials)).toEqual([
      {
        kind: "events_out_of_order",
        reference: mistaken.reference,
        sequence: 2,
        evidenceId: null,
        message: `${mistaken.reference}, events 2 and 3 are out of order: event 3 does not follow from event 2 (the two have swapped places)`,
      },
    ]);
  });

  it("sees through a deleted event whose gap was closed by renumbering the events after it", async () => {
    const copy = freshCopy();
    tamper(copy, (sqlite) => {
      sqlite.prepare("delete from incident_events where incident_id = ? and sequence = 2").run(mistaken.id);
      const move = sqlite.prepare("update incident_events set sequence = ? where incident_id = ? and sequence = ?");
      move.run(2, mistaken.id, 3);
      move.run(3, mistaken.id, 4);
    });
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map((problem) => [problem.kind, problem.sequence, problem.relatedSequence])).toEqual([
      ["event_out_of_place", 2, 3],
      ["event_missing", 2, null],
      ["event_out_of_place", 3, 4],
    ]);
    expect(report.problems.map((problem) => problem.message)).toEqual([
      `${mistaken.reference}, event 2 is out of place: it was written as event 3`,
      `${mistaken.reference}, event 2 is missing: the timeline goes from event 1 to event 3 (counting events by the numbers they were written with)`,
      `${mistaken.reference}, event 3 is out of place: it was written as event 4`,
    ]);
  });

  it("catches an edit whose hash was recomputed, at the event that follows it", async () => {
    const copy = freshCopy();
    tamper(copy, (sqlite) => {
      const row = sqlite.prepare("select * from incident_events where incident_id = ? and sequence = 2").get(mistaken.id) as Record<string, never>;
      const payload = { ...(JSON.parse(row.payload) as object), note: "Acknowledged late" };
      const hash = hashTimelineEvent({
        incidentId: row.incident_id,
        sequence: row.sequence,
        actorId: row.actor_id,
        type: row.type,
        fromStep: row.from_step,
        toStep: row.to_step,
        payload,
        at: row.at,
        previousHash: row.previous_hash,
      });
      sqlite.prepare("update incident_events set payload = ?, hash = ? where id = ?").run(JSON.stringify(payload), hash, row.id);
    });
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map(essentials)).toEqual([
      expect.objectContaining({ kind: "link_broken", reference: mistaken.reference, sequence: 3 }),
    ]);
    expect(report.problems[0].message).toMatch(
      new RegExp(`^${mistaken.reference}, event 3 does not follow from event 2: .* so event 2 was replaced or events between them were removed$`),
    );
  });

  it("notices a whole incident deleted from the middle of the year's references", async () => {
    const copy = freshCopy();
    tamper(copy, (sqlite) => {
      sqlite.pragma("foreign_keys = OFF");
      for (const table of ["incident_events", "evidence_files", "outbox", "deadlines"]) {
        sqlite.prepare(`delete from ${table} where incident_id = ?`).run(abuse.id);
      }
      sqlite.prepare("delete from incidents where id = ?").run(abuse.id);
    });
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map(essentials)).toEqual([
      expect.objectContaining({ kind: "incident_missing", reference: abuse.reference, message: `${abuse.reference} is missing: ${second.reference} comes after it, so it was deleted` }),
    ]);
  });
});

describe("tampering with the evidence", () => {
  it("names a stored file that was changed, by incident, file id and original name", async () => {
    const copy = freshCopy();
    appendFileSync(storedFile(copy, abuseFileId), Buffer.of(0));
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map(essentials)).toEqual([
      expect.objectContaining({ kind: "file_changed", reference: abuse.reference, evidenceId: abuseFileId }),
    ]);
    const [problem] = report.problems;
    expect(problem.originalName).toBe("abuse.png");
    expect(problem.message).toMatch(
      new RegExp(`^${abuse.reference}, file ${abuseFileId} \\(“abuse.png”\\) has changed since it was received: its SHA-256 was recorded as [0-9a-f]{64}, and is now [0-9a-f]{64}; it was \\d+ bytes and is now \\d+ bytes$`),
    );
    expect(problem.messageWithoutNames).not.toContain("abuse.png");
  });

  it("names a stored file that is missing", async () => {
    const copy = freshCopy();
    rmSync(storedFile(copy, mistakenFileId));
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map(essentials)).toEqual([
      expect.objectContaining({ kind: "file_missing", reference: mistaken.reference, evidenceId: mistakenFileId }),
    ]);
    expect(report.problems[0].message).toMatch(new RegExp(`^${mistaken.reference}, file ${mistakenFileId} \\(“abuse.png”\\) is missing: nothing is stored at \\S+ in the evidence folder$`));
  });

  it("catches a file replaced together with its recorded hash, from what the timeline recorded", async () => {
    const copy = freshCopy();
    const path = storedFile(copy, abuseFileId);
    appendFileSync(path, Buffer.of(0));
    const { createHash } = await import("node:crypto");
    const { readFileSync } = await import("node:fs");
    const newHash = createHash("sha256").update(readFileSync(path)).digest("hex");
    tamper(copy, (sqlite) => sqlite.prepare("update evidence_files set sha256 = ? where id = ?").run(newHash, abuseFileId));
    const report = await verifyRecords(copy.db, evidenceOf(copy));
    expect(report.problems.map(essentials)).toEqual([
      expect.objectContaining({ kind: "file_record_changed", reference: abuse.reference, evidenceId: abuseFileId, sequence: 2 }),
    ]);
    expect(report.problems[0].message).toContain(`event 2, which attached it, recorded SHA-256`);
  });
});

describe("npm run verify", () => {
  it("prints every problem and exits 1 on a tampered copy, and exits 0 on a clean one", () => {
    const tampered = freshCopy();
    tamper(tampered, (sqlite) => sqlite.prepare("delete from incident_events where incident_id = ? and sequence = 2").run(mistaken.id));
    const broken = runCli(tampered.path);
    expect(broken.stderr).not.toMatch(/error/i);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`Database: ${tampered.path}`);
    expect(broken.stdout).toContain("Checked 3 incidents, 7 events and 2 files.");
    expect(broken.stdout).toContain(`1. ${mistaken.reference}, event 2 is missing: the timeline goes from event 1 to event 3`);

    const clean = runCli(freshCopy().path);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain("Checked 3 incidents, 8 events and 2 files.");
    expect(clean.stdout).toContain("All records check out");
  });

  it("exits 2 when the database cannot be opened", () => {
    const missing = runCli(join(fixture.directory, "not-there", "holdfast.db"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("The database cannot be opened at");
  });
});

describe("the admin page", () => {
  it("is only for administrators", async () => {
    const cookie = await cookieFor("comms1");
    const request = new Request("http://localhost/admin/verify", { method: "POST", headers: { Cookie: cookie } });
    await expect(verifyAction({ request, params: {}, context: {} })).rejects.toMatchObject({ status: 403 });
  });

  it("runs the check when asked and says all is well", async () => {
    const cookie = await cookieFor("admin");
    const page = await verifyLoader({ request: new Request("http://localhost/admin/verify", { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(await page.json()).toEqual({ onFile: "3 incidents, 8 events and 2 files" });
    const response = await verifyAction({ request: new Request("http://localhost/admin/verify", { method: "POST", headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(await response.json()).toMatchObject({ ok: true, summary: "All 3 incidents, 8 events and 2 files check out.", problems: [] });
  });

  it("links problems to incidents the administrator may open, and withholds file names of the rest", async () => {
    const copy = freshCopy();
    rmSync(storedFile(copy, mistakenFileId));
    rmSync(storedFile(copy, abuseFileId));
    // An administrator who is also in Communications may open mistaken posts, but a staff abuse
    // report is only for the people it names, their managers and HR and safety.
    const adminInCommunications: CurrentUser = { ...copy.person("headcomms"), email: "", jobTitle: "", roles: ["staff", "communications", "admin"] };
    const result = await verifyRecordsFor(copy.db, adminInCommunications, evidenceOf(copy));
    expect(result.ok).toBe(false);
    expect(result.summary).toBe("2 problems found in 3 incidents, 8 events and 2 files.");
    expect(result.problems).toEqual([
      {
        reference: mistaken.reference,
        href: `/incidents/${mistaken.reference}`,
        detail: expect.stringMatching(new RegExp(`^file ${mistakenFileId} \\(“abuse.png”\\) is missing: `)),
      },
      { reference: abuse.reference, href: null, detail: expect.stringMatching(new RegExp(`^file ${abuseFileId} \\(name withheld\\) is missing: `)) },
    ]);

    const adminOnly: CurrentUser = { ...copy.person("admin"), email: "", jobTitle: "", roles: ["staff", "admin"] };
    const forAdmin = await verifyRecordsFor(copy.db, adminOnly, evidenceOf(copy));
    expect(forAdmin.problems.map((problem) => [problem.reference, problem.href])).toEqual([
      [mistaken.reference, null],
      [abuse.reference, null],
    ]);
    expect(forAdmin.problems.map((problem) => problem.detail).join(" ")).not.toContain("abuse.png");
  });
});
