import type { AnyStateMachine } from "xstate";
import {
  explainMistakenPostRefusal,
  mistakenPostEventLabels,
  mistakenPostParticipantIds,
  mistakenPostMachine,
  type MistakenPostContext,
  type MistakenPostEvent,
} from "./mistaken-post";
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
  /** People the procedure has involved, who may read the incident (besides the path's own rules). */
  participantIds: (context: any) => number[];
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
    participantIds: mistakenPostParticipantIds,
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
