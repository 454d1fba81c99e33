import type { AnyStateMachine } from "xstate";
import {
  explainMistakenPostRefusal,
  mistakenPostEventLabels,
  mistakenPostParticipantIds,
  mistakenPostMachine,
  type MistakenPostContext,
  type MistakenPostEvent,
} from "./mistaken-post";
import {
  explainStaffAbuseRefusal,
  staffAbuseEventLabels,
  staffAbuseMachine,
  staffAbuseMayView,
  type StaffAbuseContext,
  type StaffAbuseEvent,
} from "./staff-abuse";
import type { EventLabels } from "./step-meta";

export interface EscalationPath {
  /** Stored with each incident; raise it when a change would not restore older snapshots. */
  version: number;
  title: string;
  machine: AnyStateMachine;
  eventLabels: EventLabels;
  /**
   * A specific reason the machine refused an event, or null to let the caller say the step
   * does not take it. `accepted` tells whether the current step has any transition for it.
   */
  explainRefusal: (context: any, event: any, accepted: boolean) => string | null;
  /** Who, besides the reporter and their management chain, may read the incident. */
  mayView: (context: any, viewer: { id: number; roles: string[] }) => boolean;
}

/** Every escalation path, by the incident kind stored in the database. */
export const escalationPaths = {
  mistaken_post: {
    version: 1,
    title: "Mistaken post",
    machine: mistakenPostMachine,
    eventLabels: mistakenPostEventLabels,
    explainRefusal: (context: MistakenPostContext, event: MistakenPostEvent, accepted: boolean) =>
      explainMistakenPostRefusal(context, event, accepted),
    mayView: (context: MistakenPostContext, viewer: { id: number; roles: string[] }) =>
      viewer.roles.includes("communications") || mistakenPostParticipantIds(context).includes(viewer.id),
  },
  staff_abuse: {
    version: 1,
    title: "Abuse of a member of staff",
    machine: staffAbuseMachine,
    eventLabels: staffAbuseEventLabels,
    explainRefusal: (context: StaffAbuseContext, event: StaffAbuseEvent, accepted: boolean) =>
      explainStaffAbuseRefusal(context, event, accepted),
    mayView: staffAbuseMayView,
  },
} satisfies Record<string, EscalationPath>;

export type IncidentKind = keyof typeof escalationPaths;

export function isIncidentKind(kind: string): kind is IncidentKind {
  return Object.hasOwn(escalationPaths, kind);
}

export function escalationPathFor(kind: string): EscalationPath {
  if (!isIncidentKind(kind)) throw new Error(`Unknown incident kind: ${kind}`);
  return escalationPaths[kind];
}
