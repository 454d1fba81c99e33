/**
 * The effects a machine asks for. Machines never perform I/O: a transition returns these as
 * action objects and db/ turns them into outbox rows and deadline rows inside the same
 * transaction that stores the new snapshot.
 */

/** A person as a machine knows them: enough to name them and to find them again. */
export interface PersonRef {
  id: number;
  name: string;
}

/** What is known of a stored evidence file; the bytes stay on disk, the facts go in the record. */
export interface EvidenceFacts {
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storagePath: string;
}

/** Just the facts the record keeps of a stored file (a stored upload carries more, its path on disk). */
export function evidenceFactsOf(file: EvidenceFacts): EvidenceFacts {
  return { originalName: file.originalName, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256, storagePath: file.storagePath };
}

/** The roles that may read incidents: every incident of a path, or one that brought them in. */
export type ReadingRole = "communications" | "hr_safety";

/**
 * Who may read one incident besides the people above its reporter in today's reporting lines
 * (worked out when asked, as lines change) and the roles that read every incident of its path:
 * the people the procedure names, and roles this incident has brought in. db/ stores it with
 * every change (incident_access), so lists find what a person may see without opening snapshots.
 */
export interface IncidentAccess {
  personIds: number[];
  roles: ReadingRole[];
}

/**
 * The organisation's settings on who reads what (admin settings): how many levels up the
 * reporter's management chain read an abuse report (1: the line manager only).
 */
export interface ReadingPolicy {
  abuseChainLevels: number;
}

/** The line manager and the next level up: enough to support the person and to act if the manager cannot. */
export const DEFAULT_READING_POLICY: ReadingPolicy = { abuseChainLevels: 2 };

/**
 * How someone comes to read an incident: they reported it, they are a manager within reach (or
 * someone else the procedure names), or through a role (HR and safety on every abuse report,
 * Communications on one they were asked to help with). A path shows each relation only the
 * sections of the record it needs (need to know).
 */
export type ViewerRelation = "reporter" | "manager" | ReadingRole;

export function accessAllows(access: IncidentAccess, viewer: { id: number; roles: readonly string[] }): boolean {
  return access.personIds.includes(viewer.id) || access.roles.some((role) => viewer.roles.includes(role));
}

/** Who an email goes to, described without addresses: db/ resolves them from the directory. */
export type Recipients =
  | { kind: "people"; personIds: number[] }
  | { kind: "role"; role: "communications" | "hr_safety" | "leadership" | "admin" };

export interface NotifyParams {
  /** The name of a template in emails/. */
  template: string;
  to: Recipients;
  /** Plain data the template needs, beyond the incident itself. */
  data?: Record<string, string | number | boolean | null>;
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
  /** Ends this incident's pauses; refused while any held post is unreviewed. */
  resumeChannels: (_: unknown, _params: Record<string, never>) => {},
};

export function addMinutes(isoTime: string, minutes: number): string {
  return new Date(Date.parse(isoTime) + minutes * 60_000).toISOString();
}
