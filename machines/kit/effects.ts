/**
 * The effects a machine asks for. Machines never perform I/O: a transition returns these as
 * action objects and db/ turns them into outbox rows and deadline rows inside the same
 * transaction that stores the new snapshot.
 */
import type { EmailExtra } from "./emails";
import type { EvidenceFacts } from "./evidence";

/** Who an email goes to, described without addresses: db/ resolves them from the directory. */
export type Recipients =
  | { kind: "people"; personIds: number[] }
  | { kind: "role"; role: "communications" | "hr_safety" | "leadership" | "admin" };

/** A notify action's params as db/ reads them; each path's machine types them with notifyOf. */
export interface NotifyParams {
  /** The name of a template in the path's email contracts. */
  template: string;
  to: Recipients;
  /** Plain data the template's contract takes, beyond the incident itself. */
  data?: EmailExtra;
}

export interface SetDeadlineParams {
  /** One pending deadline per key and incident: setting it again replaces the earlier one. */
  key: string;
  /** The event the deadline worker sends when the deadline falls due. */
  eventType: string;
  dueAt: string;
  /** What is due, in plain words, for the dashboard and the incident page. */
  description: string;
  /** Extra fields for the event sent when it falls due (e.g. which task). */
  eventFields?: Record<string, string | number>;
  /**
   * The work is now asked of someone else (say, the next officer up): a deadline of this key that
   * already passed is closed too, so they are not shown late from the moment they are asked.
   */
  askedAfresh?: boolean;
}

export interface CancelDeadlineParams {
  key: string;
}

export interface PauseChannelsParams {
  channels: number[] | "all";
  reason: string;
}

export interface ReviewHeldPostParams {
  postId: number;
  decision: "release" | "edit-and-release" | "cancel";
  body: string | null;
}

/** A held post's new text and time, changed from its channel page: it stays held. */
export interface EditHeldPostParams {
  postId: number;
  channelId: number;
  body: string;
  scheduledFor: string;
}

/** Placeholders for the action implementations: the server reads their params, never runs them. */
export const effectActions = {
  notify: (_: unknown, _params: NotifyParams) => {},
  setDeadline: (_: unknown, _params: SetDeadlineParams) => {},
  setDeadlines: (_: unknown, _params: { deadlines: SetDeadlineParams[] }) => {},
  cancelDeadline: (_: unknown, _params: CancelDeadlineParams) => {},
  cancelDeadlines: (_: unknown, _params: { keys: string[] }) => {},
  recordEvidence: (_: unknown, _params: EvidenceFacts) => {},
  /** Stops the scheduled posts of the chosen channels (Haringey 4.2.5 step 4). */
  pauseChannels: (_: unknown, _params: PauseChannelsParams) => {},
  reviewHeldPost: (_: unknown, _params: ReviewHeldPostParams) => {},
  editHeldPost: (_: unknown, _params: EditHeldPostParams) => {},
  /** Ends this incident's pauses; refused while any held post is unreviewed. */
  resumeChannels: (_: unknown, _params: Record<string, never>) => {},
};


/** An effect as a transition returns it: the action's name and the params it was given. */
export type Effect = {
  [Type in keyof typeof effectActions]: { type: Type; params: Parameters<(typeof effectActions)[Type]>[1] };
}[keyof typeof effectActions];

function isEffect(action: { type: string }): action is Effect {
  return Object.hasOwn(effectActions, action.type);
}

/**
 * The effects among the actions a transition returned, in order (assign and the like change the
 * context and are not effects). XState types every action's params as unknown; the names in
 * effectActions fix what each carries, so this is the one place an action becomes typed.
 */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions.filter(isEffect);
}
