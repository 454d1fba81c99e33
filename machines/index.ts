import type { AnyStateMachine } from "xstate";
import {
  explainMistakenPostRefusal,
  mistakenPostEventLabels,
  mistakenPostAccess,
  mistakenPostMachine,
  type MistakenPostContext,
  type MistakenPostEvent,
} from "./mistaken-post";
import {
  explainStaffAbuseRefusal,
  staffAbuseEventLabels,
  staffAbuseMachine,
  staffAbuseAccess,
  type StaffAbuseContext,
  type StaffAbuseEvent,
} from "./staff-abuse";
import { accessAllows, type IncidentAccess, type ReadingRole } from "./effects";
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
  /** The roles that read every incident of this path. */
  readersByRole: readonly ReadingRole[];
  /** Who else may read one incident, besides the reporter's management chain. */
  accessOf: (context: any) => IncidentAccess;
}

/** Every escalation path, by the incident kind stored in the database. */
export const escalationPaths = {
  mistaken_post: {
    version: 2,
    title: "Mistaken post",
    machine: mistakenPostMachine,
    eventLabels: mistakenPostEventLabels,
    explainRefusal: (context: MistakenPostContext, event: MistakenPostEvent, accepted: boolean) =>
      explainMistakenPostRefusal(context, event, accepted),
    readersByRole: ["communications"],
    accessOf: mistakenPostAccess,
  },
  staff_abuse: {
    version: 2,
    title: "Abuse of a member of staff",
    machine: staffAbuseMachine,
    eventLabels: staffAbuseEventLabels,
    explainRefusal: (context: StaffAbuseContext, event: StaffAbuseEvent, accepted: boolean) =>
      explainStaffAbuseRefusal(context, event, accepted),
    readersByRole: ["hr_safety"],
    accessOf: staffAbuseAccess,
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

/**
 * Whether the path lets this person read the incident, leaving aside the reporter's management
 * chain. The context is asked for only when no role of the viewer decides it.
 */
export function pathAllows(kind: string, contextOf: () => unknown, viewer: { id: number; roles: readonly string[] }): boolean {
  const path = escalationPathFor(kind);
  return path.readersByRole.some((role) => viewer.roles.includes(role)) || accessAllows(path.accessOf(contextOf()), viewer);
}

/** The paths whose every incident this person may read through one of their roles. */
export function kindsReadableByRole(roles: readonly string[]): IncidentKind[] {
  return (Object.keys(escalationPaths) as IncidentKind[]).filter((kind) =>
    escalationPaths[kind].readersByRole.some((role) => roles.includes(role)),
  );
}
