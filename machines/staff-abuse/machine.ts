import { and, assign, setup } from "xstate";
import {
  addMinutes,
  effectActions,
  hasRole,
  notifyOf,
  personOf,
  refusingGuards,
  areAway,
  type ActingPerson,
  type EventLabels,
  type EvidenceFacts,
  type IncidentAccess,
  type PersonRef,
  type ReadingPolicy,
  type StepMeta,
  type ViewerRelation,
} from "../kit";
import type { StaffAbuseEmails } from "./emails";

/**
 * Staff abuse: a member of staff abused online because of their job. Zero tolerance, Barnsley
 * social media policy section 5 (with the section 7 roles) and B3 policy 3.5.11 (seeds 001,
 * 003). After the report the four pieces of work run side by side, as a task list: block and
 * check privacy, the police, support from the line manager, and removal of the content.
 */

export const ABUSE_KINDS = {
  threat: "Threat of violence",
  harassment: "Harassment or bullying",
  hate: "Hate: abuse because of who someone is",
} as const;
export type AbuseKind = keyof typeof ABUSE_KINDS;

/** The strands police monitor as hate crime (True Vision); the person targeted need not belong to the group. */
export const PROTECTED_CHARACTERISTICS = {
  disability: "Disability",
  race: "Race or ethnicity",
  religion: "Religion or belief",
  sexual_orientation: "Sexual orientation",
  transgender: "Transgender identity",
  other: "Something else",
} as const;
export type ProtectedCharacteristic = keyof typeof PROTECTED_CHARACTERISTICS;

export const POLICE_ROUTES = {
  "999": "999 (someone was in immediate danger)",
  "101": "101",
  online: "Online, on the police force's website",
  true_vision: "True Vision (online hate crime reporting)",
} as const;
export type PoliceRoute = keyof typeof POLICE_ROUTES;

export const PLATFORM_ANSWERS = {
  removed: "The platform removed it",
  refused: "The platform refused to remove it",
  other: "Something else",
} as const;
export type PlatformAnswer = keyof typeof PLATFORM_ANSWERS;

export interface AbuseReport {
  inDanger: boolean;
  platform: string;
  link: string | null;
  happenedAt: string;
  /** The handle or name of whoever did it, if known. */
  perpetrator: string | null;
  whatHappened: string;
  kinds: AbuseKind[];
  protectedCharacteristics: ProtectedCharacteristic[];
  connectedToRole: "yes" | "no" | "not_sure";
  impact: string;
  /** When no screenshot could be taken: why. */
  noScreenshotReason: string | null;
}

export interface StaffAbuseInput {
  reportedAt: string;
  reporter: PersonRef;
  /** The reporter's managers, nearest first, as the directory stood at the report (absent ones kept: they see it on return). */
  managers: PersonRef[];
  /** The nearest manager present today: told at once and asked to record support. */
  supportingManager: PersonRef | null;
  report: AbuseReport;
  /** Days after support is recorded that the wellbeing follow-up falls due. */
  wellbeingFollowUpDays: number;
  /** Hours between reminders while neither a police report nor a reason not to is recorded. */
  policeReminderHours: number;
}

export interface StaffAbuseContext extends StaffAbuseInput {
  /** How many screenshots are attached; each file's facts are kept with the file (evidence_files). */
  screenshotCount: number;
  blocking: { steps: string[]; by: PersonRef; at: string } | null;
  police:
    | { outcome: "reported"; route: PoliceRoute; reportedAt: string; crimeReference: string | null; officer: string | null; by: PersonRef; at: string }
    | { outcome: "not_reported"; reason: string; by: PersonRef; at: string }
    | null;
  policeReminders: number;
  support: { offered: string; by: PersonRef; at: string } | null;
  wellbeing: { notes: string; by: PersonRef; at: string } | null;
  removal: {
    requestedAt: string | null;
    communicationsHelpAsked: boolean;
    answer: { outcome: PlatformAnswer; notes: string; by: PersonRef; at: string } | null;
    notNeededReason: string | null;
    /** The platform had 48 hours: Report Harmful Content is offered. */
    harmfulContentRouteOffered: boolean;
  };
  outcome: { summary: string; by: PersonRef; at: string } | null;
}

type PersonEvent<Type extends string, Fields = {}> = { type: Type; at: string; by: ActingPerson } & Fields;

export type StaffAbuseEvent =
  | PersonEvent<"ATTACH_SCREENSHOT", { file: EvidenceFacts }>
  | PersonEvent<"RECORD_BLOCKING", { steps: string[] }>
  | PersonEvent<"RECORD_POLICE_REPORT", { route: PoliceRoute; reportedAt: string; crimeReference?: string; officer?: string }>
  | PersonEvent<"RECORD_NO_POLICE_REPORT", { reason: string }>
  | { type: "POLICE_REMINDER"; at: string }
  | PersonEvent<"RECORD_SUPPORT", { offered: string }>
  | { type: "SUPPORT_OVERDUE"; at: string }
  | { type: "WELLBEING_DUE"; at: string }
  | PersonEvent<"RECORD_WELLBEING_FOLLOW_UP", { notes: string }>
  | PersonEvent<"REQUEST_REMOVAL", { requestedAt: string }>
  | PersonEvent<"ASK_COMMUNICATIONS_HELP">
  | { type: "PLATFORM_SILENT"; at: string }
  | PersonEvent<"RECORD_PLATFORM_ANSWER", { outcome: PlatformAnswer; notes: string }>
  | PersonEvent<"NO_REMOVAL_NEEDED", { reason: string }>
  | PersonEvent<"CLOSE", { summary: string }>;

export const staffAbuseEventLabels: EventLabels = {
  REPORTED: "Violence and aggression report made",
  ATTACH_SCREENSHOT: "Screenshot attached",
  RECORD_BLOCKING: "Blocked and privacy checked",
  RECORD_POLICE_REPORT: "Reported to the police",
  RECORD_NO_POLICE_REPORT: "Not reported to the police",
  POLICE_REMINDER: "Reminder: police report not yet recorded",
  RECORD_SUPPORT: "Support offered",
  SUPPORT_OVERDUE: "Support not yet recorded",
  WELLBEING_DUE: "Wellbeing follow-up due",
  RECORD_WELLBEING_FOLLOW_UP: "Wellbeing follow-up done",
  REQUEST_REMOVAL: "Removal asked of the platform",
  ASK_COMMUNICATIONS_HELP: "Communications asked to help with removal",
  PLATFORM_SILENT: "No answer from the platform after 48 hours",
  RECORD_PLATFORM_ANSWER: "Platform's answer recorded",
  NO_REMOVAL_NEEDED: "Removal not needed",
  CLOSE: "Closed with the outcome",
};

/** What someone did, said after their name ("Mark Evans recorded the support offered"), for a person who was overtaken by it. */
export const staffAbuseEventDeeds: EventLabels = {
  ATTACH_SCREENSHOT: "attached a screenshot",
  RECORD_BLOCKING: "recorded the blocking and privacy check",
  RECORD_POLICE_REPORT: "recorded the police report",
  RECORD_NO_POLICE_REPORT: "recorded why it was not reported to the police",
  RECORD_SUPPORT: "recorded the support offered",
  RECORD_WELLBEING_FOLLOW_UP: "recorded the wellbeing follow-up",
  REQUEST_REMOVAL: "recorded that the platform was asked to remove it",
  ASK_COMMUNICATIONS_HELP: "asked Communications to help with removal",
  RECORD_PLATFORM_ANSWER: "recorded the platform's answer",
  NO_REMOVAL_NEEDED: "recorded that removal is not needed",
  CLOSE: "closed the report",
};

/** Report Harmful Content only mediates 48 hours after the platform itself was asked. */
export const PLATFORM_WAIT_HOURS = 48;
/** Managers act straight away (Barnsley section 7): HR and safety are told if nothing is recorded in this time. */
export const SUPPORT_DEADLINE_HOURS = 4;

const isReporter = (context: StaffAbuseContext, by: ActingPerson) => by.id === context.reporter.id;
const isManager = (context: StaffAbuseContext, by: ActingPerson) => context.managers.some((manager) => manager.id === by.id);
const isHrSafety = (by: ActingPerson) => hasRole(by, "hr_safety");
const isCommunications = (by: ActingPerson) => hasRole(by, "communications");


/** The managers nearer the member of staff than the one told, away on the day of the report. */
export function managersAway(context: Pick<StaffAbuseInput, "managers" | "supportingManager">): PersonRef[] {
  const supporting = context.supportingManager;
  return supporting ? context.managers.slice(0, context.managers.findIndex((manager) => manager.id === supporting.id)) : context.managers;
}

/** The manager the support is asked of: the nearest one in today, or else the nearest (who sees it when back). */
const managerAsked = (context: StaffAbuseContext) => context.supportingManager ?? context.managers[0] ?? null;

const managerIds = (context: StaffAbuseContext) => {
  const manager = managerAsked(context);
  return manager ? [manager.id] : [];
};

/** Who was told of the report when it was made, for the member of staff: their line manager (or who instead, and why) and HR and safety. */
export function staffAbuseToldAtReport(context: StaffAbuseInput): string {
  const away = managersAway(context);
  const awayText = areAway(away, "today");
  if (context.supportingManager === null) {
    return context.managers.length > 0
      ? `${awayText}, so HR and safety have been told and will make sure you are supported; ${context.managers[0].name} will see it when back.`
      : "You have no line manager in the directory, so HR and safety have been told and will make sure you are supported.";
  }
  const manager = context.supportingManager.name;
  return away.length > 0
    ? `${awayText}, so ${manager} has been told instead, and HR and safety have been told.`
    : `Your line manager, ${manager}, and HR and safety have been told.`;
}

/** What an event did that its label does not say, for the timeline: whose support was late, and who is told. */
export function staffAbuseEventOutcome(_before: StaffAbuseContext | null, after: StaffAbuseContext, eventType: string): string | null {
  const manager = managerAsked(after);
  if (eventType === "SUPPORT_OVERDUE" && manager) return `Support not recorded in time by ${manager.name}. HR and safety have been told.`;
  return null;
}

const ONLY_REPORTER = "Only the member of staff who made the report can do this.";

function region(meta: StepMeta) {
  return meta satisfies StepMeta;
}

const refusing = refusingGuards<StaffAbuseContext, StaffAbuseEvent>();

export const staffAbuseMachine = setup({
  types: {
    input: {} as StaffAbuseInput,
    context: {} as StaffAbuseContext,
    events: {} as StaffAbuseEvent,
  },
  actions: { ...effectActions, notify: notifyOf<StaffAbuseEmails>() },
  guards: {
    byReporter: refusing(ONLY_REPORTER, ({ context, event }) => "by" in event && isReporter(context, event.by)),
    byReporterOrCommunicationsHelping: refusing(
      "Only the member of staff, or Communications once asked to help, can do this.",
      ({ context, event }) => "by" in event && (isReporter(context, event.by) || (context.removal.communicationsHelpAsked && isCommunications(event.by))),
    ),
    /** The reporter, their line managers, or HR and safety. */
    byCarer: refusing(
      "Only the member of staff, their line manager, or HR and safety can record this.",
      ({ context, event }) => "by" in event && (isReporter(context, event.by) || isManager(context, event.by) || isHrSafety(event.by)),
    ),
    /** The line managers (who act straight away), or HR and safety. */
    byManagerOrHr: refusing(
      "Only the line manager, or HR and safety, can record this.",
      ({ context, event }) => "by" in event && (isManager(context, event.by) || isHrSafety(event.by)),
    ),
    byHrOrReporter: refusing(
      "Only the member of staff or HR and safety can do this.",
      ({ context, event }) => "by" in event && (isReporter(context, event.by) || isHrSafety(event.by)),
    ),
    isOpen: refusing("This report is closed.", ({ context }) => context.outcome === null),
    helpNotYetAsked: refusing("Communications have already been asked to help.", ({ context }) => !context.removal.communicationsHelpAsked),
  },
}).createMachine({
  id: "staffAbuse",
  context: ({ input }) => ({
    ...input,
    screenshotCount: 0,
    blocking: null,
    police: null,
    policeReminders: 0,
    support: null,
    wellbeing: null,
    removal: { requestedAt: null, communicationsHelpAsked: false, answer: null, notNeededReason: null, harmfulContentRouteOffered: false },
    outcome: null,
  }),
  entry: [
    // The line manager is told at once, and HR and safety receive the violence and aggression report.
    { type: "notify", params: ({ context }) => ({ template: "abuse-reported-manager", to: { kind: "people", personIds: managerIds(context) } }) },
    { type: "notify", params: () => ({ template: "abuse-reported-hr", to: { kind: "role", role: "hr_safety" } }) },
    {
      type: "setDeadline",
      params: ({ context }) => ({
        key: "support",
        eventType: "SUPPORT_OVERDUE",
        dueAt: addMinutes(context.reportedAt, SUPPORT_DEADLINE_HOURS * 60),
        description: `${context.supportingManager?.name ?? "The line manager"} to record the support offered`,
      }),
    },
    {
      type: "setDeadline",
      params: ({ context }) => ({
        key: "police",
        eventType: "POLICE_REMINDER",
        dueAt: addMinutes(context.reportedAt, context.policeReminderHours * 60),
        description: "A police report, or the reason not to make one, to be recorded",
      }),
    },
  ],
  on: {
    ATTACH_SCREENSHOT: {
      // A closed report is refused as closed, whoever asks.
      guard: and(["isOpen", "byHrOrReporter"]),
      actions: [
        assign({ screenshotCount: ({ context }) => context.screenshotCount + 1 }),
        { type: "recordEvidence", params: ({ event }) => event.file },
      ],
    },
  },
  initial: "open",
  states: {
    open: {
      type: "parallel",
      onDone: "readyToClose",
      states: {
        blocking: {
          meta: region({
            title: "Block the person and check your privacy settings",
            guidance: "Block the account on the platform, then check who can see your posts, your photos and your personal details.",
            actor: "The member of staff",
            source: "Barnsley social media policy, section 5, step 3; B3 policy 3.5.11",
          }),
          initial: "toDo",
          states: {
            toDo: {
              on: {
                RECORD_BLOCKING: {
                  guard: "byReporter",
                  target: "done",
                  actions: assign({ blocking: ({ event }) => ({ steps: event.steps, by: personOf(event.by), at: event.at }) }),
                },
              },
            },
            done: { type: "final" },
          },
        },
        police: {
          meta: region({
            title: "Tell the police",
            guidance:
              "Call 999 if anyone is in immediate danger. Otherwise report it on 101 or online; hate can also be reported to True Vision. Record the crime reference number, or why you are not reporting it.",
            actor: "The member of staff, with their manager or HR and safety",
            source: "Barnsley social media policy, section 5, step 4; B3 policy 3.5.11",
          }),
          initial: "toDo",
          states: {
            toDo: {
              on: {
                RECORD_POLICE_REPORT: {
                  guard: "byCarer",
                  target: "done",
                  actions: [
                    assign({
                      police: ({ event }) => ({
                        outcome: "reported" as const,
                        route: event.route,
                        reportedAt: event.reportedAt,
                        crimeReference: event.crimeReference ?? null,
                        officer: event.officer ?? null,
                        by: personOf(event.by),
                        at: event.at,
                      }),
                    }),
                    { type: "cancelDeadline", params: { key: "police" } },
                  ],
                },
                RECORD_NO_POLICE_REPORT: {
                  guard: "byCarer",
                  target: "done",
                  actions: [
                    assign({ police: ({ event }) => ({ outcome: "not_reported" as const, reason: event.reason, by: personOf(event.by), at: event.at }) }),
                    { type: "cancelDeadline", params: { key: "police" } },
                  ],
                },
                // The path keeps reminding until one or the other is recorded.
                POLICE_REMINDER: {
                  actions: [
                    assign({ policeReminders: ({ context }) => context.policeReminders + 1 }),
                    {
                      type: "notify",
                      params: ({ context }) => ({
                        template: "abuse-police-reminder",
                        to: { kind: "people", personIds: [context.reporter.id, ...managerIds(context)] },
                      }),
                    },
                    {
                      type: "setDeadline",
                      params: ({ context, event }) => ({
                        key: "police",
                        eventType: "POLICE_REMINDER",
                        dueAt: addMinutes(event.at, context.policeReminderHours * 60),
                        description: "A police report, or the reason not to make one, to be recorded",
                      }),
                    },
                  ],
                },
              },
            },
            done: { type: "final" },
          },
        },
        support: {
          meta: region({
            title: "Support from the line manager",
            guidance: "The line manager acts straight away: they record the support offered here, and a wellbeing follow-up falls due some days later.",
            actor: "The line manager, or HR and safety",
            source: "Barnsley social media policy, section 7 (managers' responsibilities)",
          }),
          initial: "awaitingSupport",
          states: {
            awaitingSupport: {
              on: {
                RECORD_SUPPORT: {
                  guard: "byManagerOrHr",
                  target: "followUpDue",
                  actions: [
                    assign({ support: ({ event }) => ({ offered: event.offered, by: personOf(event.by), at: event.at }) }),
                    { type: "cancelDeadline", params: { key: "support" } },
                    {
                      type: "setDeadline",
                      params: ({ context, event }) => ({
                        key: "wellbeing",
                        eventType: "WELLBEING_DUE",
                        dueAt: addMinutes(event.at, context.wellbeingFollowUpDays * 24 * 60),
                        description: `${event.by.name} to follow up on ${context.reporter.name}'s wellbeing`,
                      }),
                    },
                    { type: "notify", params: ({ context }) => ({ template: "abuse-support-recorded", to: { kind: "people", personIds: [context.reporter.id] } }) },
                  ],
                },
                SUPPORT_OVERDUE: {
                  actions: { type: "notify", params: () => ({ template: "abuse-support-overdue", to: { kind: "role", role: "hr_safety" } }) },
                },
              },
            },
            followUpDue: {
              on: {
                WELLBEING_DUE: {
                  actions: {
                    type: "notify",
                    params: ({ context }) => ({ template: "abuse-wellbeing-due", to: { kind: "people", personIds: context.support ? [context.support.by.id] : managerIds(context) } }),
                  },
                },
                RECORD_WELLBEING_FOLLOW_UP: {
                  guard: "byManagerOrHr",
                  target: "done",
                  actions: [
                    assign({ wellbeing: ({ event }) => ({ notes: event.notes, by: personOf(event.by), at: event.at }) }),
                    { type: "cancelDeadline", params: { key: "wellbeing" } },
                  ],
                },
              },
            },
            done: { type: "final" },
          },
        },
        removal: {
          meta: region({
            title: "Get the content removed",
            guidance:
              "Ask the platform to remove it yourself first; Communications help when you ask them to. If the platform has not acted after 48 hours, Report Harmful Content can mediate.",
            actor: "The member of staff, helped by Communications when asked",
            source: "Barnsley social media policy, section 5; B3 policy 3.5.11",
          }),
          initial: "notRequested",
          on: {
            ASK_COMMUNICATIONS_HELP: {
              // Asking twice is refused as done already, whoever asks.
              guard: and(["helpNotYetAsked", "byReporter"]),
              actions: [
                assign({ removal: ({ context }) => ({ ...context.removal, communicationsHelpAsked: true }) }),
                { type: "notify", params: () => ({ template: "abuse-removal-help", to: { kind: "role", role: "communications" } }) },
              ],
            },
          },
          states: {
            notRequested: {
              on: {
                REQUEST_REMOVAL: {
                  guard: "byReporterOrCommunicationsHelping",
                  target: "awaitingPlatform",
                  actions: [
                    assign({ removal: ({ context, event }) => ({ ...context.removal, requestedAt: event.requestedAt }) }),
                    {
                      type: "setDeadline",
                      params: ({ event }) => ({
                        key: "platform",
                        eventType: "PLATFORM_SILENT",
                        dueAt: addMinutes(event.requestedAt, PLATFORM_WAIT_HOURS * 60),
                        description: "The platform's answer to the removal request",
                      }),
                    },
                  ],
                },
                NO_REMOVAL_NEEDED: {
                  guard: "byReporterOrCommunicationsHelping",
                  target: "done",
                  actions: assign({ removal: ({ context, event }) => ({ ...context.removal, notNeededReason: event.reason }) }),
                },
              },
            },
            awaitingPlatform: {
              on: {
                PLATFORM_SILENT: {
                  actions: [
                    assign({ removal: ({ context }) => ({ ...context.removal, harmfulContentRouteOffered: true }) }),
                    { type: "notify", params: ({ context }) => ({ template: "abuse-harmful-content-route", to: { kind: "people", personIds: [context.reporter.id] } }) },
                  ],
                },
                RECORD_PLATFORM_ANSWER: {
                  guard: "byReporterOrCommunicationsHelping",
                  target: "done",
                  actions: [
                    assign({
                      removal: ({ context, event }) => ({
                        ...context.removal,
                        answer: { outcome: event.outcome, notes: event.notes, by: personOf(event.by), at: event.at },
                      }),
                    }),
                    { type: "cancelDeadline", params: { key: "platform" } },
                  ],
                },
              },
            },
            done: { type: "final" },
          },
        },
      },
    },
    readyToClose: {
      meta: {
        title: "Close with the outcome",
        guidance: "Everything is recorded. HR and safety, or the member of staff, close the report with its outcome.",
        actor: "HR and safety, or the member of staff",
        source: "Barnsley social media policy, section 5",
      } satisfies StepMeta,
      on: {
        CLOSE: {
          guard: "byHrOrReporter",
          target: "closed",
          actions: [
            assign({ outcome: ({ event }) => ({ summary: event.summary, by: personOf(event.by), at: event.at }) }),
            { type: "notify", params: ({ context }) => ({ template: "abuse-closed", to: { kind: "people", personIds: [context.reporter.id, ...managerIds(context)] } }) },
          ],
        },
      },
    },
    closed: {
      type: "final",
      meta: {
        title: "Closed",
        guidance: "The report is closed. The record stays, visible only to the people allowed to see it.",
        actor: "Nobody: the record is kept",
        source: "Barnsley social media policy, section 5",
      } satisfies StepMeta,
    },
  },
});

/**
 * Who may read a staff abuse report besides today's management chain (as far up as the
 * organisation's setting reaches, the path's chainReach): the reporter and their managers at the time of the report, as far up as
 * the organisation's setting reaches; HR and safety always (the path's readersByRole);
 * Communications only once asked to help with removal. Personal, sometimes special-category
 * data: nobody else.
 */
export function staffAbuseAccess(context: StaffAbuseContext, policy: ReadingPolicy): IncidentAccess {
  return {
    personIds: [context.reporter.id, ...context.managers.slice(0, policy.abuseChainLevels).map((manager) => manager.id)],
    roles: context.removal.communicationsHelpAsked ? ["communications"] : [],
  };
}

/**
 * The sections of an abuse report's record. Each viewer sees only those their relation needs
 * (need to know): the page, the evidence pack and the timeline are built from this.
 */
export const STAFF_ABUSE_SECTIONS = ["content", "screenshots", "removal", "kind", "impact", "blocking", "police", "support", "outcome"] as const;
export type StaffAbuseSection = (typeof STAFF_ABUSE_SECTIONS)[number];

const SECTIONS_BY_RELATION: Record<ViewerRelation, readonly StaffAbuseSection[]> = {
  reporter: STAFF_ABUSE_SECTIONS,
  // The line manager supports the person; the next level up acts when they cannot.
  manager: STAFF_ABUSE_SECTIONS,
  // Receives the violence and aggression report and oversees the police referral and support.
  hr_safety: STAFF_ABUSE_SECTIONS,
  // Brought in only to help get the content removed: what was posted, where, when, its link
  // and account, the screenshots and the removal work. Not the kind of abuse or protected
  // characteristic, the impact on the person, the police, support or wellbeing.
  communications: ["content", "screenshots", "removal"],
};

/** The sections a viewer may see: everything any of their relations to the report allows. */
export function staffAbuseSections(relations: readonly ViewerRelation[]): StaffAbuseSection[] {
  return STAFF_ABUSE_SECTIONS.filter((section) => relations.some((relation) => SECTIONS_BY_RELATION[relation].includes(section)));
}

/** The section each timeline event belongs to; the report itself being made is seen by all who may read. */
export const STAFF_ABUSE_EVENT_SECTIONS: Record<StaffAbuseEvent["type"] | "REPORTED", StaffAbuseSection | null> = {
  REPORTED: null,
  ATTACH_SCREENSHOT: "screenshots",
  RECORD_BLOCKING: "blocking",
  RECORD_POLICE_REPORT: "police",
  RECORD_NO_POLICE_REPORT: "police",
  POLICE_REMINDER: "police",
  RECORD_SUPPORT: "support",
  SUPPORT_OVERDUE: "support",
  WELLBEING_DUE: "support",
  RECORD_WELLBEING_FOLLOW_UP: "support",
  REQUEST_REMOVAL: "removal",
  ASK_COMMUNICATIONS_HELP: "removal",
  PLATFORM_SILENT: "removal",
  RECORD_PLATFORM_ANSWER: "removal",
  NO_REMOVAL_NEEDED: "removal",
  CLOSE: "outcome",
};

/** The section of each piece of work (the steps of the task list) and of each deadline key. */
export const STAFF_ABUSE_STEP_SECTIONS: Record<string, StaffAbuseSection> = {
  "open.blocking": "blocking",
  "open.police": "police",
  "open.support": "support",
  "open.removal": "removal",
};
export const STAFF_ABUSE_DEADLINE_SECTIONS: Record<string, StaffAbuseSection> = {
  support: "support",
  wellbeing: "support",
  police: "police",
  platform: "removal",
};

/** What each section carries of the context. */
const SECTION_DATA = {
  content: (context: StaffAbuseContext) => ({
    platform: context.report.platform,
    link: context.report.link,
    happenedAt: context.report.happenedAt,
    perpetrator: context.report.perpetrator,
    whatHappened: context.report.whatHappened,
  }),
  screenshots: (context: StaffAbuseContext) => ({ screenshotCount: context.screenshotCount, noScreenshotReason: context.report.noScreenshotReason }),
  removal: (context: StaffAbuseContext) => context.removal,
  kind: (context: StaffAbuseContext) => ({
    kinds: context.report.kinds,
    protectedCharacteristics: context.report.protectedCharacteristics,
    connectedToRole: context.report.connectedToRole,
  }),
  impact: (context: StaffAbuseContext) => ({ impact: context.report.impact, inDanger: context.report.inDanger }),
  blocking: (context: StaffAbuseContext) => ({ blocking: context.blocking }),
  police: (context: StaffAbuseContext) => ({ police: context.police, policeReminderHours: context.policeReminderHours }),
  support: (context: StaffAbuseContext) => ({
    supportingManager: context.supportingManager,
    support: context.support,
    wellbeing: context.wellbeing,
    wellbeingFollowUpDays: context.wellbeingFollowUpDays,
  }),
  outcome: (context: StaffAbuseContext) => ({ outcome: context.outcome }),
} satisfies Record<StaffAbuseSection, (context: StaffAbuseContext) => unknown>;

/** The report as one viewer may see it: who reported it and when, and only the sections allowed. */
export type StaffAbuseView = { reporter: PersonRef; reportedAt: string } & {
  [Section in StaffAbuseSection]?: ReturnType<(typeof SECTION_DATA)[Section]>;
};

export function staffAbuseView(context: StaffAbuseContext, sections: readonly string[]): StaffAbuseView {
  const view: Record<string, unknown> = { reporter: context.reporter, reportedAt: context.reportedAt };
  for (const section of STAFF_ABUSE_SECTIONS) if (sections.includes(section)) view[section] = SECTION_DATA[section](context);
  return view as StaffAbuseView;
}
