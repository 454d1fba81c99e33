import type { PathDefinition } from "../kit";
import { mistakenPostEmails } from "./emails";
import { explainMistakenPostRefusal, mistakenPostAccess, mistakenPostEventLabels, mistakenPostMachine, type MistakenPostContext, type MistakenPostEvent } from "./machine";
import { mistakenPostReadModel } from "./read-model";

export * from "./emails";
export * from "./machine";
export * from "./read-model";
export * from "./risk";

/** A post made by mistake on one of the organisation's accounts (Haringey 4.2.5). */
export const mistakenPostPath = {
  kind: "mistaken_post",
  version: 2,
  title: "Mistaken post",
  machine: mistakenPostMachine,
  eventLabels: mistakenPostEventLabels,
  explainRefusal: (context: MistakenPostContext, event: MistakenPostEvent, accepted: boolean) => explainMistakenPostRefusal(context, event, accepted),
  readersByRole: ["communications"],
  accessOf: mistakenPostAccess,
  chainReach: () => null,
  needToKnow: null,
  emails: mistakenPostEmails,
  readModel: mistakenPostReadModel,
} as const satisfies PathDefinition;
