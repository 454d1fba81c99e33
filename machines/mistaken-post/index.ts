import { once, type EventOffers, type HeldPostChange, type PathDefinition } from "../kit";
import { mistakenPostEmails } from "./emails";
import { acknowledgementRefusal, mistakenPostAccess, mistakenPostEventDeeds, mistakenPostEventLabels, mistakenPostEventOutcome, mistakenPostMachine, type MistakenPostContext, type MistakenPostEvent } from "./machine";
import { mistakenPostReadModel } from "./read-model";

export * from "./emails";
export * from "./machine";
export * from "./read-model";
export * from "./risk";

/**
 * Each event once, but a task's update once per task: the page offers it only for the tasks the
 * viewer may update. A held post cancelled or changed from its channel page is sent from there,
 * never offered on the incident page.
 */
const offers: EventOffers<MistakenPostContext, MistakenPostEvent> = {
  ACKNOWLEDGE: once,
  ATTACH_SCREENSHOT: once,
  RECORD_DELETED: once,
  RECORD_NOT_DELETED: once,
  ASSESS_RISK: once,
  USE_CRISIS_TEMPLATE: once,
  CREATE_CRISIS_PLAN: once,
  ADD_TASK: once,
  UPDATE_TASK: (context) => context.tasks.map((_, taskIndex) => ({ taskIndex })),
  MAKE_LEADER_AWARE: once,
  LEADER_NOT_NEEDED: once,
  DRAFT_RESPONSE: once,
  CONFIRM_CHECKS: once,
  SIGN_OFF_TONE: once,
  MARK_RESPONSE_SENT: once,
  STAND_DOWN: once,
  REVIEW_HELD_POST: once,
  DECIDE_REMAINING_HELD_POSTS: once,
  HELD_POST_CANCELLED_FROM_CHANNEL: () => [],
  HELD_POST_EDITED_FROM_CHANNEL: () => [],
  RESUME_SCHEDULE: once,
  CLOSE: once,
};

function heldPostChangedEvent(change: HeldPostChange) {
  return change.kind === "cancel"
    ? { type: "HELD_POST_CANCELLED_FROM_CHANNEL", postId: change.postId, note: change.excerpt }
    : {
        type: "HELD_POST_EDITED_FROM_CHANNEL",
        postId: change.postId,
        channelId: change.channelId,
        body: change.body,
        scheduledFor: change.scheduledFor,
        note: change.excerpt,
      };
}

/** A post made by mistake on one of the organisation's accounts (Haringey 4.2.5). */
export const mistakenPostPath = {
  kind: "mistaken_post",
  version: 2,
  title: "Mistaken post",
  machine: mistakenPostMachine,
  eventLabels: mistakenPostEventLabels,
  eventDeeds: mistakenPostEventDeeds,
  eventOutcome: mistakenPostEventOutcome,
  offers,
  refusalsOutsideTheirStep: { ACKNOWLEDGE: acknowledgementRefusal },
  readersByRole: ["communications"],
  accessOf: mistakenPostAccess,
  chainReach: () => null,
  needToKnow: null,
  emails: mistakenPostEmails,
  readModel: mistakenPostReadModel,
  heldPostChangedEvent,
  timings: [
    { key: "acknowledgement", label: "Report to manager acknowledgement (mistaken post)", from: "reported", to: "acknowledged" },
    { key: "assessment", label: "Report to risk assessment (mistaken post)", from: "reported", to: "assessed" },
    { key: "closeMistakenPost", label: "Report to close (mistaken post)", from: "reported", to: "closed" },
  ],
} as const satisfies PathDefinition<MistakenPostContext>;
