import { and, eq, isNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishDuePosts, recordingAdapter, type PublishingAdapter } from "../../app/workers/publisher.server";
import {
  ChannelError,
  DUPLICATE_CHANNEL_MESSAGE,
  cancelScheduledPost,
  createChannel,
  createScheduledPost,
  getChannel,
  heldPostsForIncident,
  openPausesForIncident,
  pauseChannels,
  resumePausesOfIncident,
  reviewHeldPost,
  editHeldPost,
  HELD_POST_CHANGED_ELSEWHERE_MESSAGE,
  updateChannel,
  updateScheduledPost,
  type ChannelDetails,
  type HeldPostDecision,
  type PauseOptions,
} from "../../db/channels";
import { openDatabase, type Db } from "../../db/client";
import { listChannels } from "../../app/models/channels.server";
import { channelPauses, channels, incidents, publications, scheduledPosts } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const NOW = new Date("2026-11-20T09:00:00.000Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const isoLater = (minutes: number) => later(minutes).toISOString();

let test: TestDatabase;

beforeEach(() => {
  test = createTestDatabase({ now: NOW });
});
afterEach(() => test.close());

function channelId(handle: string, db: Db = test.db): number {
  const row = db.select({ id: channels.id }).from(channels).where(eq(channels.handle, handle)).get();
  if (!row) throw new Error(`No channel ${handle}`);
  return row.id;
}

/** A channel with nothing scheduled on it, so counts in messages are the test's own. */
function newChannel(handle = "@EastbridgeEvents", overrides: Partial<ChannelDetails> = {}): number {
  return createChannel(test.db, {
    platform: "X (Twitter)",
    handle,
    link: `https://x.example/${handle.slice(1)}`,
    owningService: "Place",
    admins: ["Grace Murphy"],
    passwordChangedOn: null,
    active: true,
    ...overrides,
  }).id;
}

/**
 * The pause only needs an incident to point at, so the row is written directly rather than
 * through the escalation workflow.
 */
function openIncident(reference = "HF-2026-0001"): number {
  return test.db
    .insert(incidents)
    .values({
      reference,
      kind: "mistaken_post",
      title: "Post made by mistake on @EastbridgeEvents",
      reporterId: test.person("comms1").id,
      machineId: "mistakenPost",
      machineVersion: 1,
      snapshot: {},
      state: "awaitingAcknowledgement",
      version: 1,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    })
    .returning({ id: incidents.id })
    .get().id;
}

function schedule(channel: number, minutesFromNow: number, body = `Post due in ${minutesFromNow} minutes`) {
  return createScheduledPost(test.db, {
    channelId: channel,
    body,
    scheduledFor: isoLater(minutesFromNow),
    createdById: test.person("comms1").id,
    at: NOW.toISOString(),
  });
}

function pause(db: Db, options: Partial<PauseOptions> & Pick<PauseOptions, "channelIds">) {
  return db.transaction(
    (tx) =>
      pauseChannels(tx, {
        incidentId: null,
        pausedById: test.person("headcomms").id,
        reason: "Stop all scheduled posts while we respond",
        at: isoLater(1),
        ...options,
      }),
    { behavior: "immediate" },
  );
}

function review(incidentId: number, postId: number, decision: HeldPostDecision, minutesFromNow: number, body?: string) {
  return test.db.transaction((tx) => reviewHeldPost(tx, { incidentId, postId, decision, body, at: isoLater(minutesFromNow) }));
}

function resume(incidentId: number, minutesFromNow: number) {
  return test.db.transaction(
    (tx) => resumePausesOfIncident(tx, { incidentId, resumedById: test.person("headcomms").id, at: isoLater(minutesFromNow) }),
    { behavior: "immediate" },
  );
}

function postById(id: number, db: Db = test.db) {
  return db.select().from(scheduledPosts).where(eq(scheduledPosts.id, id)).get()!;
}

function publicationsOf(postId: number, db: Db = test.db) {
  return db.select().from(publications).where(eq(publications.scheduledPostId, postId)).all();
}

function openPausesOf(channel: number, db: Db = test.db) {
  return db
    .select()
    .from(channelPauses)
    .where(and(eq(channelPauses.channelId, channel), isNull(channelPauses.resumedAt)))
    .all();
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ChannelError) return error.message;
    throw error;
  }
  throw new Error("Expected a ChannelError");
}

describe("the demo register", () => {
  it("has five channels with named admins and a few posts scheduled over the next days by Ellie Marsh", () => {
    const register = listChannels(test.db);
    expect(register.map((channel) => [channel.platform, channel.handle])).toEqual(
      expect.arrayContaining([
        ["X (Twitter)", "@EastbridgeCouncil"],
        ["Facebook", "Eastbridge Borough Council"],
        ["Instagram", "@eastbridgecouncil"],
        ["Facebook", "@EastbridgeLibraries"],
        ["X (Twitter)", "@EastbridgeParks"],
      ]),
    );
    expect(register).toHaveLength(5);
    expect(register.every((channel) => channel.admins.length > 0 && channel.pause === null)).toBe(true);
    const posts = test.db.select().from(scheduledPosts).all();
    expect(posts.length).toBeGreaterThanOrEqual(5);
    expect(posts.every((post) => post.status === "scheduled" && post.createdById === test.person("comms1").id)).toBe(true);
    expect(posts.every((post) => post.scheduledFor > NOW.toISOString())).toBe(true);
  });
});

describe("a crisis pause", () => {
  it("holds every scheduled post of the channel, and a due post is not published while paused", async () => {
    const council = channelId("@EastbridgeCouncil");
    const parks = channelId("@EastbridgeParks");
    const due = schedule(council, 10);
    const parksDue = schedule(parks, 10);
    const incidentId = openIncident();

    const [opened] = pause(test.db, { channelIds: [council], incidentId });
    expect(opened).toMatchObject({ channelId: council, incidentId, resumedAt: null });
    const councilPosts = test.db.select().from(scheduledPosts).where(eq(scheduledPosts.channelId, council)).all();
    expect(councilPosts.length).toBeGreaterThan(1);
    expect(councilPosts.every((post) => post.status === "held" && post.heldByPauseId === opened.id)).toBe(true);
    expect(postById(parksDue.id).status).toBe("scheduled");

    const result = await publishDuePosts(test.db, recordingAdapter, later(60));
    expect(result.published).toBe(1);
    expect(postById(due.id)).toMatchObject({ status: "held", publishedAt: null });
    expect(publicationsOf(due.id)).toEqual([]);
    expect(postById(parksDue.id).status).toBe("published");

    const channel = getChannel(test.db, council)!;
    expect(channel.openPause).toMatchObject({
      pausedByName: "Dan Okafor",
      pausedAt: isoLater(1),
      reason: "Stop all scheduled posts while we respond",
      incidentReference: "HF-2026-0001",
    });
    const listed = listChannels(test.db).find((row) => row.id === council)!;
    expect(listed.pause).toMatchObject({ pausedByName: "Dan Okafor", incidentReference: "HF-2026-0001" });
    expect(listed).toMatchObject({ scheduledCount: 0, heldCount: councilPosts.length });
    expect(heldPostsForIncident(test.db, incidentId).map((post) => post.id)).toContain(due.id);
    expect(openPausesForIncident(test.db, incidentId)).toEqual([
      expect.objectContaining({ channelId: council, handle: "@EastbridgeCouncil", pausedByName: "Dan Okafor" }),
    ]);
  });

  it("holds a post scheduled on a paused channel from the start", () => {
    const events = newChannel();
    const [opened] = pause(test.db, { channelIds: [events] });
    const post = schedule(events, 30);
    expect(post).toMatchObject({ status: "held", heldByPauseId: opened.id });
  });

  it("makes one pause when the channel is paused twice", () => {
    const council = channelId("@EastbridgeCouncil");
    const first = pause(test.db, { channelIds: [council], at: isoLater(1) });
    const second = pause(test.db, { channelIds: [council], at: isoLater(2), reason: "Pressed again" });
    expect(second).toEqual(first);
    expect(openPausesOf(council)).toHaveLength(1);
    expect(test.db.select().from(channelPauses).all()).toHaveLength(1);
  });

  it("makes one pause when two people pause at once, on two connections to the same file", () => {
    const council = channelId("@EastbridgeCouncil");
    const other = openDatabase(test.path);
    try {
      const mine = pause(test.db, { channelIds: [council], pausedById: test.person("comms1").id });
      const theirs = pause(other, { channelIds: "all", pausedById: test.person("headcomms").id, at: isoLater(1) });
      expect(theirs).toHaveLength(5);
      expect(theirs.find((opened) => opened.channelId === council)).toEqual(mine[0]);
      expect(openPausesOf(council, other)).toHaveLength(1);
      expect(openPausesOf(council)).toEqual([expect.objectContaining({ id: mine[0].id, pausedById: test.person("comms1").id })]);
    } finally {
      other.$client.close();
    }
  });

  it("pauses only active channels when everything is paused", () => {
    const dormant = newChannel("@EastbridgeOldAccount", { active: false });
    const opened = pause(test.db, { channelIds: "all" });
    expect(opened).toHaveLength(5);
    expect(opened.some((row) => row.channelId === dormant)).toBe(false);
  });

  it("still holds the schedule after a restart", async () => {
    const council = channelId("@EastbridgeCouncil");
    const due = schedule(council, 10);
    pause(test.db, { channelIds: [council], incidentId: openIncident() });
    test.db.$client.close();

    const reopened = openDatabase(test.path);
    try {
      await publishDuePosts(reopened, recordingAdapter, later(60));
      expect(postById(due.id, reopened).status).toBe("held");
      expect(reopened.select().from(publications).where(eq(publications.channelId, council)).all()).toEqual([]);
      expect(getChannel(reopened, council)?.openPause).not.toBeNull();
    } finally {
      reopened.$client.close();
    }
  });
});

describe("reviewing held posts and resuming", () => {
  it("refuses to resume while any post is held, and resumes once each has been released, changed or cancelled", () => {
    const events = newChannel();
    const incidentId = openIncident();
    const [release, edit, cancel] = [schedule(events, 10), schedule(events, 20), schedule(events, 30)];
    const [opened] = pause(test.db, { channelIds: [events], incidentId });

    expect(refusal(() => resume(incidentId, 5))).toBe(
      "3 held posts on @EastbridgeEvents still need review before the schedule can run again",
    );
    review(incidentId, release.id, "release", 6);
    expect(refusal(() => resume(incidentId, 7))).toBe(
      "2 held posts on @EastbridgeEvents still need review before the schedule can run again",
    );
    review(incidentId, edit.id, "edit-and-release", 8, "Corrected text");
    expect(refusal(() => resume(incidentId, 9))).toBe(
      "1 held post on @EastbridgeEvents still needs review before the schedule can run again",
    );
    // A refusal changes nothing.
    expect(openPausesOf(events)).toHaveLength(1);
    review(incidentId, cancel.id, "cancel", 10);

    const closed = resume(incidentId, 11);
    expect(closed).toEqual([
      expect.objectContaining({ id: opened.id, resumedAt: isoLater(11), resumedById: test.person("headcomms").id }),
    ]);
    expect(openPausesForIncident(test.db, incidentId)).toEqual([]);
    expect(getChannel(test.db, events)?.openPause).toBeNull();
    expect([postById(release.id).status, postById(edit.id).status, postById(cancel.id).status]).toEqual([
      "scheduled",
      "scheduled",
      "cancelled",
    ]);
    expect(postById(edit.id).body).toBe("Corrected text");
  });

  it("names every channel that still has held posts", () => {
    const events = newChannel();
    const markets = newChannel("@EastbridgeMarkets");
    const incidentId = openIncident();
    schedule(events, 10);
    schedule(markets, 10);
    schedule(markets, 20);
    pause(test.db, { channelIds: [events, markets], incidentId });
    expect(refusal(() => resume(incidentId, 5))).toBe(
      "1 held post on @EastbridgeEvents and 2 held posts on @EastbridgeMarkets still need review before the schedule can run again",
    );
  });

  it("refuses to review a post that is not held, naming it", () => {
    const post = schedule(newChannel(), 10, "Library opening hours over the holidays: all branches close at 4pm");
    expect(refusal(() => review(openIncident(), post.id, "release", 1))).toBe(
      "The post “Library opening hours over the…” is back on the schedule, so there is nothing left to decide on it.",
    );
    expect(postById(post.id).status).toBe("scheduled");
  });

  it("refuses to decide or edit a post held by another incident's pause, changing nothing", () => {
    const events = newChannel();
    const markets = newChannel("@EastbridgeMarkets");
    const mine = openIncident("HF-2026-0001");
    const theirs = openIncident("HF-2026-0002");
    const post = schedule(markets, 10, "Market stalls open late on Friday");
    pause(test.db, { channelIds: [events], incidentId: mine });
    pause(test.db, { channelIds: [markets], incidentId: theirs });
    const message = "The post “Market stalls open late on Friday” is held by another incident's crisis pause, so it can only be decided on that incident.";
    for (const decision of ["release", "cancel", "edit-and-release"] as const) {
      expect(refusal(() => review(mine, post.id, decision, 2, "Other words"))).toBe(message);
    }
    expect(
      refusal(() =>
        test.db.transaction((tx) =>
          editHeldPost(tx, { incidentId: mine, postId: post.id, channelId: markets, body: "Other words", scheduledFor: isoLater(60), at: isoLater(2) }),
        ),
      ),
    ).toBe(message);
    expect(postById(post.id)).toMatchObject({ status: "held", body: "Market stalls open late on Friday", scheduledFor: isoLater(10) });
    review(theirs, post.id, "release", 3);
    expect(postById(post.id).status).toBe("scheduled");
  });

  it("refuses an empty body when editing and releasing", () => {
    const events = newChannel();
    const incidentId = openIncident();
    const post = schedule(events, 10);
    pause(test.db, { channelIds: [events], incidentId });
    expect(refusal(() => review(incidentId, post.id, "edit-and-release", 2, "   "))).toBe("Enter the text of the post");
    expect(postById(post.id).status).toBe("held");
  });

  it("publishes a released post that fell due during the pause once the pause is lifted, and not before", async () => {
    const events = newChannel();
    const incidentId = openIncident();
    const post = schedule(events, 10);
    pause(test.db, { channelIds: [events], incidentId });
    review(incidentId, post.id, "release", 5);

    await publishDuePosts(test.db, recordingAdapter, later(20));
    expect(postById(post.id).status).toBe("scheduled");
    expect(publicationsOf(post.id)).toEqual([]);

    resume(incidentId, 30);
    await publishDuePosts(test.db, recordingAdapter, later(31));
    expect(postById(post.id)).toMatchObject({ status: "published", publishedAt: isoLater(31) });
    expect(publicationsOf(post.id)).toHaveLength(1);
  });

  it("publishes the new text of a post edited and released", async () => {
    const events = newChannel();
    const incidentId = openIncident();
    const post = schedule(events, 10, "The original text, now wrong");
    pause(test.db, { channelIds: [events], incidentId });
    review(incidentId, post.id, "edit-and-release", 5, "The corrected text");
    resume(incidentId, 6);

    await publishDuePosts(test.db, recordingAdapter, later(15));
    expect(publicationsOf(post.id)).toEqual([expect.objectContaining({ body: "The corrected text" })]);
  });

  it("never publishes a cancelled post", async () => {
    const events = newChannel();
    const incidentId = openIncident();
    const post = schedule(events, 10);
    pause(test.db, { channelIds: [events], incidentId });
    review(incidentId, post.id, "cancel", 5);
    resume(incidentId, 6);

    await publishDuePosts(test.db, recordingAdapter, later(60));
    expect(postById(post.id).status).toBe("cancelled");
    expect(publicationsOf(post.id)).toEqual([]);
  });
});

describe("the publisher", () => {
  it("publishes a due post on a live channel exactly once, recording the adapter and the text", async () => {
    const events = newChannel();
    const post = schedule(events, 10, "Road closures for the Christmas lights switch-on");
    const notYet = schedule(events, 120);

    const first = await publishDuePosts(test.db, recordingAdapter, later(15));
    const second = await publishDuePosts(test.db, recordingAdapter, later(16));
    expect(first.published).toBe(1);
    expect(second.published).toBe(0);
    expect(postById(post.id)).toMatchObject({ status: "published", publishedAt: isoLater(15) });
    expect(publicationsOf(post.id)).toEqual([
      expect.objectContaining({
        channelId: events,
        adapter: "recording",
        body: "Road closures for the Christmas lights switch-on",
        externalId: `recorded-${post.id}`,
        publishedAt: isoLater(15),
      }),
    ]);
    expect(postById(notYet.id).status).toBe("scheduled");
  });

  it("does not publish on an inactive channel", async () => {
    const events = newChannel();
    const post = schedule(events, 10);
    test.db.update(channels).set({ active: false }).where(eq(channels.id, events)).run();
    await publishDuePosts(test.db, recordingAdapter, later(15));
    expect(postById(post.id).status).toBe("scheduled");
  });

  it("leaves a post scheduled when the adapter fails, and carries on with the others", async () => {
    const events = newChannel();
    const failing = schedule(events, 10, "This one fails");
    const fine = schedule(events, 11, "This one goes");
    const adapter: PublishingAdapter = {
      name: "flaky",
      async publish(post) {
        if (post.body === "This one fails") throw new Error("The platform is down");
        return { externalId: "ok" };
      },
    };
    const result = await publishDuePosts(test.db, adapter, later(15));
    expect(result.failed).toEqual([{ postId: failing.id, error: expect.any(Error) }]);
    expect(postById(failing.id).status).toBe("scheduled");
    expect(postById(fine.id).status).toBe("published");
  });

  it("does not send a post paused after the list of due posts was read", async () => {
    const events = newChannel();
    const first = schedule(events, 10, "First");
    const second = schedule(events, 11, "Second");
    const sent: string[] = [];
    const adapter: PublishingAdapter = {
      name: "pausing",
      async publish(post) {
        sent.push(post.body);
        // Someone presses "stop all scheduled posts" while the first post is on its way.
        pause(test.db, { channelIds: [events] });
        return { externalId: null };
      },
    };
    const result = await publishDuePosts(test.db, adapter, later(15));
    expect(sent).toEqual(["First"]);
    expect(result).toMatchObject({ published: 1, skipped: 1 });
    // The first went out before the pause landed, so the record says so.
    expect(postById(first.id).status).toBe("published");
    expect(publicationsOf(first.id)).toHaveLength(1);
    expect(postById(second.id).status).toBe("held");
  });
});

describe("changing the queue and the register", () => {
  it("changes a waiting post, refuses to change a published one, and leaves a held post to its incident", async () => {
    const events = newChannel();
    const post = schedule(events, 10);
    const held = schedule(events, 500);
    const at = NOW.toISOString();
    const changed = updateScheduledPost(test.db, { channelId: events, postId: post.id, body: "New text", scheduledFor: isoLater(12), at });
    expect(changed).toMatchObject({ body: "New text", scheduledFor: isoLater(12), status: "scheduled" });

    await publishDuePosts(test.db, recordingAdapter, later(15));
    expect(
      refusal(() => updateScheduledPost(test.db, { channelId: events, postId: post.id, body: "Too late", scheduledFor: isoLater(60), at: isoLater(16) })),
    ).toBe("This post has already been published, so it can no longer be changed.");
    expect(refusal(() => cancelScheduledPost(test.db, { channelId: events, postId: post.id, at: isoLater(16) }))).toMatch(/already been published/);

    // A pause that starts after the channel page looked for the post's holder: the plain change is refused.
    pause(test.db, { channelIds: [events], incidentId: openIncident(), at: isoLater(20) });
    expect(
      refusal(() => updateScheduledPost(test.db, { channelId: events, postId: held.id, body: "Held but edited", scheduledFor: isoLater(600), at: isoLater(21) })),
    ).toBe(HELD_POST_CHANGED_ELSEWHERE_MESSAGE);
    expect(refusal(() => cancelScheduledPost(test.db, { channelId: events, postId: held.id, at: isoLater(22) }))).toBe(HELD_POST_CHANGED_ELSEWHERE_MESSAGE);
    expect(postById(held.id)).toMatchObject({ status: "held", body: "Post due in 500 minutes", scheduledFor: isoLater(500) });
  });

  it("refuses a time that has passed, and a post from another channel", () => {
    const events = newChannel();
    expect(
      refusal(() =>
        createScheduledPost(test.db, { channelId: events, body: "Late", scheduledFor: isoLater(-1), createdById: test.person("comms1").id, at: NOW.toISOString() }),
      ),
    ).toBe("The time must be in the future");
    const post = schedule(channelId("@EastbridgeParks"), 10);
    expect(() => cancelScheduledPost(test.db, { channelId: events, postId: post.id, at: NOW.toISOString() })).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
  });

  it("refuses an account already in the register, whatever the case of its handle", () => {
    const details: ChannelDetails = {
      platform: "X (Twitter)",
      handle: "@eastbridgecouncil",
      link: "https://x.example/eastbridgecouncil",
      owningService: "Strategy and Communications",
      admins: ["Dan Okafor"],
      passwordChangedOn: null,
      active: true,
    };
    expect(() => createChannel(test.db, details)).toThrow(
      expect.objectContaining({ message: DUPLICATE_CHANNEL_MESSAGE, field: "handle" }),
    );
    // The same handle on another platform is another account.
    expect(createChannel(test.db, { ...details, platform: "TikTok" }).handle).toBe("@eastbridgecouncil");
    const parks = channelId("@EastbridgeParks");
    expect(() => updateChannel(test.db, parks, { ...details, handle: "@EASTBRIDGECOUNCIL" })).toThrow(
      expect.objectContaining({ message: DUPLICATE_CHANNEL_MESSAGE }),
    );
    expect(updateChannel(test.db, parks, { ...details, handle: " @EastbridgeParks ", admins: [" Liam Turner ", ""] })).toMatchObject({
      handle: "@EastbridgeParks",
      admins: ["Liam Turner"],
    });
  });
});
