import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { excerpt } from "../machines/kit/excerpt";
import { POST_BODY_MAX_LENGTH } from "./channel-limits";
import type { Queryable } from "./directory";
import {
  channelPauses,
  channels,
  incidents,
  people,
  scheduledPosts,
  type Channel,
  type ChannelPause,
  type ScheduledPost,
} from "./schema";

/**
 * The channel register and the scheduled-post queue, with crisis pauses (Haringey practice
 * notes 4.2.4, and 4.2.5 step 4: "stop all scheduled posts"). Every function takes a
 * Queryable, so it runs inside the caller's transaction, and the time as `at` (ISO), so
 * nothing here reads the clock.
 */

export const DUPLICATE_CHANNEL_MESSAGE = "This account is already in the register";

export type ChannelErrorCode = "not_found" | "refused";

export class ChannelError extends Error {
  constructor(
    message: string,
    readonly code: ChannelErrorCode = "refused",
    /** The form field the refusal belongs to, when there is one. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

const openPauseOf = (channelId: typeof channels.id | number) =>
  and(eq(channelPauses.channelId, channelId), isNull(channelPauses.resumedAt));

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------
// Pauses

export interface PauseOptions {
  channelIds: number[] | "all";
  incidentId: number | null;
  pausedById: number | null;
  reason: string;
  at: string;
}

/**
 * Stops the schedule of the chosen active channels: opens a pause on each that has none, and
 * holds every scheduled post of those channels for review. A channel already paused keeps its
 * pause (the partial unique index makes a second insert do nothing, even from another
 * connection), but its scheduled posts are still held: "stop all scheduled posts" means every
 * post waiting at the moment of the call, including any released since the first pause.
 * Returns the open pauses of those channels, new or already open.
 */
export function pauseChannels(tx: Queryable, options: PauseOptions): ChannelPause[] {
  const chosen = tx
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(
        eq(channels.active, true),
        options.channelIds === "all" ? undefined : inArray(channels.id, options.channelIds),
      ),
    )
    .all()
    .map((channel) => channel.id);
  if (chosen.length === 0) return [];

  tx.insert(channelPauses)
    .values(
      chosen.map((channelId) => ({
        channelId,
        incidentId: options.incidentId,
        pausedById: options.pausedById,
        pausedAt: options.at,
        reason: options.reason,
      })),
    )
    .onConflictDoNothing()
    .run();

  const open = tx
    .select()
    .from(channelPauses)
    .where(and(inArray(channelPauses.channelId, chosen), isNull(channelPauses.resumedAt)))
    .orderBy(asc(channelPauses.channelId))
    .all();
  for (const pause of open) {
    tx.update(scheduledPosts)
      .set({ status: "held", heldByPauseId: pause.id, updatedAt: options.at })
      .where(and(eq(scheduledPosts.channelId, pause.channelId), eq(scheduledPosts.status, "scheduled")))
      .run();
  }
  return open;
}

export type HeldPostDecision = "release" | "edit-and-release" | "cancel";

const NO_LONGER_HELD: Record<Exclude<ScheduledPost["status"], "held">, string> = {
  scheduled: "is back on the schedule",
  published: "has already been published",
  cancelled: "has already been cancelled",
};

/**
 * A post held by a pause of the incident, or a ChannelError naming it by its opening words: an
 * incident decides only the posts its own pauses hold.
 */
function heldPostOfIncident(tx: Queryable, postId: number, incidentId: number): ScheduledPost {
  const found = tx
    .select({ post: scheduledPosts, pauseIncidentId: channelPauses.incidentId })
    .from(scheduledPosts)
    .leftJoin(channelPauses, eq(channelPauses.id, scheduledPosts.heldByPauseId))
    .where(eq(scheduledPosts.id, postId))
    .get();
  if (!found) throw new ChannelError("There is no such scheduled post.", "not_found");
  const { post, pauseIncidentId } = found;
  const named = `The post “${excerpt(post.body)}”`;
  if (post.status !== "held") throw new ChannelError(`${named} ${NO_LONGER_HELD[post.status]}, so there is nothing left to decide on it.`);
  if (pauseIncidentId !== incidentId) {
    throw new ChannelError(`${named} is held by another incident's crisis pause, so it can only be decided on that incident.`);
  }
  return post;
}

/**
 * One decision on one post held by a pause of the incident. A released post goes back to
 * `scheduled`, but still does not publish while its channel is paused; it goes out when the
 * pause is lifted (at once if its time has passed).
 */
export function reviewHeldPost(
  tx: Queryable,
  options: { incidentId: number; postId: number; decision: HeldPostDecision; body?: string; at: string },
): ScheduledPost {
  const post = heldPostOfIncident(tx, options.postId, options.incidentId);
  let changes: Partial<ScheduledPost>;
  if (options.decision === "cancel") {
    changes = { status: "cancelled" };
  } else if (options.decision === "release") {
    changes = { status: "scheduled" };
  } else {
    changes = { status: "scheduled", body: checkedBody(options.body ?? "") };
  }
  return tx
    .update(scheduledPosts)
    .set({ ...changes, updatedAt: options.at })
    .where(eq(scheduledPosts.id, post.id))
    .returning()
    .get();
}

/**
 * Lifts every open pause opened for the incident. Refused, with nothing changed, while any post
 * on those channels is still held: each must be released, edited or cancelled first.
 */
export function resumePausesOfIncident(
  tx: Queryable,
  options: { incidentId: number; resumedById: number | null; at: string },
): ChannelPause[] {
  const open = tx
    .select()
    .from(channelPauses)
    .where(and(eq(channelPauses.incidentId, options.incidentId), isNull(channelPauses.resumedAt)))
    .all();
  if (open.length === 0) return [];
  const channelIds = open.map((pause) => pause.channelId);

  const stillHeld = tx
    .select({ handle: channels.handle, count: sql<number>`count(*)` })
    .from(scheduledPosts)
    .innerJoin(channels, eq(channels.id, scheduledPosts.channelId))
    .where(and(inArray(scheduledPosts.channelId, channelIds), eq(scheduledPosts.status, "held")))
    .groupBy(channels.id)
    .orderBy(asc(channels.handle))
    .all();
  if (stillHeld.length > 0) {
    const parts = stillHeld.map((row) => `${plural(row.count, "held post")} on ${row.handle}`);
    const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
    const verb = stillHeld.length === 1 && stillHeld[0].count === 1 ? "still needs" : "still need";
    throw new ChannelError(`${listed} ${verb} review before the schedule can run again`);
  }

  return tx
    .update(channelPauses)
    .set({ resumedAt: options.at, resumedById: options.resumedById })
    .where(and(inArray(channelPauses.id, open.map((pause) => pause.id)), isNull(channelPauses.resumedAt)))
    .returning()
    .all();
}

// ---------------------------------------------------------------------------------------------
// Queries for the pages

/** Every channel, with its open pause (if any) and how many posts wait or are held. */
export function channelRegisterQuery(tx: Queryable) {
  return tx
    .select({
      id: channels.id,
      platform: channels.platform,
      handle: channels.handle,
      link: channels.link,
      owningService: channels.owningService,
      admins: channels.admins,
      active: channels.active,
      pausedAt: channelPauses.pausedAt,
      pausedByName: people.name,
      pauseReason: channelPauses.reason,
      incidentReference: incidents.reference,
      scheduledCount: sql<number>`(select count(*) from ${scheduledPosts} where ${scheduledPosts.channelId} = ${channels.id} and ${scheduledPosts.status} = 'scheduled')`,
      heldCount: sql<number>`(select count(*) from ${scheduledPosts} where ${scheduledPosts.channelId} = ${channels.id} and ${scheduledPosts.status} = 'held')`,
    })
    .from(channels)
    .leftJoin(channelPauses, openPauseOf(channels.id))
    .leftJoin(people, eq(people.id, channelPauses.pausedById))
    .leftJoin(incidents, eq(incidents.id, channelPauses.incidentId))
    .orderBy(asc(channels.owningService), asc(channels.platform), asc(channels.handle));
}

type ChannelRegisterRow = ReturnType<ReturnType<typeof channelRegisterQuery>["all"]>[number];

/** The register's rows with each channel's open pause, if any, as one object. */
export function channelRegisterRows(rows: ChannelRegisterRow[]) {
  return rows.map(({ pausedAt, pausedByName, pauseReason, incidentReference, ...channel }) => ({
    ...channel,
    pause: pausedAt === null ? null : { pausedAt, pausedByName, reason: pauseReason ?? "", incidentReference },
  }));
}

export interface OpenPauseDetails {
  id: number;
  pausedAt: string;
  reason: string;
  pausedByName: string | null;
  incidentId: number | null;
  incidentReference: string | null;
}

/** One channel with its open pause: who paused it, when, why, and for which incident. */
export function getChannel(tx: Queryable, channelId: number): (Channel & { openPause: OpenPauseDetails | null }) | null {
  const channel = tx.select().from(channels).where(eq(channels.id, channelId)).get();
  if (!channel) return null;
  const openPause = tx
    .select({
      id: channelPauses.id,
      pausedAt: channelPauses.pausedAt,
      reason: channelPauses.reason,
      pausedByName: people.name,
      incidentId: channelPauses.incidentId,
      incidentReference: incidents.reference,
    })
    .from(channelPauses)
    .leftJoin(people, eq(people.id, channelPauses.pausedById))
    .leftJoin(incidents, eq(incidents.id, channelPauses.incidentId))
    .where(openPauseOf(channelId))
    .get();
  return { ...channel, openPause: openPause ?? null };
}

const postColumns = {
  id: scheduledPosts.id,
  channelId: scheduledPosts.channelId,
  body: scheduledPosts.body,
  scheduledFor: scheduledPosts.scheduledFor,
  status: scheduledPosts.status,
  heldByPauseId: scheduledPosts.heldByPauseId,
  publishedAt: scheduledPosts.publishedAt,
  updatedAt: scheduledPosts.updatedAt,
  createdByName: people.name,
};

/** One post of the channel, whatever its status, or null when the channel has no such post. */
export function getChannelPost(tx: Queryable, channelId: number, postId: number) {
  return (
    tx
      .select(postColumns)
      .from(scheduledPosts)
      .innerJoin(people, eq(people.id, scheduledPosts.createdById))
      .where(and(eq(scheduledPosts.id, postId), eq(scheduledPosts.channelId, channelId)))
      .get() ?? null
  );
}

/** How many published and cancelled posts the channel page lists, latest first. */
export const QUEUE_HISTORY_LIMIT = 50;

/** A channel's queue: what waits (soonest first), and the latest published and cancelled posts. */
export function channelQueue(tx: Queryable, channelId: number) {
  const base = () =>
    tx.select(postColumns).from(scheduledPosts).innerJoin(people, eq(people.id, scheduledPosts.createdById));
  const waiting = (status: "scheduled" | "held") =>
    base()
      .where(and(eq(scheduledPosts.channelId, channelId), eq(scheduledPosts.status, status)))
      .orderBy(asc(scheduledPosts.scheduledFor), asc(scheduledPosts.id))
      .all();
  return {
    scheduled: waiting("scheduled"),
    held: waiting("held"),
    published: base()
      .where(and(eq(scheduledPosts.channelId, channelId), eq(scheduledPosts.status, "published")))
      .orderBy(desc(scheduledPosts.publishedAt), desc(scheduledPosts.id))
      .limit(QUEUE_HISTORY_LIMIT)
      .all(),
    cancelled: base()
      .where(and(eq(scheduledPosts.channelId, channelId), eq(scheduledPosts.status, "cancelled")))
      .orderBy(desc(scheduledPosts.updatedAt), desc(scheduledPosts.id))
      .limit(QUEUE_HISTORY_LIMIT)
      .all(),
  };
}

/** The posts held by the incident's pauses, waiting for a decision, by channel then time. */
export function heldPostsForIncident(tx: Queryable, incidentId: number) {
  return tx
    .select({ ...postColumns, platform: channels.platform, handle: channels.handle })
    .from(scheduledPosts)
    .innerJoin(channelPauses, eq(channelPauses.id, scheduledPosts.heldByPauseId))
    .innerJoin(channels, eq(channels.id, scheduledPosts.channelId))
    .innerJoin(people, eq(people.id, scheduledPosts.createdById))
    .where(and(eq(channelPauses.incidentId, incidentId), eq(scheduledPosts.status, "held")))
    .orderBy(asc(channels.handle), asc(scheduledPosts.scheduledFor), asc(scheduledPosts.id))
    .all();
}

/** The pauses opened for the incident that are still in force, with their channels. */
export function openPausesForIncident(tx: Queryable, incidentId: number) {
  return tx
    .select({
      id: channelPauses.id,
      channelId: channelPauses.channelId,
      platform: channels.platform,
      handle: channels.handle,
      pausedAt: channelPauses.pausedAt,
      pausedByName: people.name,
      reason: channelPauses.reason,
    })
    .from(channelPauses)
    .innerJoin(channels, eq(channels.id, channelPauses.channelId))
    .leftJoin(people, eq(people.id, channelPauses.pausedById))
    .where(and(eq(channelPauses.incidentId, incidentId), isNull(channelPauses.resumedAt)))
    .orderBy(asc(channels.handle))
    .all();
}

// ---------------------------------------------------------------------------------------------
// Scheduled posts (Communications)

function checkedBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw new ChannelError("Enter the text of the post", "refused", "body");
  if (trimmed.length > POST_BODY_MAX_LENGTH) {
    throw new ChannelError("The post must be 5,000 characters or fewer", "refused", "body");
  }
  return trimmed;
}

function checkedTime(scheduledFor: string, at: string): string {
  const time = Date.parse(scheduledFor);
  if (Number.isNaN(time)) throw new ChannelError("Enter a real date and time", "refused", "scheduledFor");
  if (time <= Date.parse(at)) throw new ChannelError("The time must be in the future", "refused", "scheduledFor");
  return new Date(time).toISOString();
}

export interface PostDetails {
  body: string;
  /** ISO time. */
  scheduledFor: string;
}

/** Adds a post to a channel's queue. On a paused channel it starts held by that pause. */
export function createScheduledPost(
  tx: Queryable,
  options: PostDetails & { channelId: number; createdById: number; at: string },
): ScheduledPost {
  const channel = tx.select({ active: channels.active }).from(channels).where(eq(channels.id, options.channelId)).get();
  if (!channel) throw new ChannelError("There is no such channel.", "not_found");
  if (!channel.active) throw new ChannelError("This channel is not active, so nothing can be scheduled on it.");
  const pause = tx.select({ id: channelPauses.id }).from(channelPauses).where(openPauseOf(options.channelId)).get();
  return tx
    .insert(scheduledPosts)
    .values({
      channelId: options.channelId,
      body: checkedBody(options.body),
      scheduledFor: checkedTime(options.scheduledFor, options.at),
      status: pause ? "held" : "scheduled",
      heldByPauseId: pause?.id ?? null,
      createdById: options.createdById,
      updatedAt: options.at,
    })
    .returning()
    .get();
}

/**
 * Said when a post a pause holds is changed as if it were not held: a held post changes only
 * through the incident whose pause holds it, so that the change is recorded there.
 */
export const HELD_POST_CHANGED_ELSEWHERE_MESSAGE =
  "This post is held by a crisis pause, so it can only be changed through the incident that paused its channel: decide it on that incident's page, or try again here to have the change recorded on the incident.";

/**
 * A post waiting to be published and held by no pause, or a ChannelError saying why it cannot
 * be changed here.
 */
function changeablePost(tx: Queryable, postId: number, channelId: number): ScheduledPost {
  const post = tx
    .select()
    .from(scheduledPosts)
    .where(and(eq(scheduledPosts.id, postId), eq(scheduledPosts.channelId, channelId)))
    .get();
  if (!post) throw new ChannelError("There is no such scheduled post.", "not_found");
  if (post.status === "published") {
    throw new ChannelError("This post has already been published, so it can no longer be changed.");
  }
  if (post.status === "cancelled") throw new ChannelError("This post has been cancelled, so it can no longer be changed.");
  if (post.status === "held") throw new ChannelError(HELD_POST_CHANGED_ELSEWHERE_MESSAGE);
  return post;
}

function writePostDetails(tx: Queryable, postId: number, options: PostDetails & { at: string }): ScheduledPost {
  return tx
    .update(scheduledPosts)
    .set({
      body: checkedBody(options.body),
      scheduledFor: checkedTime(options.scheduledFor, options.at),
      updatedAt: options.at,
    })
    .where(eq(scheduledPosts.id, postId))
    .returning()
    .get();
}

/** Changes the text or time of a scheduled post. A held post is refused: it changes through its incident. */
export function updateScheduledPost(
  tx: Queryable,
  options: PostDetails & { postId: number; channelId: number; at: string },
): ScheduledPost {
  const post = changeablePost(tx, options.postId, options.channelId);
  return writePostDetails(tx, post.id, options);
}

/**
 * Changes the text or time of a post held by a pause of the incident; it stays held. Refused
 * when it is no longer held, or held by another incident's pause.
 */
export function editHeldPost(
  tx: Queryable,
  options: PostDetails & { incidentId: number; postId: number; channelId: number; at: string },
): ScheduledPost {
  const post = heldPostOfIncident(tx, options.postId, options.incidentId);
  if (post.channelId !== options.channelId) throw new ChannelError("There is no such scheduled post.", "not_found");
  return writePostDetails(tx, post.id, options);
}

/** Cancels a scheduled post. A held post is refused: it is cancelled through its incident. */
export function cancelScheduledPost(
  tx: Queryable,
  options: { postId: number; channelId: number; at: string },
): ScheduledPost {
  const post = changeablePost(tx, options.postId, options.channelId);
  return tx
    .update(scheduledPosts)
    .set({ status: "cancelled", updatedAt: options.at })
    .where(eq(scheduledPosts.id, post.id))
    .returning()
    .get();
}

// ---------------------------------------------------------------------------------------------
// The register (admins)

export interface ChannelDetails {
  platform: string;
  handle: string;
  link: string;
  owningService: string;
  admins: string[];
  /** YYYY-MM-DD, or null when not known. */
  passwordChangedOn: string | null;
  active: boolean;
}

function checkedDetails(tx: Queryable, channelId: number | null, details: ChannelDetails): ChannelDetails {
  const handle = details.handle.trim();
  // Handles are not case-sensitive on the platforms, so @Eastbridge and @eastbridge are one account.
  const same = tx
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(
        eq(channels.platform, details.platform),
        sql`lower(${channels.handle}) = lower(${handle})`,
        channelId === null ? undefined : ne(channels.id, channelId),
      ),
    )
    .get();
  if (same) throw new ChannelError(DUPLICATE_CHANNEL_MESSAGE, "refused", "handle");
  return {
    ...details,
    handle,
    link: details.link.trim(),
    owningService: details.owningService.trim(),
    admins: details.admins.map((name) => name.trim()).filter(Boolean),
  };
}

export function createChannel(tx: Queryable, details: ChannelDetails): Channel {
  return tx.insert(channels).values(checkedDetails(tx, null, details)).returning().get();
}

export function updateChannel(tx: Queryable, channelId: number, details: ChannelDetails): Channel {
  const existing = tx.select({ id: channels.id }).from(channels).where(eq(channels.id, channelId)).get();
  if (!existing) throw new ChannelError("There is no such channel.", "not_found");
  return tx
    .update(channels)
    .set(checkedDetails(tx, channelId, details))
    .where(eq(channels.id, channelId))
    .returning()
    .get();
}
