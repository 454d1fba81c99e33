import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkDraft,
  discardAbuseDraft,
  loadAbuseDraft,
  resumeSlug,
  saveQuestionPage,
  saveScreenshotsPage,
  sendAbuseReport,
  type DraftScreenshot,
} from "../../app/paths/staff-abuse/report.server";
import type { CurrentUser } from "../../app/utils/auth.server";
import { toOrganisationLocalInput } from "../../machines/kit/dates";
import { evidenceFiles, incidents } from "../../db/schema";
import { verifyRecords } from "../../db/verify";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { makePng } from "../helpers/images";

let test: TestDatabase;

beforeAll(() => {
  test = createTestDatabase({ passwordHash: "x" });
});
afterAll(() => test.close());

const user = (key: string): CurrentUser => ({ ...test.person(key), email: "", jobTitle: "", roles: ["staff"] });
const anHourAgo = () => toOrganisationLocalInput(new Date(Date.now() - 60 * 60_000));

/** The answers of the four question pages, as their forms send them. */
function answerQuestions(personId: number) {
  const now = new Date();
  saveQuestionPage(test.db, personId, "danger", { inDanger: "no" }, now);
  saveQuestionPage(test.db, personId, "kind", { kinds: ["harassment", "hate"], protectedCharacteristics: "religion", connectedToRole: "yes" }, now);
  saveQuestionPage(test.db, personId, "where-and-when", { platform: "Nextdoor", happenedAt: anHourAgo(), perpetrator: "@nextdoor_neighbour" }, now);
  saveQuestionPage(test.db, personId, "what-happened", { whatHappened: "Posts about me at the library.", impact: "Worried at work." }, now);
}

function storedScreenshot(name: string): DraftScreenshot {
  const directory = join(test.directory, "evidence", "2026", "11");
  mkdirSync(directory, { recursive: true });
  const bytes = makePng(4, 4);
  const absolutePath = join(directory, name);
  writeFileSync(absolutePath, bytes);
  return { originalName: `${name}.png`, mediaType: "image/png", sizeBytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), storagePath: `2026/11/${name}`, absolutePath };
}

describe("the staff abuse report draft", () => {
  it("asks for each page in turn until everything needed is there", () => {
    const personId = test.person("hub-officer").id;
    expect(resumeSlug(undefined)).toBe("danger");
    saveQuestionPage(test.db, personId, "danger", { inDanger: "yes" }, new Date());
    expect(resumeSlug(loadAbuseDraft(test.db, personId)?.data)).toBe("kind");
    // Someone who typed the address of a later page still has the skipped one asked for.
    saveQuestionPage(test.db, personId, "what-happened", { whatHappened: "Abuse", impact: "Upset" }, new Date());
    expect(checkDraft(loadAbuseDraft(test.db, personId)?.data)).toEqual({ ok: false, slug: "kind" });
  });

  it("needs a protected characteristic for hate, and drops any ticked without hate", () => {
    const personId = test.person("library-assistant").id;
    answerQuestions(personId);
    saveQuestionPage(test.db, personId, "kind", { kinds: ["hate"], connectedToRole: "yes" }, new Date());
    expect(checkDraft(loadAbuseDraft(test.db, personId)?.data)).toEqual({ ok: false, slug: "kind" });

    saveQuestionPage(test.db, personId, "kind", { kinds: "threat", protectedCharacteristics: ["race"], connectedToRole: "not_sure" }, new Date());
    saveScreenshotsPage(test.db, personId, { screenshots: [], noScreenshotReason: "It was deleted before I could." }, new Date());
    const check = checkDraft(loadAbuseDraft(test.db, personId)?.data);
    expect(check.ok && check.report).toMatchObject({ kinds: ["threat"], protectedCharacteristics: [], connectedToRole: "not_sure" });
  });

  it("needs a screenshot or the reason there is none", () => {
    const personId = test.person("comms1").id;
    answerQuestions(personId);
    expect(resumeSlug(loadAbuseDraft(test.db, personId)?.data)).toBe("screenshots");
    saveScreenshotsPage(test.db, personId, { screenshots: [storedScreenshot("comms1")], noScreenshotReason: null }, new Date());
    expect(resumeSlug(loadAbuseDraft(test.db, personId)?.data)).toBe("check");
  });

  it("forgets an optional answer taken away when its page is saved again", () => {
    const personId = test.person("comms2").id;
    answerQuestions(personId);
    saveQuestionPage(test.db, personId, "where-and-when", { platform: "Nextdoor", happenedAt: anHourAgo() }, new Date());
    expect(loadAbuseDraft(test.db, personId)?.data).not.toHaveProperty("perpetrator");
  });

  it("sends the report with its screenshots and deletes the draft, keeping the files", () => {
    const reporter = user("library-assistant");
    saveQuestionPage(test.db, reporter.id, "kind", { kinds: ["harassment", "hate"], protectedCharacteristics: ["religion"], connectedToRole: "yes" }, new Date());
    const screenshot = storedScreenshot("sent");
    saveScreenshotsPage(test.db, reporter.id, { screenshots: [screenshot], noScreenshotReason: null }, new Date());

    const key = randomUUID();
    const outcome = sendAbuseReport(test.db, reporter, key, new Date());
    if (!outcome.ok) throw new Error("the report was not sent");
    expect(outcome.repeated).toBe(false);
    const incident = test.db.select().from(incidents).where(eq(incidents.reference, outcome.incident.reference)).get()!;
    expect(incident.kind).toBe("staff_abuse");
    expect((incident.snapshot as { context: { report: unknown } }).context.report).toEqual({
      inDanger: false,
      platform: "Nextdoor",
      link: null,
      happenedAt: expect.any(String),
      perpetrator: "@nextdoor_neighbour",
      whatHappened: "Posts about me at the library.",
      kinds: ["harassment", "hate"],
      protectedCharacteristics: ["religion"],
      connectedToRole: "yes",
      impact: "Worried at work.",
      noScreenshotReason: null,
    });
    const files = test.db.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incident.id)).all();
    expect(files.map((file) => file.storagePath)).toEqual([screenshot.storagePath]);
    expect(existsSync(screenshot.absolutePath)).toBe(true);
    expect(loadAbuseDraft(test.db, reporter.id)).toBeUndefined();
    expect(outcome.incident.version).toBe(2);
    // The same form sent again (a retry, a second press) finds the incident it opened.
    const again = sendAbuseReport(test.db, reporter, key, new Date());
    expect(again).toMatchObject({ ok: true, repeated: true, incident: { id: incident.id, version: 2 } });
    // Another copy of the page (its own key) finds nothing left to send.
    expect(sendAbuseReport(test.db, reporter, randomUUID(), new Date())).toEqual({ ok: false, slug: null });
    expect(test.db.select().from(incidents).where(eq(incidents.reporterId, reporter.id)).all()).toHaveLength(1);
  });

  it("sends nothing while a page is unanswered, and keeps the draft", () => {
    const reporter = user("comms2");
    saveQuestionPage(test.db, reporter.id, "danger", { inDanger: null }, new Date());
    expect(sendAbuseReport(test.db, reporter, randomUUID(), new Date())).toEqual({ ok: false, slug: "danger" });
    expect(test.db.select().from(incidents).where(eq(incidents.reporterId, reporter.id)).all()).toEqual([]);
    expect(loadAbuseDraft(test.db, reporter.id)).toBeDefined();
  });

  it("starting again never deletes the files of a report already sent", async () => {
    // A draft left behind after its report was sent (before sending was one transaction, a crash
    // between attaching the screenshots and deleting the draft left both).
    const reporter = user("hub-officer");
    answerQuestions(reporter.id);
    const sentFile = storedScreenshot("sent-then-left");
    const unsentFile = storedScreenshot("only-in-draft");
    saveScreenshotsPage(test.db, reporter.id, { screenshots: [sentFile], noScreenshotReason: null }, new Date());
    const sent = sendAbuseReport(test.db, reporter, randomUUID(), new Date());
    if (!sent.ok) throw new Error("the report was not sent");
    saveScreenshotsPage(test.db, reporter.id, { screenshots: [sentFile, unsentFile], noScreenshotReason: null }, new Date());

    await discardAbuseDraft(test.db, reporter.id);
    expect(loadAbuseDraft(test.db, reporter.id)).toBeUndefined();
    expect(existsSync(sentFile.absolutePath)).toBe(true);
    expect(existsSync(unsentFile.absolutePath)).toBe(false);
    const report = await verifyRecords(test.db, join(test.directory, "evidence"));
    expect(report.problems).toEqual([]);
  });

  it("starting again deletes the draft and the screenshots it kept", async () => {
    const personId = test.person("comms1").id;
    const kept = (loadAbuseDraft(test.db, personId)?.data.screenshots as DraftScreenshot[])[0];
    expect(existsSync(kept.absolutePath)).toBe(true);
    await discardAbuseDraft(test.db, personId);
    expect(loadAbuseDraft(test.db, personId)).toBeUndefined();
    expect(existsSync(kept.absolutePath)).toBe(false);
  });
});
