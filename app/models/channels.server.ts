import { and, eq } from "drizzle-orm";
import * as channelStore from "../../db/channels";
import { ChannelError, type ChannelDetails } from "../../db/channels";
import type { Db } from "../../db/client";
import { preparedPerDatabase } from "../../db/prepared";
import { channelPauses, incidents, scheduledPosts } from "../../db/schema";
import { applyEvent, WorkflowError } from "../../db/workflow";
import type { HeldPostChange } from "../../machines/kit";
import { escalationPathFor } from "../../machines/registry";
import type { CurrentUser } from "../utils/auth.server";
import { excerpt } from "../../machines/kit/excerpt";

/**
 * The channel register and queue for the pages. Each change runs db/channels.ts in its own
 * immediate transaction; a refusal comes back as an outcome naming the form field it belongs to.
 */

export { ChannelError, DUPLICATE_CHANNEL_MESSAGE } from "../../db/channels";
export type { ChannelDetails } from "../../db/channels";

/** Who may see the register and the queues; Communications schedule, admins keep the register. */
export const CHANNEL_ROLES = ["communications", "admin"] as const;

export type ChangeOutcome = { ok: true; id: number } | { ok: false; field: string | null; message: string };

function change(db: Db, write: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => { id: number }): ChangeOutcome {
  try {
    const { id } = db.transaction(write, { behavior: "immediate" });
    return { ok: true, id };
  } catch (error) {
    if (!(error instanceof ChannelError) || error.code === "not_found") throw error;
    return { ok: false, field: error.field, message: error.message };
  }
}

// The register is read by the channels page, the dashboard (paused channels) and the crisis
// plan step: built and compiled once per connection (see preparedPerDatabase).
const channelRegister = preparedPerDatabase((db) => channelStore.channelRegisterQuery(db).prepare());

/** Every channel, with its open pause (if any) and how many posts wait or are held. */
export function listChannels(db: Db) {
  return channelStore.channelRegisterRows(channelRegister(db).all());
}

export function getChannel(db: Db, channelId: number) {
  return channelStore.getChannel(db, channelId);
}

export function channelQueue(db: Db, channelId: number) {
  return channelStore.channelQueue(db, channelId);
}

export function getChannelPost(db: Db, channelId: number, postId: number) {
  return channelStore.getChannelPost(db, channelId, postId);
}

export function heldPostsForIncident(db: Db, incidentId: number) {
  return channelStore.heldPostsForIncident(db, incidentId);
}

export function openPausesForIncident(db: Db, incidentId: number) {
  return channelStore.openPausesForIncident(db, incidentId);
}

export function createChannel(db: Db, details: ChannelDetails): ChangeOutcome {
  return change(db, (tx) => channelStore.createChannel(tx, details));
}

/** Throws a not_found ChannelError when there is no such channel. */
export function updateChannel(db: Db, channelId: number, details: ChannelDetails): ChangeOutcome {
  return change(db, (tx) => channelStore.updateChannel(tx, channelId, details));
}

export function schedulePost(
  db: Db,
  options: { channelId: number; createdById: number; body: string; scheduledFor: Date; now: Date },
): ChangeOutcome {
  return change(db, (tx) =>
    channelStore.createScheduledPost(tx, {
      channelId: options.channelId,
      createdById: options.createdById,
      body: options.body,
      scheduledFor: options.scheduledFor.toISOString(),
      at: options.now.toISOString(),
    }),
  );
}

/**
 * The incident whose crisis pause holds the post, with the event its path records a change from
 * the channel page with; null when the post is not held, or held by a pause no path records.
 */
function holdingIncident(db: Db, postId: number) {
  const row = db
    .select({ incidentId: incidents.id, reference: incidents.reference, kind: incidents.kind, body: scheduledPosts.body })
    .from(scheduledPosts)
    .innerJoin(channelPauses, eq(channelPauses.id, scheduledPosts.heldByPauseId))
    .innerJoin(incidents, eq(incidents.id, channelPauses.incidentId))
    .where(and(eq(scheduledPosts.id, postId), eq(scheduledPosts.status, "held")))
    .get();
  const eventOf = row && escalationPathFor(row.kind).heldPostChangedEvent;
  return row && eventOf ? { incidentId: row.incidentId, reference: row.reference, excerpt: excerpt(row.body), eventOf } : null;
}

/** A post cancelled or changed from its channel page: `recordedOn` names the incident it was recorded on, if any. */
export type PostChangeOutcome = { ok: true; id: number; recordedOn: string | null } | { ok: false; field: string | null; message: string };

/**
 * A held post cancelled or changed from its channel page, made through the incident that holds
 * it: one transaction records the event on its timeline and changes the post, refused there if
 * the post is by then no longer held by that incident's pause.
 */
function changeThroughIncident(
  db: Db,
  holder: NonNullable<ReturnType<typeof holdingIncident>>,
  user: CurrentUser,
  change: HeldPostChange,
  now: Date,
): PostChangeOutcome {
  const actor = { id: user.id, name: user.name };
  try {
    applyEvent(db, { incidentId: holder.incidentId, event: { ...holder.eventOf(change), by: { ...actor, roles: user.roles } }, actor, now });
    return { ok: true, id: change.postId, recordedOn: holder.reference };
  } catch (error) {
    if (!(error instanceof WorkflowError) || error.code === "not_found") throw error;
    return { ok: false, field: null, message: error.message };
  }
}

/** The end of the notice after a change from the channel page: where it was recorded, if anywhere. */
export function recordedOnIncident(reference: string | null): string {
  return reference ? ` This is recorded on incident ${reference}.` : "";
}

/**
 * A post no pause holds, changed on its own. Should a pause have started since the holder was
 * looked for, db/channels.ts refuses the held post, so it never changes unrecorded.
 */
function changeUnheld(db: Db, write: Parameters<typeof change>[1]): PostChangeOutcome {
  const outcome = change(db, write);
  return outcome.ok ? { ...outcome, recordedOn: null } : outcome;
}

export function updatePost(
  db: Db,
  options: { channelId: number; postId: number; body: string; scheduledFor: Date; now: Date; user: CurrentUser },
): PostChangeOutcome {
  const holder = holdingIncident(db, options.postId);
  if (holder) {
    const { channelId, postId, body } = options;
    return changeThroughIncident(db, holder, options.user, { kind: "edit", postId, channelId, body, scheduledFor: options.scheduledFor.toISOString(), excerpt: holder.excerpt }, options.now);
  }
  return changeUnheld(db, (tx) =>
    channelStore.updateScheduledPost(tx, {
      channelId: options.channelId,
      postId: options.postId,
      body: options.body,
      scheduledFor: options.scheduledFor.toISOString(),
      at: options.now.toISOString(),
    }),
  );
}

export function cancelPost(db: Db, options: { channelId: number; postId: number; now: Date; user: CurrentUser }): PostChangeOutcome {
  const holder = holdingIncident(db, options.postId);
  if (holder) return changeThroughIncident(db, holder, options.user, { kind: "cancel", postId: options.postId, excerpt: holder.excerpt }, options.now);
  return changeUnheld(db, (tx) =>
    channelStore.cancelScheduledPost(tx, {
      channelId: options.channelId,
      postId: options.postId,
      at: options.now.toISOString(),
    }),
  );
}
