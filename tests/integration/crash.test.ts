import { spawn, type ChildProcess } from "node:child_process";
import { randomInt, randomUUID } from "node:crypto";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadAbuseDraft, sendAbuseReport, updateDraftScreenshots } from "../../app/paths/staff-abuse/report.server";
import { receiveEvidenceUpload } from "../../app/utils/evidence.server";
import { checkEvidenceFolder } from "../../db/evidence-folder";
import { evidenceFiles, incidentEvents, incidents, reportDrafts } from "../../db/schema";
import { verifyRecords } from "../../db/verify";
import { answerAbuseQuestions, CRASH_SCREENSHOTS, screenshotForm } from "../helpers/crash";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { reportAbuseAs } from "../helpers/staff-abuse";

/**
 * A kill -9 at any point of sending a report or of an upload leaves the records whole: the
 * sending and uploading run in a child process (tests/helpers/crash-child.ts) that is killed
 * with SIGKILL, either from inside a transaction at a chosen change (a temporary trigger of its
 * own connection) or after a random moment, and the database and evidence folder left behind are
 * then checked here, and with the verifier.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CHILD = join(ROOT, "tests/helpers/crash-child.ts");
/** How many times each random-moment test kills the child. */
const KILLS = 4;
/** A busy two-core machine takes a few seconds to start each child; each test starts several. */
const CRASH_TEST_TIMEOUT = 180_000;

let test: TestDatabase;
const evidence = () => join(test.directory, "evidence");
const running = new Set<ChildProcess>();

beforeAll(() => {
  test = createTestDatabase();
});
// A test that fails half-way leaves no child writing to the database.
afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
});
afterAll(() => test.close());

interface Child {
  /** Resolves once the child has printed a line matching `pattern`; rejects if it ends first. */
  printed(pattern: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function startChild(args: string[]): Child {
  // Node itself with tsx's loader (not the tsx command, which runs Node as a child of its own):
  // the process killed is the one writing.
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stderr });
    }),
  );
  return {
    exited,
    kill: () => child.kill("SIGKILL"),
    printed: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stdout)) return;
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
        void exited.then(({ code, signal }) => reject(new Error(`The child ended (${code ?? signal}) before printing ${pattern}:\n${stdout}\n${stderr}`)));
      }),
  };
}

/** Nothing recorded names a missing file, and every timeline and file checks out. */
async function expectNothingBroken() {
  const folder = await checkEvidenceFolder(test.db, evidence());
  expect(folder.missing).toEqual([]);
  const report = await verifyRecords(test.db, evidence());
  expect(report.problems).toEqual([]);
  return folder;
}

const abuseReportsOf = (personId: number) =>
  test.db.select().from(incidents).where(and(eq(incidents.reporterId, personId), eq(incidents.kind, "staff_abuse"))).all();

/**
 * Each report is whole (opened, with every screenshot of its draft attached) and its draft gone;
 * a draft left is one whose report was not opened at all.
 */
function expectWholeReportsOrNone(personId: number) {
  const reports = abuseReportsOf(personId);
  const said = reports.map((incident) => (incident.snapshot as { context: { report: { whatHappened: string } } }).context.report.whatHappened);
  for (const incident of reports) {
    expect(incident.version).toBe(1 + CRASH_SCREENSHOTS);
    expect(test.db.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incident.id)).all()).toHaveLength(CRASH_SCREENSHOTS);
    const attachEvents = test.db
      .select()
      .from(incidentEvents)
      .where(and(eq(incidentEvents.incidentId, incident.id), eq(incidentEvents.type, "ATTACH_SCREENSHOT")))
      .all();
    expect(attachEvents).toHaveLength(CRASH_SCREENSHOTS);
  }
  expect(new Set(said).size).toBe(said.length);
  const draft = loadAbuseDraft(test.db, personId);
  if (draft?.data.whatHappened) expect(said).not.toContain(draft.data.whatHappened);
  return reports.length;
}

async function writeDraft(personId: number, number: number) {
  answerAbuseQuestions(test.db, personId, number);
  const upload = await receiveEvidenceUpload(screenshotForm(CRASH_SCREENSHOTS), { directory: evidence() });
  updateDraftScreenshots(test.db, personId, { added: upload.files, removing: null, noScreenshotReason: null }, new Date());
}

const draftRow = (personId: number) => test.db.select().from(reportDrafts).where(eq(reportDrafts.personId, personId)).get();

describe("a kill during sending", () => {
  it(
    "inside the sending transaction, at each step, leaves the untouched draft and no incident",
    async () => {
      const reporter = test.user("library-assistant");
      await writeDraft(reporter.id, 1);
      const before = draftRow(reporter.id);
      const hooks = [
        "incidents:insert:1", // the incident opened
        "evidence_files:insert:1", // its first screenshot attached
        `evidence_files:insert:${CRASH_SCREENSHOTS}`, // its last screenshot attached
        "report_drafts:delete:1", // the draft deleted: the last change before the commit
      ];
      for (const hook of hooks) {
        const child = startChild(["send", test.path, reporter.email, hook]);
        await child.printed(/^sending 1$/m);
        const { signal, stderr } = await child.exited;
        expect(signal, `${hook}: ${stderr}`).toBe("SIGKILL");
        expect(abuseReportsOf(reporter.id), hook).toEqual([]);
        expect(draftRow(reporter.id), hook).toEqual(before);
        await expectNothingBroken();
      }
      // Sent again after all that, the draft makes one whole report.
      const sent = sendAbuseReport(test.db, reporter, randomUUID(), new Date());
      expect(sent.ok).toBe(true);
      expect(expectWholeReportsOrNone(reporter.id)).toBe(1);
      expect(draftRow(reporter.id)).toBeUndefined();
      await expectNothingBroken();
    },
    CRASH_TEST_TIMEOUT,
  );

  it(
    "at a random moment, again and again, leaves whole reports and at most a draft not sent",
    async () => {
      const reporter = test.user("hub-officer");
      for (let kill = 0; kill < KILLS; kill += 1) {
        const child = startChild(["send", test.path, reporter.email, "random"]);
        const sent = abuseReportsOf(reporter.id).length;
        // Somewhere in the second to fourth report of this run: writing its draft, or sending it.
        await child.printed(new RegExp(`^sending ${sent + randomInt(2, 5)}$`, "m"));
        await delay(randomInt(0, 25));
        child.kill();
        expect((await child.exited).signal).toBe("SIGKILL");
        expectWholeReportsOrNone(reporter.id);
        await expectNothingBroken();
      }
      expect(abuseReportsOf(reporter.id).length).toBeGreaterThanOrEqual(KILLS);
    },
    CRASH_TEST_TIMEOUT,
  );
});

describe("a kill during an upload", () => {
  it(
    "before the files' rows commit leaves the files unnamed, never a row naming a missing file",
    async () => {
      const uploader = test.user("parks-officer");
      const incident = reportAbuseAs(test, "parks-officer");
      for (const hook of ["evidence_files:insert:2", "report_drafts:insert:1"]) {
        const orphansBefore = (await checkEvidenceFolder(test.db, evidence())).orphans.length;
        const child = startChild(["upload", test.path, uploader.email, hook, String(incident.id)]);
        const { signal, stderr } = await child.exited;
        expect(signal, `${hook}: ${stderr}`).toBe("SIGKILL");
        const folder = await expectNothingBroken();
        // The two files of the upload cut off are in place (renamed before the commit), unnamed.
        expect(folder.orphans.length - orphansBefore, hook).toBeGreaterThanOrEqual(2);
      }
      // Killed in the first run's attaching, then in the second run's draft (after its attaching committed).
      expect(test.db.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incident.id)).all()).toHaveLength(2);
      expect(loadAbuseDraft(test.db, uploader.id)).toBeUndefined();
    },
    CRASH_TEST_TIMEOUT,
  );

  it(
    "at a random moment, again and again, leaves no recorded file missing",
    async () => {
      const uploader = test.user("comms1");
      const incident = reportAbuseAs(test, "comms1");
      for (let kill = 0; kill < KILLS; kill += 1) {
        const child = startChild(["upload", test.path, uploader.email, "random", String(incident.id)]);
        await child.printed(new RegExp(`^recording ${randomInt(1, 4)}$`, "m"));
        await delay(randomInt(0, 25));
        child.kill();
        expect((await child.exited).signal).toBe("SIGKILL");
        await expectNothingBroken();
      }
      const recorded = test.db.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incident.id)).all();
      expect(recorded.length).toBeGreaterThan(0);
      expect(recorded.length % 2).toBe(0);
    },
    CRASH_TEST_TIMEOUT,
  );
});
