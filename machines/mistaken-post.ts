import { assign, setup } from "xstate";
import { addMinutes, effectActions, type NotifyParams, type SetDeadlineParams } from "./effects";
import type { EventLabels, StepMeta } from "./step-meta";

/**
 * Mistaken post: something was posted on an organisation account that should not have been.
 * Source: Haringey practice notes 4.2.5 (seed 004). This first slice covers step 1: the line
 * manager and Communications are told at once, and the line manager acknowledges; when the
 * manager is absent or does not acknowledge in time, the next most senior officer is asked.
 */

export interface Officer {
  id: number;
  name: string;
}

export interface MistakenPostDetails {
  platform: string;
  account: string;
  link: string | null;
  postedAt: string;
  whatHappened: string;
}

export interface MistakenPostInput {
  reportedAt: string;
  reporter: Officer;
  /**
   * Who is asked to acknowledge, in order: the line manager, then the next most senior officer,
   * and so on up the chain. People absent on the day of the report are already left out.
   */
  escalationChain: Officer[];
  /** Minutes each officer has to acknowledge before the next one is asked. */
  acknowledgementMinutes: number;
  post: MistakenPostDetails;
}

export interface MistakenPostContext extends MistakenPostInput {
  /** Index in escalationChain of the officer asked now. */
  askedIndex: number;
  acknowledgedBy: Officer | null;
  acknowledgedAt: string | null;
  /** True once the most senior officer in the chain has also let the deadline pass. */
  chainExhausted: boolean;
}

export type MistakenPostEvent =
  | { type: "ACKNOWLEDGE"; at: string; by: Officer; note?: string }
  | { type: "ACKNOWLEDGEMENT_OVERDUE"; at: string };

export const mistakenPostEventLabels: EventLabels = {
  REPORTED: "Reported",
  ACKNOWLEDGE: "Acknowledged",
  ACKNOWLEDGEMENT_OVERDUE: "Not acknowledged in time",
};

const ACKNOWLEDGEMENT_DEADLINE = "acknowledgement";

function askedOfficer(context: MistakenPostContext): Officer {
  return context.escalationChain[context.askedIndex];
}

/** The email asking the officer whose turn it is to acknowledge. */
function askOfficerToAcknowledge(context: MistakenPostContext, escalated: boolean): NotifyParams {
  return {
    template: "acknowledgement-requested",
    to: { kind: "people", personIds: [askedOfficer(context).id] },
    data: { escalated },
  };
}

/** The asked officer's deadline, counted from the moment they were asked. */
function acknowledgementDeadline(context: MistakenPostContext, askedAt: string): SetDeadlineParams {
  return {
    key: ACKNOWLEDGEMENT_DEADLINE,
    eventType: "ACKNOWLEDGEMENT_OVERDUE",
    dueAt: addMinutes(askedAt, context.acknowledgementMinutes),
    description: `${askedOfficer(context).name} to acknowledge`,
  };
}

export const mistakenPostMachine = setup({
  types: {
    input: {} as MistakenPostInput,
    context: {} as MistakenPostContext,
    events: {} as MistakenPostEvent,
  },
  actions: {
    ...effectActions,
    askNextOfficer: assign({ askedIndex: ({ context }) => context.askedIndex + 1 }),
  },
  guards: {
    /**
     * The officer asked now, or anyone asked before them (a manager back from a meeting), may
     * acknowledge. Nobody else may.
     */
    isAskedOfficer: ({ context, event }) =>
      event.type === "ACKNOWLEDGE" &&
      context.escalationChain
        .slice(0, context.askedIndex + 1)
        .some((officer) => officer.id === event.by.id),
    hasMoreSeniorOfficer: ({ context }) =>
      context.askedIndex + 1 < context.escalationChain.length,
  },
}).createMachine({
  id: "mistakenPost",
  context: ({ input }) => ({
    ...input,
    askedIndex: 0,
    acknowledgedBy: null,
    acknowledgedAt: null,
    chainExhausted: false,
  }),
  initial: "awaitingAcknowledgement",
  entry: [
    { type: "notify", params: ({ context }) => askOfficerToAcknowledge(context, false) },
    {
      type: "notify",
      params: () => ({
        template: "mistaken-post-reported",
        to: { kind: "role", role: "communications" },
      }),
    },
    { type: "setDeadline", params: ({ context }) => acknowledgementDeadline(context, context.reportedAt) },
  ],
  states: {
    awaitingAcknowledgement: {
      meta: {
        title: "Tell the line manager and Communications",
        guidance:
          "The line manager and the Communications team have been emailed. The line manager acknowledges here; if they are away or do not answer in time, the next most senior officer is asked.",
        actor: "Line manager, or the next most senior officer",
        source: "Haringey practice notes 4.2.5, step 1",
      } satisfies StepMeta,
      on: {
        ACKNOWLEDGE: {
          guard: "isAskedOfficer",
          target: "acknowledged",
          actions: [
            assign({
              acknowledgedBy: ({ event }) => event.by,
              acknowledgedAt: ({ event }) => event.at,
            }),
            { type: "cancelDeadline", params: { key: ACKNOWLEDGEMENT_DEADLINE } },
            {
              type: "notify",
              params: ({ context }) => ({
                template: "incident-acknowledged",
                to: { kind: "people", personIds: [context.reporter.id] },
              }),
            },
          ],
        },
        ACKNOWLEDGEMENT_OVERDUE: [
          {
            guard: "hasMoreSeniorOfficer",
            actions: [
              "askNextOfficer",
              { type: "notify", params: ({ context }) => askOfficerToAcknowledge(context, true) },
              { type: "setDeadline", params: ({ context, event }) => acknowledgementDeadline(context, event.at) },
            ],
          },
          {
            // Nobody above is left to ask: Communications are told so they can chase it.
            actions: [
              assign({ chainExhausted: true }),
              {
                type: "notify",
                params: () => ({
                  template: "acknowledgement-missed",
                  to: { kind: "role", role: "communications" },
                }),
              },
            ],
          },
        ],
      },
    },
    acknowledged: {
      meta: {
        title: "Acknowledged",
        guidance:
          "The report has been acknowledged. The Communications team lead the next steps of the procedure.",
        actor: "Communications",
        source: "Haringey practice notes 4.2.5, step 1",
      } satisfies StepMeta,
    },
  },
});

/** Why an event was refused, in words for the person who tried it. */
export function explainMistakenPostRefusal(
  context: MistakenPostContext,
  event: MistakenPostEvent,
  stateValue: string,
): string {
  if (event.type === "ACKNOWLEDGE") {
    if (stateValue !== "awaitingAcknowledgement") {
      const by = context.acknowledgedBy?.name ?? "someone else";
      return `This report has already been acknowledged by ${by}.`;
    }
    return `Only ${askedOfficer(context).name}, who has been asked to acknowledge, can acknowledge this report.`;
  }
  return "That step is not possible at this point of the procedure.";
}
