import { createRemixStub } from "@remix-run/testing";
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cancelPost, updatePost } from "../../app/models/channels.server";
import { crisisBanner } from "../../app/models/crisis-banner.server";
import { leadershipPeople, writeSetting } from "../../app/models/settings.server";
import { DEFAULT_CRISIS_TEMPLATE } from "../../app/paths/mistaken-post/crisis-template";
import { canViewIncident, getTimeline } from "../../app/models/incidents.server";
import { mistakenPostEventFrom, mistakenPostPageExtras, reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { settingsSchema } from "../../app/paths/mistaken-post/settings";
import { crisisTemplate, loadSettings, saveSettings } from "../../app/paths/mistaken-post/settings.server";
import type { MistakenPostContext } from "../../machines/mistaken-post";
import { formatDateTime } from "../../machines/kit/dates";
import { CrisisPlanStep, type StepPageData } from "../../app/paths/mistaken-post/steps";
import { excerpt } from "../../machines/kit/excerpt";
import { pauseChannels } from "../../db/channels";
import { fireDueDeadlines } from "../../app/workers/deadlines.server";
import { publishDuePosts, recordingAdapter } from "../../app/workers/publisher.server";
import { channelPauses, channels, deadlines, evidenceFiles, incidents, outbox, publications, scheduledPosts } from "../../db/schema";
import { applyEvent, storedContext, WorkflowError } from "../../db/workflow";
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

const contextNow = () => storedContext(test.db.select().from(incidents).where(eq(incidents.id, incidentId)).get()!) as MistakenPostContext;
const incidentNow = () => test.db.select().from(incidents).where(eq(incidents.id, incidentId)).get()!;

/** Posts on the libraries' channel, the first due before the stand-down and the others after. */
function schedule(channelId: number, posts: [body: string, minutes: number][]) {
  test.db
    .insert(scheduledPosts)
    .values(posts.map(([body, minutes]) => ({ channelId, body, scheduledFor: later(minutes).toISOString(), status: "scheduled" as const, createdById: test.person("comms1").id, updatedAt: NOW.toISOString() })))
    .run();
}

function throughToStandDown() {
  const channel = throughToCrisisPlan();
  send({ type: "LEADER_NOT_NEEDED", reason: "Contained" }, later(30));
  send({ type: "DRAFT_RESPONSE", text: "Sorry, that was wrong." }, later(31));
  send({ type: "CONFIRM_CHECKS", transparent: true, sourcesCited: true, notRushed: true, focused: true }, later(32));
  send({ type: "SIGN_OFF_TONE" }, later(33), { ...test.person("comms2"), roles: ["staff", "communications"] });
  send({ type: "MARK_RESPONSE_SENT", where: "Reply" }, later(34));
  send({ type: "STAND_DOWN", summary: "Quiet" }, later(40));
  return channel;
}

describe("the crisis template", () => {
  const toCrisisPlanStep = () => {
    send({ type: "ACKNOWLEDGE" }, later(2), { ...test.person("libraries-manager"), roles: ["staff"] });
    send({ type: "RECORD_NOT_DELETED", reason: "told_to_keep", explanation: "Legal" }, later(4), reporter());
    send({ type: "ASSESS_RISK", likelihood: 4, impact: 4, reach: 4, factors: [], decision: "respond", rationale: "Spreading", crisisPlanNeeded: true }, later(10));
  };

  it("fills the plan from the template the administrator saved, in one event: owners found by role, due from the moment it is used", () => {
    const saved = settingsSchema.parse({
      ...loadSettings(test.db).current,
      acknowledgementMinutes: 15,
      seniorLeaderIds: [test.person("headcomms").id],
      leaderId: test.person("leader").id,
      crisisHoldingStatement: "We know about the post and are putting it right.",
      crisisTasks: [
        { title: "Tell the contact centre", ownerRole: "communications", dueIn: 45, dueUnit: "minutes" },
        { title: "", ownerRole: "", dueIn: "", dueUnit: "hours" },
        { title: "Brief the leadership team", ownerRole: "leadership", dueIn: 2, dueUnit: "hours" },
      ],
    });
    expect(saveSettings(test.db, saved)).toMatchObject({ ok: true });
    expect(crisisTemplate(test.db).tasks.map((task) => task.dueInMinutes)).toEqual([45, 120]);

    toCrisisPlanStep();
    const before = incidentNow().version;
    send(mistakenPostEventFrom(test.db, { intent: "USE_CRISIS_TEMPLATE", version: before }), later(15));
    const draft = contextNow().crisisPlanDraft!;
    expect(incidentNow().version).toBe(before + 1);
    expect(incidentNow().state).toBe("crisisPlan");
    expect(draft.holdingStatement).toBe("We know about the post and are putting it right.");
    expect(draft.tasks.map((task) => [task.title, task.dueAt])).toEqual([
      ["Tell the contact centre", later(60).toISOString()],
      ["Brief the leadership team", later(135).toISOString()],
    ]);
    // The most senior active person of each role.
    const [mostSenior] = leadershipPeople(test.db);
    expect(draft.tasks[1].owner).toEqual({ id: mostSenior.id, name: mostSenior.name });
    expect(draft.tasks[0].owner.id).toBeGreaterThan(0);
    const [event] = getTimeline(test.db, incidentNow(), () => true).slice(-1);
    expect(event).toMatchObject({ type: "USE_CRISIS_TEMPLATE", label: "Crisis template used for the plan", actorName: comms().name });
    // Nothing is paused until the plan itself is put in force.
    expect(test.db.select().from(channelPauses).all()).toEqual([]);
  });

  it("says on the plan's form that the template's due times count from when it was used", () => {
    toCrisisPlanStep();
    const data: StepPageData = { version, allowed: ["USE_CRISIS_TEMPLATE", "CREATE_CRISIS_PLAN"], updatableTasks: [], actionData: undefined, taskOwners: [], channels: [], heldPosts: [], now: "" };
    const hint = "The due times filled from the template count from when it was used";
    const form = () => {
      const Stub = createRemixStub([{ path: "/", Component: () => createElement(CrisisPlanStep, { data: { ...data, version }, context: contextNow() }) }]);
      return renderToString(createElement(Stub));
    };
    expect(form()).not.toContain(hint);
    send(mistakenPostEventFrom(test.db, { intent: "USE_CRISIS_TEMPLATE", version }), later(15));
    expect(form()).toContain(`${hint}, ${formatDateTime(later(15).toISOString())}: change any that have passed before putting the plan in force.`);
  });

  it("falls back to the default template, throwing nothing, when what is stored is not a template", () => {
    for (const stored of ["not json", "{}", JSON.stringify({ holdingStatement: "Hold", tasks: [{ title: "Task", ownerRole: "caretaker", dueInMinutes: 30 }] })]) {
      writeSetting(test.db, "mistaken_post_crisis_template", stored);
      expect(crisisTemplate(test.db)).toEqual(DEFAULT_CRISIS_TEMPLATE);
    }
    const valid = { holdingStatement: "Hold", tasks: [{ title: "Task", ownerRole: "communications", dueInMinutes: 30 }] };
    writeSetting(test.db, "mistaken_post_crisis_template", JSON.stringify(valid));
    expect(crisisTemplate(test.db)).toEqual(valid);
  });

  it("starts from the default template until one is saved", () => {
    expect(crisisTemplate(test.db).tasks.length).toBeGreaterThan(0);
    toCrisisPlanStep();
    send(mistakenPostEventFrom(test.db, { intent: "USE_CRISIS_TEMPLATE", version: version }), later(15));
    expect(contextNow().crisisPlanDraft?.tasks).toHaveLength(crisisTemplate(test.db).tasks.length);
  });
});

describe("the crisis template's settings", () => {
  const base = () => ({ acknowledgementMinutes: 15, notifySeniorLeadersFrom: "high", seniorLeaderIds: ["1"], leaderId: "2" });
  const errorsOf = (value: Record<string, unknown>) =>
    settingsSchema.safeParse({ ...base(), ...value }).error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [];

  it("needs a holding statement, and for each task a title, a role and a due time of up to a week", () => {
    expect(
      errorsOf({
        crisisHoldingStatement: " ",
        crisisTasks: [
          { title: "Tell the contact centre", ownerRole: "", dueIn: 0, dueUnit: "minutes" },
          { title: "", ownerRole: "communications", dueIn: 8, dueUnit: "hours" },
          { title: "Far off", ownerRole: "leadership", dueIn: 169, dueUnit: "hours" },
        ],
      }),
    ).toEqual([
      ["crisisHoldingStatement", "Write the template's holding statement"],
      ["crisisTasks.0.ownerRole", "Choose the role that owns the task"],
      ["crisisTasks.0.dueIn", "Enter when the task is due as a whole number from 1, up to one week"],
      ["crisisTasks.1.title", "Say what the task is"],
      ["crisisTasks.2.dueIn", "Enter when the task is due as a whole number from 1, up to one week"],
    ]);
  });

  it("drops rows left blank (only their unit chosen), and keeps the offsets in minutes", () => {
    const parsed = settingsSchema.parse({
      ...base(),
      crisisHoldingStatement: "Holding",
      crisisTasks: [{ title: "", ownerRole: "", dueIn: "", dueUnit: "minutes" }, { title: "A", ownerRole: "communications", dueIn: 3, dueUnit: "hours" }],
    });
    expect(parsed.crisisTasks).toEqual([{ title: "A", ownerRole: "communications", dueInMinutes: 180 }]);
  });
});

describe("held posts decided together", () => {
  it("releases every post listed in one change, recording each, and leaves a post held since for its own decision", () => {
    const channel = librariesChannel();
    schedule(channel.id, [["Library opening hours over the holidays", 30], ["Rhyme time is back", 60 * 24], ["Book sale on Saturday", 60 * 48]]);
    throughToStandDown();
    const held = test.db.select().from(scheduledPosts).where(and(eq(scheduledPosts.channelId, channel.id), eq(scheduledPosts.status, "held"))).all();
    expect(held.length).toBeGreaterThanOrEqual(4);
    const listed = held.slice(1).map((post) => post.id);
    send({ type: "DECIDE_REMAINING_HELD_POSTS", decision: "release", postIds: listed }, later(45));
    const statusOf = new Map(postsOf(channel.id).map((post) => [post.id, post.status]));
    expect(listed.map((id) => statusOf.get(id))).toEqual(listed.map(() => "scheduled"));
    expect(statusOf.get(held[0].id)).toBe("held");
    expect(contextNow().heldPostReviews.map((review) => review.postId)).toEqual(listed);
    expect(() => send({ type: "RESUME_SCHEDULE" }, later(46))).toThrowError(/1 held post on @EastbridgeLibraries still needs review/);
  });

  it("changes nothing when one of the posts listed is no longer held", () => {
    const channel = librariesChannel();
    schedule(channel.id, [["Library opening hours over the holidays", 30]]);
    throughToStandDown();
    const held = postsOf(channel.id).filter((post) => post.status === "held");
    send({ type: "REVIEW_HELD_POST", postId: held[0].id, decision: "cancel" }, later(44));
    const versionBefore = version;
    expect(() => send({ type: "DECIDE_REMAINING_HELD_POSTS", decision: "release", postIds: held.map((post) => post.id) }, later(45))).toThrowError(
      `The post “${excerpt(held[0].body)}” has already been cancelled, so there is nothing left to decide on it.`,
    );
    expect(incidentNow().version).toBe(versionBefore);
    expect(postsOf(channel.id).find((post) => post.id === held[1].id)?.status).toBe("held");
  });

  it("marks, by the server's clock, each held post whose time has passed", () => {
    const channel = librariesChannel();
    schedule(channel.id, [["Library opening hours over the holidays", 30], ["Rhyme time is back", 60 * 24]]);
    throughToStandDown();
    const overdueOf = (now: Date) =>
      Object.fromEntries(
        mistakenPostPageExtras(test.db, incidentId, { allowedEvents: ["RESUME_SCHEDULE"], now })
          .heldPosts.filter((post) => post.body === "Library opening hours over the holidays" || post.body === "Rhyme time is back")
          .map((post) => [post.body, post.overdue]),
      );
    expect(overdueOf(later(29))).toEqual({ "Library opening hours over the holidays": false, "Rhyme time is back": false });
    expect(overdueOf(later(30))).toEqual({ "Library opening hours over the holidays": true, "Rhyme time is back": false });
  });

  it("refuses a post held by another incident's pause, one by one or together, and changes nothing", () => {
    const parks = test.db.select().from(channels).where(eq(channels.handle, "@EastbridgeParks")).get()!;
    schedule(parks.id, [["Park run starts at 9am on Saturday", 60 * 24]]);
    const other = reportMistakenPost(
      test.db,
      test.person("library-assistant"),
      { platform: "X (Twitter)", account: "@EastbridgeParks", link: null, postedAt: NOW.toISOString(), whatHappened: "Wrong date." },
      NOW,
    );
    test.db.transaction((tx) => pauseChannels(tx, { channelIds: [parks.id], incidentId: other.id, pausedById: null, reason: "Another crisis", at: later(5).toISOString() }));
    const channel = librariesChannel();
    throughToStandDown();
    const theirs = postsOf(parks.id).find((post) => post.body === "Park run starts at 9am on Saturday")!;
    const mine = postsOf(channel.id).filter((post) => post.status === "held");
    const versionBefore = version;
    const refusal = "The post “Park run starts at 9am on Saturday” is held by another incident's crisis pause, so it can only be decided on that incident.";
    expect(() => send({ type: "REVIEW_HELD_POST", postId: theirs.id, decision: "release" }, later(45))).toThrowError(new WorkflowError("refused", refusal));
    expect(() => send({ type: "DECIDE_REMAINING_HELD_POSTS", decision: "cancel", postIds: [...mine.map((post) => post.id), theirs.id] }, later(45))).toThrowError(refusal);
    expect(incidentNow().version).toBe(versionBefore);
    expect(postsOf(parks.id).find((post) => post.id === theirs.id)?.status).toBe("held");
    expect(postsOf(channel.id).filter((post) => post.status === "held")).toHaveLength(mine.length);
  });
});

describe("a held post cancelled or changed from its channel page", () => {
  it("is cancelled through the incident that holds it, in one change recorded on its timeline with who did it", () => {
    const channel = librariesChannel();
    schedule(channel.id, [["Library opening hours over the holidays: all branches close at 4pm", 30]]);
    throughToCrisisPlan();
    const held = postsOf(channel.id).filter((post) => post.status === "held");
    const post = held.find((candidate) => candidate.body.startsWith("Library opening hours"))!;
    const before = incidentNow().version;
    expect(cancelPost(test.db, { channelId: channel.id, postId: post.id, now: later(25), user: test.user("comms1") })).toEqual({ ok: true, id: post.id, recordedOn: incidentNow().reference });
    expect(postsOf(channel.id).find((row) => row.id === post.id)?.status).toBe("cancelled");
    expect(incidentNow().version).toBe(before + 1);
    const [event] = getTimeline(test.db, incidentNow(), () => true).slice(-1);
    expect(event).toMatchObject({
      type: "HELD_POST_CANCELLED_FROM_CHANNEL",
      label: "Held post cancelled from the channel page",
      actorName: test.person("comms1").name,
      note: "Library opening hours over the…",
      at: later(25).toISOString(),
    });
    expect(contextNow().heldPostReviews).toEqual([
      { postId: post.id, decision: "cancel", by: test.person("comms1"), at: later(25).toISOString(), from: "channel-page" },
    ]);
  });

  it("keeps a changed post held, with its new text, and records the change on the incident", () => {
    const channel = librariesChannel();
    throughToCrisisPlan();
    const [post] = postsOf(channel.id);
    const outcome = updatePost(test.db, { channelId: channel.id, postId: post.id, body: "New words", scheduledFor: later(600), now: later(25), user: test.user("comms1") });
    expect(outcome).toEqual({ ok: true, id: post.id, recordedOn: incidentNow().reference });
    expect(postsOf(channel.id)[0]).toMatchObject({ status: "held", body: "New words", scheduledFor: later(600).toISOString() });
    expect(getTimeline(test.db, incidentNow(), () => true).at(-1)).toMatchObject({ type: "HELD_POST_EDITED_FROM_CHANNEL", actorName: test.person("comms1").name });
  });

  it("changes a post no pause holds without touching any incident", () => {
    const channel = librariesChannel();
    const [post] = postsOf(channel.id);
    const before = incidentNow().version;
    expect(cancelPost(test.db, { channelId: channel.id, postId: post.id, now: later(5), user: test.user("comms1") })).toEqual({ ok: true, id: post.id, recordedOn: null });
    expect(incidentNow().version).toBe(before);
  });
});

describe("the crisis banner's data", () => {
  it("names the paused channels while a plan is in force, links the incident only for those who may read it, and goes when the schedule resumes", () => {
    expect(crisisBanner(test.db, test.user("comms1"))).toBeNull();
    throughToStandDown();
    expect(crisisBanner(test.db, test.user("comms1"))).toEqual({ channels: ["@EastbridgeLibraries"], incidents: [{ reference: incidentNow().reference }] });
    expect(crisisBanner(test.db, test.user("parks-officer"))).toEqual({ channels: ["@EastbridgeLibraries"], incidents: [{ reference: null }] });
    for (const post of postsOf(librariesChannel().id).filter((row) => row.status === "held")) {
      send({ type: "REVIEW_HELD_POST", postId: post.id, decision: "release" }, later(41));
    }
    send({ type: "RESUME_SCHEDULE" }, later(42));
    expect(crisisBanner(test.db, test.user("comms1"))).toBeNull();
  });
});
