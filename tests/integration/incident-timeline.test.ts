import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordCustody } from "../../app/models/custody.server";
import { EVIDENCE_PAGE_SIZE, latestEvidence } from "../../app/models/evidence.server";
import { getTimelinePage, incidentPage, TIMELINE_PAGE_SIZE } from "../../app/models/incidents.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { loader as incidentLoader } from "../../app/routes/incidents.$reference";
import { loader as evidenceLoader } from "../../app/routes/incidents.$reference_.evidence";
import { commitSessionCookie, hashPassword, signIn } from "../../app/utils/auth.server";
import { db as appDb } from "../../app/utils/db.server";
import type { Incident } from "../../db/schema";
import { DEMO_PEOPLE, demoEmail } from "../../db/seed";
import { applyEvent } from "../../db/workflow";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/**
 * The incident page reads one page of a long timeline: two full pages and 20 events more make
 * three pages, the last one short. Event n happens n - 1 minutes after event n - 1, so every
 * "time since the previous event" is different and a page boundary that compared with the wrong
 * entry would show.
 */

const PASSWORD = "timeline paging test password";
const SIZE = TIMELINE_PAGE_SIZE;
const EVENTS = 2 * SIZE + 20;
const REPORTED_AT = new Date("2026-11-02T09:00:00.000Z");
/** When event n (1, 2, 3…) happened: the gaps grow by a minute each time. */
const eventTime = (sequence: number) => new Date(REPORTED_AT.getTime() + ((sequence * (sequence - 1)) / 2) * 60_000);
const minutesAfter = (time: Date, minutes: number) => new Date(time.getTime() + minutes * 60_000);

let test: TestDatabase;
let incident: Incident;
/** The custody entries placed around the page boundaries, by what they show. */
const packs: Record<"endOfPageOne" | "withFirstOfPageTwo" | "afterTheLast", string> = { endOfPageOne: "", withFirstOfPageTwo: "", afterTheLast: "" };

const cookies = new Map<string, string>();

/** A session cookie for a demo person, signed in once per file (hashing the password is slow). */
async function cookieFor(key: string): Promise<string> {
  const known = cookies.get(key);
  if (known) return known;
  const person = DEMO_PEOPLE.find((candidate) => candidate.key === key)!;
  const result = await signIn(test.db, { email: demoEmail(person), password: PASSWORD }, new Date());
  if (!result.ok) throw new Error(`Could not sign in as ${key}`);
  const cookie = (await commitSessionCookie(result.token)).split(";")[0];
  cookies.set(key, cookie);
  return cookie;
}

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response> | Response;

/** The loader's answer, or the Response it threw (a 404, or the redirect to sign in). */
async function call(loader: Loader, path: string, cookie: string): Promise<Response> {
  try {
    return await loader({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params: { reference: path.split("/")[2].split("?")[0] }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeAll(async () => {
  test = createTestDatabase({ passwordHash: await hashPassword(PASSWORD), now: REPORTED_AT });
  process.env.DATABASE_PATH = test.path;
  process.env.SESSION_SECRET = "s".repeat(32);
  const reporter = test.user("library-assistant");
  const manager = test.user("libraries-manager");
  incident = reportMistakenPost(test.db, reporter, { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: REPORTED_AT.toISOString(), whatHappened: "Posted the wrong opening hours." }, eventTime(1));
  incident = applyEvent(test.db, {
    incidentId: incident.id,
    event: { type: "ACKNOWLEDGE", note: "Spoken to Jo.", by: { id: manager.id, name: manager.name, roles: manager.roles } },
    actor: manager,
    now: eventTime(2),
  });
  for (let sequence = 3; sequence <= EVENTS; sequence += 1) {
    incident = applyEvent(test.db, {
      incidentId: incident.id,
      event: {
        type: "ATTACH_SCREENSHOT",
        by: { id: reporter.id, name: reporter.name, roles: reporter.roles },
        file: { originalName: `screenshot-${sequence}.png`, mediaType: "image/png", sizeBytes: 2048, sha256: sequence.toString(16).padStart(64, "0"), storagePath: `test/${sequence}.png` },
      },
      actor: reporter,
      now: eventTime(sequence),
    });
  }
  const comms = test.person("comms1");
  const pack = (at: Date, action: "downloaded_pack_pdf" | "downloaded_pack_zip" = "downloaded_pack_pdf") =>
    recordCustody(test.db, { incidentId: incident.id, evidenceFileId: null, action, personId: comms.id, at }).at;
  // Between the last event of page 1 and the first of page 2: the end of page 1.
  packs.endOfPageOne = pack(minutesAfter(eventTime(SIZE), 10));
  // At the very moment of the first event of page 2: after it, on page 2.
  packs.withFirstOfPageTwo = pack(eventTime(SIZE + 1), "downloaded_pack_zip");
  packs.afterTheLast = pack(minutesAfter(eventTime(EVENTS), 5));
  // Looking at a file is in the custody log, not on the timeline.
  recordCustody(test.db, { incidentId: incident.id, evidenceFileId: null, action: "viewed_thumbnail", personId: comms.id, at: minutesAfter(eventTime(SIZE + 10), 1) });
});
afterAll(() => {
  appDb().$client.close();
  test.close();
});

/** A mistaken post shows its whole timeline to everyone who may read it. */
const showsAll = () => true;
const eventsOf = (timeline: { sequence: number | null }[]) => timeline.filter((entry) => entry.sequence !== null).map((entry) => entry.sequence);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe("a page of the timeline", () => {
  it("shows the latest page when none is asked for, and counts every event", () => {
    const { timeline, timelinePaging } = getTimelinePage(test.db, incident, null, showsAll);
    expect(timelinePaging).toEqual({ page: 3, pageCount: 3, total: EVENTS, firstNumber: 2 * SIZE + 1, lastNumber: EVENTS, notFound: null, previousAt: eventTime(2 * SIZE).toISOString() });
    expect(eventsOf(timeline)).toEqual(range(2 * SIZE + 1, EVENTS));
    // The download after the last event closes the last page.
    expect(timeline.at(-1)).toMatchObject({ key: expect.stringMatching(/^custody-/), label: "Evidence pack downloaded (PDF)", at: packs.afterTheLast, sequence: null });
  });

  it("numbers pages oldest first: page 1 starts with the report, with nothing before it", () => {
    const { timeline, timelinePaging } = getTimelinePage(test.db, incident, "1", showsAll);
    expect(timelinePaging).toMatchObject({ page: 1, firstNumber: 1, lastNumber: SIZE, previousAt: null, notFound: null });
    expect(eventsOf(timeline)).toEqual(range(1, SIZE));
    expect(timeline[0]).toMatchObject({ label: "Reported", actorName: "Jo Lee", at: eventTime(1).toISOString() });
    // The note of an event comes through; nothing the page does not show does (hashes, payloads).
    expect(timeline[1]).toEqual({ key: "event-2", sequence: 2, label: "Acknowledged", at: eventTime(2).toISOString(), actorName: "Owen Price", stepTitle: expect.any(String), note: "Spoken to Jo.", outcome: null });
    expect(timeline[2].note).toBeNull();
    // The download between the pages happened before the first event of page 2: it ends page 1.
    expect(timeline.at(-1)).toMatchObject({ sequence: null, label: "Evidence pack downloaded (PDF)", at: packs.endOfPageOne });
    expect(timeline.at(-2)?.sequence).toBe(SIZE);
  });

  it("times the first event of a page from the last entry of the page before", () => {
    const { timeline, timelinePaging } = getTimelinePage(test.db, incident, "2", showsAll);
    expect(timelinePaging).toMatchObject({ page: 2, firstNumber: SIZE + 1, lastNumber: 2 * SIZE, notFound: null });
    expect(eventsOf(timeline)).toEqual(range(SIZE + 1, 2 * SIZE));
    // Page 1 ends with the pack download 10 minutes after its last event; the first event of
    // page 2 came SIZE minutes after that last event, so SIZE - 10 minutes after the download.
    expect(timelinePaging.previousAt).toBe(packs.endOfPageOne);
    expect(Date.parse(timeline[0].at) - Date.parse(timelinePaging.previousAt!)).toBe((SIZE - 10) * 60_000);
    // A download at the same moment as the first event of page 2 comes after it, on its page.
    expect(timeline.slice(0, 2).map((entry) => entry.key)).toEqual([`event-${SIZE + 1}`, expect.stringMatching(/^custody-/)]);
    expect(timeline[1]).toMatchObject({ label: "Evidence pack downloaded (ZIP)", at: packs.withFirstOfPageTwo, actorName: "Ellie Marsh" });
    // Thumbnail views are custody, not timeline.
    expect(timeline.filter((entry) => entry.sequence === null)).toHaveLength(1);
  });

  it("times page 3 from the last event of page 2 when no download came between", () => {
    const { timeline, timelinePaging } = getTimelinePage(test.db, incident, "3", showsAll);
    expect(timelinePaging.previousAt).toBe(eventTime(2 * SIZE).toISOString());
    expect(Date.parse(timeline[0].at) - Date.parse(timelinePaging.previousAt!)).toBe(2 * SIZE * 60_000);
  });

  it("puts every event and every pack download on exactly one page, in time order", () => {
    const pages = ["1", "2", "3"].map((page) => getTimelinePage(test.db, incident, page, showsAll).timeline);
    const all = pages.flat();
    expect(eventsOf(all)).toEqual(range(1, EVENTS));
    expect(all.filter((entry) => entry.sequence === null).map((entry) => entry.at)).toEqual([packs.endOfPageOne, packs.withFirstOfPageTwo, packs.afterTheLast]);
    expect(all.map((entry) => entry.at)).toEqual(all.map((entry) => entry.at).sort());
  });

  it.each([
    ["99", 3, "99"],
    ["4", 3, "4"],
    ["0", 1, "0"],
    ["-1", 3, "-1"],
    ["2.5", 3, "2.5"],
    ["abc", 3, "abc"],
    ["99999999999999999999999", 3, "99999999999999999999…"],
    ["", 3, null],
    ["02", 2, null],
  ])("answers ?timeline=%s with page %i, saying when there is no such page", (asked, page, notFound) => {
    const { timeline, timelinePaging } = getTimelinePage(test.db, incident, asked, showsAll);
    expect(timelinePaging).toMatchObject({ page, pageCount: 3, notFound });
    expect(eventsOf(timeline)[0]).toBe((page - 1) * SIZE + 1);
  });

  it("shows a short timeline whole, on one page", () => {
    const short = reportMistakenPost(test.db, test.user("library-assistant"), { platform: "X (Twitter)", account: "@EastbridgeLibraries", link: null, postedAt: REPORTED_AT.toISOString(), whatHappened: "A typo." }, REPORTED_AT);
    const { timeline, timelinePaging } = getTimelinePage(test.db, short, "7", showsAll);
    expect(timelinePaging).toEqual({ page: 1, pageCount: 1, total: 1, firstNumber: 1, lastNumber: 1, previousAt: null, notFound: "7" });
    expect(timeline).toHaveLength(1);
  });
});

describe("the incident page", () => {
  it("marks steps reached on earlier pages as done, and knows how many screenshots there are", () => {
    const page = incidentPage(test.db, incident.reference, test.user("comms1"), { timelinePage: null })!;
    expect(page.timelinePaging.page).toBe(3);
    // The acknowledgement is event 2, on page 1: the stepper still shows it done.
    expect(page.steps.find((step) => step.id === "awaitingAcknowledgement")?.status).toBe("done");
    expect(page.context.screenshotCount).toBe(EVENTS - 2);
  });

  it("lists the 10 latest files in the order they were added, with the count of all of them", async () => {
    const response = await call(incidentLoader as Loader, `/incidents/${incident.reference}?timeline=2`, await cookieFor("libraries-manager"));
    expect(response.status).toBe(200);
    const { page } = (await response.json()) as {
      page: { evidence: { originalName: string }[]; evidenceCount: number; timelinePaging: { page: number }; timeline: unknown[] };
    };
    expect(page.evidenceCount).toBe(EVENTS - 2);
    expect(page.evidence.map((file) => file.originalName)).toEqual(range(EVENTS - 9, EVENTS).map((sequence) => `screenshot-${sequence}.png`));
    expect(page.timelinePaging.page).toBe(2);
    expect(JSON.stringify(page)).not.toContain("storagePath");
    expect(JSON.stringify(page)).not.toContain(`test/${EVENTS}.png`);
  });

  it("counts without a second query when there are few files", () => {
    const few = latestEvidence(test.db, incident.id, 500);
    expect(few.evidence).toHaveLength(EVENTS - 2);
    expect(few.evidenceCount).toBe(EVENTS - 2);
  });
});

describe("the page of every evidence file", () => {
  const evidencePage = async (query: string, key = "libraries-manager") =>
    call(evidenceLoader as Loader, `/incidents/${incident.reference}/evidence${query}`, await cookieFor(key));

  it("lists them all, a page at a time in the order they were added", async () => {
    const files = EVENTS - 2;
    expect(files).toBeGreaterThan(EVIDENCE_PAGE_SIZE);
    const first = (await (await evidencePage("")).json()) as { files: { originalName: string }[]; total: number; page: number; pageCount: number; firstNumber: number; lastNumber: number };
    expect(first).toMatchObject({ total: files, page: 1, pageCount: 2, firstNumber: 1, lastNumber: EVIDENCE_PAGE_SIZE, notFound: null });
    expect(first.files[0].originalName).toBe("screenshot-3.png");
    const last = (await (await evidencePage("?page=2")).json()) as { files: { originalName: string }[]; firstNumber: number; lastNumber: number };
    expect(last).toMatchObject({ firstNumber: EVIDENCE_PAGE_SIZE + 1, lastNumber: files });
    expect(last.files.map((file) => file.originalName)).toEqual(range(EVIDENCE_PAGE_SIZE + 3, EVENTS).map((sequence) => `screenshot-${sequence}.png`));
  });

  it("shows the last page for a page past the end, and says so", async () => {
    expect(await (await evidencePage("?page=12")).json()).toMatchObject({ page: 2, notFound: "12" });
    expect(await (await evidencePage("?page=nope")).json()).toMatchObject({ page: 1, notFound: "nope" });
  });

  it("is for exactly the people who may see the incident: everyone else gets the 404 of an incident that does not exist", async () => {
    for (const key of ["library-assistant", "libraries-manager", "ceo", "comms1"]) {
      expect((await evidencePage("", key)).status, key).toBe(200);
      expect((await call(incidentLoader as Loader, `/incidents/${incident.reference}?timeline=1`, await cookieFor(key))).status, key).toBe(200);
    }
    for (const key of ["head-parks", "parks-officer", "hub-officer"]) {
      expect((await evidencePage("", key)).status, key).toBe(404);
      expect((await evidencePage("?page=2", key)).status, key).toBe(404);
      expect((await call(incidentLoader as Loader, `/incidents/${incident.reference}?timeline=2`, await cookieFor(key))).status, key).toBe(404);
    }
    const missing = await call(evidenceLoader as Loader, "/incidents/HF-1999-0001/evidence", await cookieFor("comms1"));
    expect(missing.status).toBe(404);
    expect((await call(evidenceLoader as Loader, `/incidents/${incident.reference}/evidence`, "")).status).toBe(302);
  });
});

describe("the incident page, read again after a change", () => {
  it("never shows what it read before the change", () => {
    const reporter = test.user("library-assistant");
    const manager = test.user("libraries-manager");
    const at = eventTime(EVENTS + 1);
    const fresh = reportMistakenPost(test.db, reporter, { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: at.toISOString(), whatHappened: "A second wrong post." }, at);
    const read = () => incidentPage(test.db, fresh.reference, manager, { timelinePage: null })!;
    expect(read()).toMatchObject({ timelinePaging: { total: 1 }, evidenceCount: 0, deadlines: [{ overdue: expect.any(Boolean) }] });
    expect(read().timeline.map((entry) => entry.label)).toEqual(["Reported"]);

    applyEvent(test.db, { incidentId: fresh.id, event: { type: "ACKNOWLEDGE", by: { id: manager.id, name: manager.name, roles: manager.roles } }, actor: manager, now: at });
    applyEvent(test.db, {
      incidentId: fresh.id,
      event: { type: "ATTACH_SCREENSHOT", by: { id: reporter.id, name: reporter.name, roles: reporter.roles }, file: { originalName: "second.png", mediaType: "image/png", sizeBytes: 10, sha256: "e".repeat(64), storagePath: "test/second.png" } },
      actor: reporter,
      now: at,
    });
    const after = read();
    expect(after.timelinePaging.total).toBe(3);
    expect(after.evidence.map((file) => file.originalName)).toEqual(["second.png"]);
    expect(after.steps.find((step) => step.id === "awaitingAcknowledgement")?.status).toBe("done");
    expect(after.deadlines).toEqual([]);
  });
});
