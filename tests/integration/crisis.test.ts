import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canViewIncident } from "../../app/models/incidents.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { fireDueDeadlines } from "../../app/workers/deadlines.server";
import { publishDuePosts, recordingAdapter } from "../../app/workers/publisher.server";
import { channelPauses, channels, deadlines, evidenceFiles, incidents, outbox, publications, scheduledPosts } from "../../db/schema";
import { applyEvent, WorkflowError } from "../../db/workflow";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/**
 * The crisis part of the mistaken-post path against a real database: the effects the machine
 * asks for (evidence rows, pauses, held posts, task deadlines, resuming) happen in the same
 * transaction as the step, and the publisher respects them.
 */

const NOW = new Date("2026-11-20T16:55:00.000Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let test: TestDatabase;
let incidentId: number;
let version: number;

beforeEach(() => {
  test = createTestDatabase({ now: NOW });
  const incident = reportMistakenPost(
    test.db,
    test.person("library-assistant"),
    { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: NOW.toISOString(), whatHappened: "Wrong closure notice." },
    NOW,
  );
  incidentId = incident.id;
  version = incident.version;
});
afterEach(() => test.close());

const comms = () => ({ ...test.person("comms1"), roles: ["staff", "communications"] });
const reporter = () => ({ ...test.person("library-assistant"), roles: ["staff"] });

function send(event: { type: string; [field: string]: unknown }, at: Date, by = comms()) {
  const updated = applyEvent(test.db, { incidentId, expectedVersion: version, event: { ...event, by }, actor: by, now: at });
  version = updated.version;
  return updated;
}

const librariesChannel = () => test.db.select().from(channels).where(eq(channels.handle, "@EastbridgeLibraries")).get()!;
const postsOf = (channelId: number) => test.db.select().from(scheduledPosts).where(eq(scheduledPosts.channelId, channelId)).all();

function throughToCrisisPlan() {
  send({ type: "ACKNOWLEDGE" }, later(2), { ...test.person("libraries-manager"), roles: ["staff"] });
  send({ type: "ATTACH_SCREENSHOT", file: { originalName: "post.png", mediaType: "image/png", sizeBytes: 10, sha256: "b".repeat(64), storagePath: "2026/11/abc" } }, later(3), reporter());
  send({ type: "RECORD_DELETED", deletedAt: later(4).toISOString() }, later(4), reporter());
  send(
    { type: "ASSESS_RISK", likelihood: 4, impact: 4, reach: 4, factors: ["media_interest"], decision: "respond", rationale: "Spreading", crisisPlanNeeded: true },
    later(10),
  );
  const channel = librariesChannel();
  send(
    {
      type: "CREATE_CRISIS_PLAN",
      holdingStatement: "We are correcting a wrong post.",
      spokesperson: "Dan Okafor",
      audiences: "Library users",
      channels: [channel.id],
      channelNames: [channel.handle],
      reviewAt: later(120).toISOString(),
      tasks: [{ title: "Brief library staff", owner: test.person("comms2"), dueAt: later(60).toISOString() }],
    },
    later(20),
  );
  return channel;
}

describe("the crisis path in the database", () => {
  it("records the screenshot's facts with who sent it and when", () => {
    throughToCrisisPlan();
    const [file] = test.db.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incidentId)).all();
    expect(file).toMatchObject({ originalName: "post.png", sha256: "b".repeat(64), uploadedById: test.person("library-assistant").id, receivedAt: later(3).toISOString() });
  });

  it("tells the senior leaders named by the admin's rule when the severity reaches it", () => {
    throughToCrisisPlan();
    const told = test.db
      .select({ recipient: outbox.recipient })
      .from(outbox)
      .where(and(eq(outbox.incidentId, incidentId), eq(outbox.template, "senior-leaders-notified")))
      .all()
      .map((row) => row.recipient)
      .sort();
    expect(told).toEqual(["dan.okafor@eastbridge.gov.uk", "priya.shah@eastbridge.gov.uk", "ruth.adeyemi@eastbridge.gov.uk"]);
  });

  it("pauses the chosen channel in the same change, holding its posts, and recording who, when and why", async () => {
    const channel = throughToCrisisPlan();
    const [pause] = test.db.select().from(channelPauses).where(eq(channelPauses.channelId, channel.id)).all();
    expect(pause).toMatchObject({ incidentId, pausedById: comms().id, pausedAt: later(20).toISOString(), resumedAt: null });
    expect(pause.reason).toContain("We are correcting a wrong post.");
    expect(postsOf(channel.id).map((post) => post.status)).toEqual(["held"]);
    // Days later the held post is long due, and still nothing is published on the channel.
    await publishDuePosts(test.db, recordingAdapter, later(5 * 24 * 60));
    expect(test.db.select().from(publications).where(eq(publications.channelId, channel.id)).all()).toEqual([]);
  });

  it("escalates an overdue task through its deadline", () => {
    throughToCrisisPlan();
    expect(fireDueDeadlines(test.db, later(61))).toEqual({ fired: 1, dropped: 0 });
    expect(test.db.select().from(outbox).where(and(eq(outbox.incidentId, incidentId), eq(outbox.template, "crisis-task-overdue"))).all()).toHaveLength(2);
  });

  it("refuses to resume while a held post is unreviewed, then publishes the edited post once resumed", async () => {
    const channel = throughToCrisisPlan();
    send({ type: "LEADER_NOT_NEEDED", reason: "Contained" }, later(30));
    send({ type: "DRAFT_RESPONSE", text: "Sorry, that was wrong." }, later(31));
    send({ type: "CONFIRM_CHECKS", transparent: true, sourcesCited: true, notRushed: true, focused: true }, later(32));
    send({ type: "SIGN_OFF_TONE" }, later(33), { ...test.person("comms2"), roles: ["staff", "communications"] });
    send({ type: "MARK_RESPONSE_SENT", where: "Reply" }, later(34));
    send({ type: "STAND_DOWN", summary: "Quiet" }, later(40));
    expect(test.db.select().from(deadlines).where(and(eq(deadlines.incidentId, incidentId), eq(deadlines.status, "pending"))).all()).toEqual([]);

    expect(() => send({ type: "RESUME_SCHEDULE" }, later(41))).toThrowError(
      new WorkflowError("refused", "1 held post on @EastbridgeLibraries still needs review before the schedule can run again"),
    );
    const [held] = postsOf(channel.id);
    send({ type: "REVIEW_HELD_POST", postId: held.id, decision: "edit-and-release", body: "Rhyme time is on as usual." }, later(42));
    send({ type: "RESUME_SCHEDULE" }, later(43));
    expect(test.db.select().from(channelPauses).where(eq(channelPauses.channelId, channel.id)).get()?.resumedAt).toBe(later(43).toISOString());

    await publishDuePosts(test.db, recordingAdapter, later(5 * 24 * 60));
    const published = test.db.select().from(publications).where(eq(publications.channelId, channel.id)).all();
    expect(published.map((publication) => publication.body)).toEqual(["Rhyme time is on as usual."]);
  });
});

describe("who may read the incident as the procedure goes on", () => {
  const canView = (key: string) => {
    const incident = test.db.select().from(incidents).where(eq(incidents.id, incidentId)).get()!;
    const person = test.person(key);
    return canViewIncident(test.db, { ...person, email: "", jobTitle: "", roles: ["staff"] }, incident);
  };

  it("lets in the senior leaders once told, the Leader once made aware, and task owners; nobody else", () => {
    expect(canView("ad")).toBe(false);
    expect(canView("leader")).toBe(false);
    throughToCrisisPlan();
    expect(canView("ad")).toBe(true);
    expect(canView("leader")).toBe(false);
    send({ type: "MAKE_LEADER_AWARE", summary: "The paper has asked" }, later(30));
    expect(canView("leader")).toBe(true);
    expect(canView("hr")).toBe(false);
    expect(canView("parks-officer")).toBe(false);
  });
});
