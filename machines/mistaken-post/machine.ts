import { and, assign, enqueueActions, not, setup } from "xstate";
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
  type NotifyOf,
  type PersonRef,
  type SetDeadlineParams,
  type StepMeta,
} from "../kit";
import type { MistakenPostEmails } from "./emails";
import { isAtLeast, severityOf, type AggravatingFactor, type RiskDecision, type Severity } from "./risk";

/**
 * Mistaken post: something was posted on an organisation account that should not have been.
 * Source: Haringey practice notes 4.2.5 (seed 004) with its appendix "before you respond".
 * Three kinds of people run it: the member of staff who made the mistake, their line manager
 * (or the next most senior officer), and the Communications team.
 */

export type Officer = PersonRef;

export interface MistakenPostDetails {
  platform: string;
  /** The account as the register names it (its handle), or as the reporter wrote it when it is not registered. */
  account: string;
  /**
   * The registered channel that posted it; null for an account not in the register. Reports made
   * before the account was chosen from the register have neither, and keep their written account.
   */
  channelId?: number | null;
  link: string | null;
  postedAt: string;
  whatHappened: string;
}

/** The organisation's rules in force when the incident was reported (admin settings). */
export interface MistakenPostPolicy {
  /** Head of Communications, Assistant Director, Chief Executive: told when severity calls for it. */
  seniorLeaders: Officer[];
  notifySeniorLeadersFrom: Severity;
  /** The Leader of the Council, made aware at step 5 when it may become a reputational issue. */
  leader: Officer | null;
}

export interface MistakenPostInput {
  reportedAt: string;
  reporter: Officer;
  /**
   * Who is asked to acknowledge, in order: the line manager, then the next most senior officer,
   * and so on up the chain. People absent on the day of the report are already left out.
   */
  escalationChain: Officer[];
  /**
   * Managers in the reporting line away on the day of the report, each with the place in the
   * chain of the officer asked in their place (the chain's length: nobody above them was in).
   * Absent from reports made before it was kept.
   */
  away?: { officer: Officer; askedInstead: number }[];
  /** Minutes each officer has to acknowledge before the next one is asked. */
  acknowledgementMinutes: number;
  post: MistakenPostDetails;
  policy: MistakenPostPolicy;
}

export type DeletionReason = "not_possible" | "not_appropriate" | "told_to_keep";

export const DELETION_REASONS: Record<DeletionReason, string> = {
  not_possible: "It could not be deleted",
  not_appropriate: "Deleting it would not be appropriate",
  told_to_keep: "We were told to keep it",
};

export type TaskStatus = "not_started" | "in_progress" | "done";

export const TASK_STATUSES: Record<TaskStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
};

export interface CrisisTask {
  title: string;
  owner: Officer;
  dueAt: string;
  status: TaskStatus;
  overdue: boolean;
}

export interface CrisisPlan {
  holdingStatement: string;
  spokesperson: string;
  audiences: string;
  /** The channels whose scheduled posts stop: their ids, or every channel. */
  channels: number[] | "all";
  channelNames: string[];
  reviewAt: string;
  createdBy: Officer;
  createdAt: string;
}

/** A crisis task as the plan's form takes it: a title, its owner and when it is due. */
export interface PlannedTask {
  title: string;
  owner: Officer;
  dueAt: string;
}

/**
 * The administrator's crisis template as it arrives in the event that applies it: each task's
 * owner already found for its role, and its due time as minutes from the moment it is applied.
 */
export interface CrisisTemplate {
  holdingStatement: string;
  tasks: { title: string; owner: Officer; dueInMinutes: number }[];
}

/** The plan's holding statement and tasks filled from the crisis template, to check and change before the plan is put in force. */
export interface CrisisPlanDraft {
  holdingStatement: string;
  tasks: PlannedTask[];
  by: Officer;
  at: string;
}

/** What became of a post a pause held: decided here one by one or together, or cancelled or changed from the channel page. */
export interface HeldPostRecord {
  postId: number;
  decision: HeldPostDecision | "edited-still-held";
  by: Officer;
  at: string;
  from: "incident" | "channel-page";
}

export interface ResponseChecks {
  transparent: boolean;
  sourcesCited: boolean;
  notRushed: boolean;
  focused: boolean;
}

export interface OrganisationResponse {
  text: string;
  drafter: Officer;
  draftedAt: string;
  checks: ResponseChecks | null;
  toneSignedOffBy: Officer | null;
  sentAt: string | null;
  where: string | null;
}

export interface FollowUp {
  action: string;
  owner: string;
}

export interface MistakenPostContext extends MistakenPostInput {
  askedIndex: number;
  acknowledgedBy: Officer | null;
  acknowledgedAt: string | null;
  /** True once the most senior officer in the chain has also let the deadline pass. */
  chainExhausted: boolean;
  /** How many screenshots are attached; each file's facts are kept with the file (evidence_files). */
  screenshotCount: number;
  deletion:
    | { outcome: "deleted"; deletedAt: string; note: string | null; recordedBy: Officer }
    | { outcome: "not_deleted"; reason: DeletionReason; explanation: string; recordedBy: Officer }
    | null;
  assessment: (RiskAnswers & {
    severity: Severity;
    assessedBy: Officer;
    assessedAt: string;
    seniorLeadersNotified: boolean;
  }) | null;
  crisisPlan: CrisisPlan | null;
  /** Absent from incidents stored before the crisis template could be applied. */
  crisisPlanDraft?: CrisisPlanDraft | null;
  tasks: CrisisTask[];
  leaderDecision:
    | { decision: "made_aware"; summary: string; by: Officer; at: string }
    | { decision: "not_needed"; reason: string; by: Officer; at: string }
    | null;
  response: OrganisationResponse | null;
  standDown: { summary: string; by: Officer; at: string } | null;
  /** Records stored before `from` existed were all decided on the incident page. */
  heldPostReviews: (Omit<HeldPostRecord, "from"> & { from?: HeldPostRecord["from"] })[];
  closingReview: { whatHappened: string; lessons: string; followUps: FollowUp[]; by: Officer; at: string } | null;
}

/** What Communications answer at the risk assessment (step 3). */
export interface RiskAnswers {
  likelihood: number;
  impact: number;
  reach: number;
  factors: AggravatingFactor[];
  decision: RiskDecision;
  rationale: string;
  crisisPlanNeeded: boolean;
}

export type HeldPostDecision = "release" | "edit-and-release" | "cancel";

type PersonEvent<Type extends string, Fields = {}> = { type: Type; at: string; by: ActingPerson } & Fields;

export type MistakenPostEvent =
  | PersonEvent<"ACKNOWLEDGE", { note?: string }>
  | { type: "ACKNOWLEDGEMENT_OVERDUE"; at: string }
  | PersonEvent<"ATTACH_SCREENSHOT", { file: EvidenceFacts }>
  | PersonEvent<"RECORD_DELETED", { deletedAt: string; note?: string }>
  | PersonEvent<"RECORD_NOT_DELETED", { reason: DeletionReason; explanation: string }>
  | PersonEvent<"ASSESS_RISK", RiskAnswers>
  | PersonEvent<"USE_CRISIS_TEMPLATE", CrisisTemplate>
  | PersonEvent<"CREATE_CRISIS_PLAN", Omit<CrisisPlan, "createdBy" | "createdAt"> & { tasks: PlannedTask[] }>
  | PersonEvent<"ADD_TASK", { title: string; owner: Officer; dueAt: string }>
  | PersonEvent<"UPDATE_TASK", { taskIndex: number; status: TaskStatus }>
  | { type: "TASK_OVERDUE"; at: string; taskIndex: number }
  | PersonEvent<"MAKE_LEADER_AWARE", { summary: string }>
  | PersonEvent<"LEADER_NOT_NEEDED", { reason: string }>
  | PersonEvent<"DRAFT_RESPONSE", { text: string }>
  | PersonEvent<"CONFIRM_CHECKS", ResponseChecks>
  | PersonEvent<"SIGN_OFF_TONE">
  | PersonEvent<"MARK_RESPONSE_SENT", { where: string }>
  | PersonEvent<"STAND_DOWN", { summary: string }>
  | PersonEvent<"REVIEW_HELD_POST", { postId: number; decision: HeldPostDecision; body?: string }>
  | PersonEvent<"DECIDE_REMAINING_HELD_POSTS", { decision: "release" | "cancel"; postIds: number[] }>
  /** From the channel page, while the post is held; `note` is the post's opening words, for the timeline. */
  | PersonEvent<"HELD_POST_CANCELLED_FROM_CHANNEL", { postId: number; note: string }>
  | PersonEvent<"HELD_POST_EDITED_FROM_CHANNEL", { postId: number; channelId: number; body: string; scheduledFor: string; note: string }>
  | PersonEvent<"RESUME_SCHEDULE">
  | PersonEvent<"CLOSE", { whatHappened: string; lessons: string; followUps: FollowUp[] }>;

export const mistakenPostEventLabels: EventLabels = {
  REPORTED: "Reported",
  ACKNOWLEDGE: "Acknowledged",
  ACKNOWLEDGEMENT_OVERDUE: "Not acknowledged in time",
  ATTACH_SCREENSHOT: "Screenshot attached",
  RECORD_DELETED: "Post deleted",
  RECORD_NOT_DELETED: "Post not deleted",
  ASSESS_RISK: "Reputational risk assessed",
  USE_CRISIS_TEMPLATE: "Crisis template used for the plan",
  CREATE_CRISIS_PLAN: "Crisis plan made and scheduled posts stopped",
  ADD_TASK: "Crisis task added",
  UPDATE_TASK: "Crisis task updated",
  TASK_OVERDUE: "Crisis task overdue",
  MAKE_LEADER_AWARE: "Leader made aware",
  LEADER_NOT_NEEDED: "Leader not needed",
  DRAFT_RESPONSE: "Response drafted",
  CONFIRM_CHECKS: "“Before you respond” checks done",
  SIGN_OFF_TONE: "Tone signed off",
  MARK_RESPONSE_SENT: "Response sent",
  STAND_DOWN: "Crisis stood down",
  REVIEW_HELD_POST: "Held post reviewed",
  DECIDE_REMAINING_HELD_POSTS: "Held posts left decided together",
  HELD_POST_CANCELLED_FROM_CHANNEL: "Held post cancelled from the channel page",
  HELD_POST_EDITED_FROM_CHANNEL: "Held post changed from the channel page (still held)",
  RESUME_SCHEDULE: "Scheduled posts resumed",
  CLOSE: "Closed with a review",
};

/** What someone did, said after their name ("Ellie Marsh put the crisis plan in force"), for a person who was overtaken by it. */
export const mistakenPostEventDeeds: EventLabels = {
  ACKNOWLEDGE: "acknowledged this report",
  ATTACH_SCREENSHOT: "attached a screenshot",
  RECORD_DELETED: "recorded that the post was deleted",
  RECORD_NOT_DELETED: "recorded why the post was not deleted",
  ASSESS_RISK: "assessed the reputational risk",
  CREATE_CRISIS_PLAN: "put the crisis plan in force",
  ADD_TASK: "added a crisis task",
  UPDATE_TASK: "updated a crisis task",
  MAKE_LEADER_AWARE: "made the Leader aware",
  LEADER_NOT_NEEDED: "recorded why the Leader does not need to know",
  DRAFT_RESPONSE: "saved a draft of the response",
  CONFIRM_CHECKS: "did the “before you respond” checks",
  SIGN_OFF_TONE: "signed off the tone",
  MARK_RESPONSE_SENT: "recorded that the response was sent",
  STAND_DOWN: "stood the crisis down",
  REVIEW_HELD_POST: "reviewed a held post",
  RESUME_SCHEDULE: "resumed the scheduled posts",
  CLOSE: "closed the incident",
};

const ACKNOWLEDGEMENT_DEADLINE = "acknowledgement";
const taskDeadlineKey = (taskIndex: number) => `task-${taskIndex}`;

function askedOfficer(context: MistakenPostContext): Officer {
  return context.escalationChain[context.askedIndex];
}

/** The officers away on the day whose turn passed to the officer at this place in the chain. */
export function awayBefore(context: MistakenPostInput, index: number): Officer[] {
  return (context.away ?? []).filter((entry) => entry.askedInstead === index).map((entry) => entry.officer);
}

/**
 * Who was told of the report when it was made, for the member of staff: the officer asked to
 * acknowledge it (and who was away, so it went to them instead) and Communications.
 */
export function mistakenPostToldAtReport(context: MistakenPostInput): string {
  const asked = context.escalationChain[0];
  const away = awayBefore(context, 0);
  const askedText = asked
    ? away.length > 0
      ? `${areAway(away)}, so ${asked.name} has been asked to acknowledge it instead`
      : `${asked.name} has been asked to acknowledge it`
    : "Nobody could be asked to acknowledge it";
  return `${askedText}, and the Communications team have been emailed.`;
}

/**
 * What an event did, for the timeline, beyond its label: who was asked to acknowledge when the
 * report was made with a manager away, and who was asked next when an officer did not
 * acknowledge in time. Null when the label says it all.
 */
export function mistakenPostEventOutcome(before: MistakenPostContext | null, after: MistakenPostContext, eventType: string): string | null {
  if (eventType === "REPORTED") {
    const away = awayBefore(after, 0);
    return away.length > 0 && after.escalationChain[0] ? `${areAway(away)}, so ${after.escalationChain[0].name} was asked to acknowledge it.` : null;
  }
  if (eventType === "ACKNOWLEDGEMENT_OVERDUE" && before) {
    const missed = `Not acknowledged in time by ${askedOfficer(before).name}`;
    if (after.chainExhausted) return `${missed}. Nobody more senior is left to ask, so Communications have been told.`;
    const away = awayBefore(after, after.askedIndex);
    return `${missed}. ${away.length > 0 ? `${areAway(away)}, so now` : "Now"} asked of ${askedOfficer(after).name}.`;
  }
  return null;
}

const isCommunications = (by: ActingPerson) => hasRole(by, "communications");

const COMMUNICATIONS_ONLY = "Only the Communications team can do this.";
const REPORTER_OR_COMMUNICATIONS = "Only the member of staff who reported this, or the Communications team, can do this.";

/** Who may acknowledge; once someone has, the words stay with the event after its step (the path's refusalsOutsideTheirStep). */
export function acknowledgementRefusal(context: MistakenPostContext): string {
  return context.acknowledgedBy
    ? `This report has already been acknowledged by ${context.acknowledgedBy.name}.`
    : `Only ${askedOfficer(context).name}, who has been asked to acknowledge, can acknowledge this report.`;
}

/** The email asking the officer whose turn it is to acknowledge. */
function askOfficerToAcknowledge(context: MistakenPostContext, escalated: boolean): NotifyOf<MistakenPostEmails> {
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

function taskDeadline(task: PlannedTask, taskIndex: number): SetDeadlineParams {
  return {
    key: taskDeadlineKey(taskIndex),
    eventType: "TASK_OVERDUE",
    dueAt: task.dueAt,
    description: `${task.owner.name}: ${task.title}`,
    eventFields: { taskIndex },
  };
}

const seniorLeaderIds = (context: MistakenPostContext) => context.policy.seniorLeaders.map((leader) => leader.id);

function responseReady(response: OrganisationResponse | null): boolean {
  const checks = response?.checks;
  return Boolean(
    checks && checks.transparent && checks.sourcesCited && checks.notRushed && checks.focused && response?.toneSignedOffBy,
  );
}

const refusing = refusingGuards<MistakenPostContext, MistakenPostEvent>();

function heldPostRecord(event: { postId: number; by: ActingPerson; at: string }, decision: HeldPostRecord["decision"], from: HeldPostRecord["from"]): HeldPostRecord {
  return { postId: event.postId, decision, by: personOf(event.by), at: event.at, from };
}

export const mistakenPostMachine = setup({
  types: {
    input: {} as MistakenPostInput,
    context: {} as MistakenPostContext,
    events: {} as MistakenPostEvent,
  },
  actions: {
    ...effectActions,
    notify: notifyOf<MistakenPostEmails>(),
    askNextOfficer: assign({ askedIndex: ({ context }) => context.askedIndex + 1 }),
    setTaskStatus: assign({
      tasks: ({ context, event }) =>
        event.type === "UPDATE_TASK"
          ? context.tasks.map((task, index) => (index === event.taskIndex ? { ...task, status: event.status } : task))
          : context.tasks,
    }),
  },
  guards: {
    /** The officer asked now, or anyone asked before them (a manager back from a meeting). */
    isAskedOfficer: refusing(
      acknowledgementRefusal,
      ({ context, event }) =>
        event.type === "ACKNOWLEDGE" && context.escalationChain.slice(0, context.askedIndex + 1).some((officer) => officer.id === event.by.id),
    ),
    hasMoreSeniorOfficer: ({ context }) => context.askedIndex + 1 < context.escalationChain.length,
    /** The member of staff who made the mistake, or Communications. */
    isReporterOrCommunications: refusing(
      REPORTER_OR_COMMUNICATIONS,
      ({ context, event }) => "by" in event && (event.by.id === context.reporter.id || isCommunications(event.by)),
    ),
    isCommunications: refusing(COMMUNICATIONS_ONLY, ({ event }) => "by" in event && isCommunications(event.by)),
    isOpen: refusing("This incident is closed; its record can no longer change.", ({ context }) => context.closingReview === null),
    /** Haringey 4.2.5 step 2: a screenshot is kept before a post is deleted. */
    hasScreenshot: refusing(
      "Attach a screenshot of the post before recording that it was deleted, so there is a record of what it said.",
      ({ context }) => context.screenshotCount > 0,
    ),
    crisisPlanNeeded: ({ context }) => context.assessment?.crisisPlanNeeded === true,
    willRespond: ({ context }) => context.assessment?.decision === "respond",
    hadCrisis: ({ context }) => context.crisisPlan !== null,
    crisisIsLive: refusing(
      "Tasks can only be added while a crisis plan is in force.",
      ({ context }) => context.crisisPlan !== null && context.standDown === null,
    ),
    taskMarkedDone: ({ event }) => event.type === "UPDATE_TASK" && event.status === "done",
    crisisNotStoodDown: refusing("The crisis has been stood down, so its tasks are closed.", ({ context }) => context.standDown === null),
    /** Communications, or the task's owner. */
    isCommunicationsOrTaskOwner: refusing(
      "Only Communications or the person who owns the task can update it.",
      ({ context, event }) =>
        event.type === "UPDATE_TASK" &&
        context.crisisPlan !== null &&
        context.tasks[event.taskIndex] !== undefined &&
        (isCommunications(event.by) || context.tasks[event.taskIndex].owner.id === event.by.id),
    ),
    taskIsStillOpen: ({ context, event }) =>
      event.type === "TASK_OVERDUE" && context.tasks[event.taskIndex]?.status !== "done" && context.standDown === null,
    hasDraft: refusing("Draft the response before doing the checks.", ({ context }) => context.response !== null),
    checksDone: refusing("Do the “before you respond” checks before the tone is signed off.", ({ context }) => Boolean(context.response?.checks)),
    /** Appendix "before you respond": the tone is checked by a second member of Communications. */
    isNotTheDrafter: refusing(
      "The tone must be signed off by a second member of Communications, not the person who drafted the response.",
      ({ context, event }) => "by" in event && context.response !== null && context.response.drafter.id !== event.by.id,
    ),
    responseIsReady: refusing(
      "The response cannot be marked as sent until the “before you respond” checks are done and a second member of Communications has signed off the tone.",
      ({ context }) => responseReady(context.response),
    ),
  },
}).createMachine({
  id: "mistakenPost",
  context: ({ input }) => ({
    ...input,
    askedIndex: 0,
    acknowledgedBy: null,
    acknowledgedAt: null,
    chainExhausted: false,
    screenshotCount: 0,
    deletion: null,
    assessment: null,
    crisisPlan: null,
    crisisPlanDraft: null,
    tasks: [],
    leaderDecision: null,
    response: null,
    standDown: null,
    heldPostReviews: [],
    closingReview: null,
  }),
  initial: "awaitingAcknowledgement",
  entry: [
    { type: "notify", params: ({ context }) => askOfficerToAcknowledge(context, false) },
    { type: "notify", params: () => ({ template: "mistaken-post-reported", to: { kind: "role", role: "communications" } }) },
    { type: "setDeadline", params: ({ context }) => acknowledgementDeadline(context, context.reportedAt) },
  ],
  // Evidence can be added at any step until the incident is closed; crisis tasks are kept up
  // to date for as long as the crisis is live.
  on: {
    ATTACH_SCREENSHOT: {
      // A closed incident is refused as closed, whoever asks.
      guard: and(["isOpen", "isReporterOrCommunications"]),
      actions: [
        assign({ screenshotCount: ({ context }) => context.screenshotCount + 1 }),
        { type: "recordEvidence", params: ({ event }) => event.file },
      ],
    },
    // A post this incident's pause holds may be cancelled or changed from its channel page at any
    // time: the change is made in this event's transaction and recorded here.
    HELD_POST_CANCELLED_FROM_CHANNEL: {
      guard: and(["isOpen", "isCommunications"]),
      actions: [
        assign({ heldPostReviews: ({ context, event }) => [...context.heldPostReviews, heldPostRecord(event, "cancel", "channel-page")] }),
        { type: "reviewHeldPost", params: ({ event }) => ({ postId: event.postId, decision: "cancel" as const, body: null }) },
      ],
    },
    HELD_POST_EDITED_FROM_CHANNEL: {
      guard: and(["isOpen", "isCommunications"]),
      actions: [
        assign({ heldPostReviews: ({ context, event }) => [...context.heldPostReviews, heldPostRecord(event, "edited-still-held", "channel-page")] }),
        {
          type: "editHeldPost",
          params: ({ event }) => ({ postId: event.postId, channelId: event.channelId, body: event.body, scheduledFor: event.scheduledFor }),
        },
      ],
    },
    ADD_TASK: {
      guard: and(["crisisIsLive", "isCommunications"]),
      actions: [
        assign({
          tasks: ({ context, event }) => [
            ...context.tasks,
            { title: event.title, owner: event.owner, dueAt: event.dueAt, status: "not_started" as const, overdue: false },
          ],
        }),
        { type: "setDeadline", params: ({ context }) => taskDeadline(context.tasks.at(-1)!, context.tasks.length - 1) },
        {
          type: "notify",
          params: ({ context }) => ({
            template: "crisis-task-assigned",
            to: { kind: "people", personIds: [context.tasks.at(-1)!.owner.id] },
            data: { taskIndex: context.tasks.length - 1 },
          }),
        },
      ],
    },
    UPDATE_TASK: [
      {
        guard: and(["crisisNotStoodDown", "isCommunicationsOrTaskOwner", "taskMarkedDone"]),
        actions: [
          "setTaskStatus",
          { type: "cancelDeadline", params: ({ event }) => ({ key: taskDeadlineKey(event.taskIndex) }) },
        ],
      },
      { guard: and(["crisisNotStoodDown", "isCommunicationsOrTaskOwner"]), actions: "setTaskStatus" },
    ],
    TASK_OVERDUE: {
      guard: "taskIsStillOpen",
      actions: [
        assign({
          tasks: ({ context, event }) =>
            context.tasks.map((task, index) => (index === event.taskIndex ? { ...task, overdue: true } : task)),
        }),
        {
          type: "notify",
          params: ({ context, event }) => ({
            template: "crisis-task-overdue",
            to: { kind: "people", personIds: [context.tasks[event.taskIndex].owner.id, ...seniorLeaderIds(context).slice(0, 1)] },
            data: { taskIndex: event.taskIndex },
          }),
        },
      ],
    },
  },
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
          target: "deletion",
          actions: [
            assign({ acknowledgedBy: ({ event }) => personOf(event.by), acknowledgedAt: ({ event }) => event.at }),
            { type: "cancelDeadline", params: { key: ACKNOWLEDGEMENT_DEADLINE } },
            {
              type: "notify",
              params: ({ context }) => ({ template: "incident-acknowledged", to: { kind: "people", personIds: [context.reporter.id] } }),
            },
          ],
        },
        ACKNOWLEDGEMENT_OVERDUE: [
          {
            guard: "hasMoreSeniorOfficer",
            actions: [
              "askNextOfficer",
              { type: "notify", params: ({ context }) => askOfficerToAcknowledge(context, true) },
              // The deadline is the new officer's alone: the one before them being late does not make them late.
              { type: "setDeadline", params: ({ context, event }) => ({ ...acknowledgementDeadline(context, event.at), askedAfresh: true }) },
            ],
          },
          {
            // Nobody above is left to ask: Communications are told so they can chase it.
            actions: [
              assign({ chainExhausted: true }),
              { type: "notify", params: () => ({ template: "acknowledgement-missed", to: { kind: "role", role: "communications" } }) },
            ],
          },
        ],
      },
    },
    deletion: {
      meta: {
        title: "Delete the post if possible",
        guidance:
          "Take a screenshot of the post first and attach it here, so there is a record of exactly what was said. Then delete the post if you can and it is appropriate, and record it. If it was not deleted, record why.",
        actor: "The member of staff who made the post, or Communications",
        source: "Haringey practice notes 4.2.5, step 2",
      } satisfies StepMeta,
      on: {
        RECORD_DELETED: {
          guard: and(["isReporterOrCommunications", "hasScreenshot"]),
          target: "riskAssessment",
          actions: assign({
            deletion: ({ event }) => ({
              outcome: "deleted" as const,
              deletedAt: event.deletedAt,
              note: event.note ?? null,
              recordedBy: personOf(event.by),
            }),
          }),
        },
        RECORD_NOT_DELETED: {
          guard: "isReporterOrCommunications",
          target: "riskAssessment",
          actions: assign({
            deletion: ({ event }) => ({
              outcome: "not_deleted" as const,
              reason: event.reason,
              explanation: event.explanation,
              recordedBy: personOf(event.by),
            }),
          }),
        },
      },
    },
    riskAssessment: {
      meta: {
        title: "Assess the reputational risk",
        guidance:
          "Communications judge how likely it is to spread, how much harm it could do and how far it could reach, note anything that makes it worse, and decide: respond as the organisation, investigate, or do not engage. Senior leaders are told when the severity calls for it.",
        actor: "Communications",
        source: "Haringey practice notes 4.2.5, steps 1 and 3",
      } satisfies StepMeta,
      on: {
        ASSESS_RISK: {
          guard: "isCommunications",
          target: "crisisPlan",
          actions: [
            assign({
              assessment: ({ context, event }) => {
                const severity = severityOf(event);
                return {
                  likelihood: event.likelihood,
                  impact: event.impact,
                  reach: event.reach,
                  factors: event.factors,
                  decision: event.decision,
                  rationale: event.rationale,
                  crisisPlanNeeded: event.crisisPlanNeeded,
                  severity,
                  assessedBy: personOf(event.by),
                  assessedAt: event.at,
                  seniorLeadersNotified: isAtLeast(severity, context.policy.notifySeniorLeadersFrom),
                };
              },
            }),
            {
              // Haringey 4.2.5 step 1: Communications assess severity and tell the Head of
              // Communications, the Assistant Director and the Chief Executive if necessary.
              type: "notify",
              params: ({ context }) => ({
                template: "senior-leaders-notified",
                to: { kind: "people", personIds: context.assessment?.seniorLeadersNotified ? seniorLeaderIds(context) : [] },
              }),
            },
          ],
        },
      },
    },
    crisisPlan: {
      meta: {
        title: "Make a crisis communication plan",
        guidance:
          "Write the holding statement, name the spokesperson, the audiences and the channels affected, set a review time and the tasks. Making the plan stops the scheduled posts on the chosen channels at once.",
        actor: "Communications",
        source: "Haringey practice notes 4.2.5, step 4",
      } satisfies StepMeta,
      always: { guard: not("crisisPlanNeeded"), target: "leaderAwareness" },
      on: {
        // Fills the plan's holding statement and tasks from the administrator's template, due
        // from now; they are checked and changed on the plan's form before it is put in force.
        USE_CRISIS_TEMPLATE: {
          guard: "isCommunications",
          actions: assign({
            crisisPlanDraft: ({ event }) => ({
              holdingStatement: event.holdingStatement,
              tasks: event.tasks.map((task) => ({ title: task.title, owner: task.owner, dueAt: addMinutes(event.at, task.dueInMinutes) })),
              by: personOf(event.by),
              at: event.at,
            }),
          }),
        },
        CREATE_CRISIS_PLAN: {
          guard: "isCommunications",
          target: "leaderAwareness",
          actions: [
            assign({
              crisisPlan: ({ event }) => ({
                holdingStatement: event.holdingStatement,
                spokesperson: event.spokesperson,
                audiences: event.audiences,
                channels: event.channels,
                channelNames: event.channelNames,
                reviewAt: event.reviewAt,
                createdBy: personOf(event.by),
                createdAt: event.at,
              }),
              crisisPlanDraft: null,
              tasks: ({ event }) => event.tasks.map((task) => ({ ...task, status: "not_started" as const, overdue: false })),
            }),
            {
              type: "pauseChannels",
              params: ({ event }) => ({ channels: event.channels, reason: `Crisis plan: ${event.holdingStatement.slice(0, 200)}` }),
            },
            { type: "setDeadlines", params: ({ context }) => ({ deadlines: context.tasks.map(taskDeadline) }) },
            {
              type: "notify",
              params: ({ context }) => ({
                template: "crisis-plan-in-force",
                to: { kind: "people", personIds: [...new Set([...seniorLeaderIds(context), ...context.tasks.map((task) => task.owner.id)])] },
              }),
            },
          ],
        },
      },
    },
    leaderAwareness: {
      meta: {
        title: "Make the Leader aware if it could become a reputational issue",
        guidance:
          "If this looks likely to become a reputational issue, tell the Leader now. Otherwise record why that is not needed.",
        actor: "Communications",
        source: "Haringey practice notes 4.2.5, step 5",
      } satisfies StepMeta,
      on: {
        MAKE_LEADER_AWARE: {
          guard: "isCommunications",
          target: "responding",
          actions: [
            assign({
              leaderDecision: ({ event }) => ({ decision: "made_aware" as const, summary: event.summary, by: personOf(event.by), at: event.at }),
            }),
            {
              type: "notify",
              params: ({ context }) => ({
                template: "leader-made-aware",
                to: { kind: "people", personIds: context.policy.leader ? [context.policy.leader.id] : [] },
              }),
            },
          ],
        },
        LEADER_NOT_NEEDED: {
          guard: "isCommunications",
          target: "responding",
          actions: assign({
            leaderDecision: ({ event }) => ({ decision: "not_needed" as const, reason: event.reason, by: personOf(event.by), at: event.at }),
          }),
        },
      },
    },
    responding: {
      meta: {
        title: "Respond as the organisation",
        guidance:
          "Draft the response here. Before it goes out: be open about our connection, cite sources, do not rush, stay focused, and have a second member of Communications check the tone and sign it off.",
        actor: "Communications (a second officer signs off the tone)",
        source: "Haringey practice notes 4.2.5, step 3, and the appendix “before you respond”",
      } satisfies StepMeta,
      always: { guard: not("willRespond"), target: "standingDown" },
      on: {
        DRAFT_RESPONSE: {
          guard: "isCommunications",
          // A changed draft needs its checks and tone sign-off again.
          actions: assign({
            response: ({ event }) => ({
              text: event.text,
              drafter: personOf(event.by),
              draftedAt: event.at,
              checks: null,
              toneSignedOffBy: null,
              sentAt: null,
              where: null,
            }),
          }),
        },
        CONFIRM_CHECKS: {
          guard: and(["isCommunications", "hasDraft"]),
          actions: [
            assign({
              response: ({ context, event }) => ({
                ...context.response!,
                checks: {
                  transparent: event.transparent,
                  sourcesCited: event.sourcesCited,
                  notRushed: event.notRushed,
                  focused: event.focused,
                },
              }),
            }),
            {
              type: "notify",
              params: () => ({ template: "response-tone-check", to: { kind: "role", role: "communications" } }),
            },
          ],
        },
        SIGN_OFF_TONE: {
          guard: and(["isCommunications", "checksDone", "isNotTheDrafter"]),
          actions: assign({
            response: ({ context, event }) => ({ ...context.response!, toneSignedOffBy: personOf(event.by) }),
          }),
        },
        MARK_RESPONSE_SENT: {
          guard: and(["isCommunications", "responseIsReady"]),
          target: "standingDown",
          actions: assign({
            response: ({ context, event }) => ({ ...context.response!, sentAt: event.at, where: event.where }),
          }),
        },
      },
    },
    standingDown: {
      meta: {
        title: "Stand down the crisis",
        guidance:
          "When the crisis is over, stand it down. The posts held by the pause are then reviewed one by one before the schedule runs again.",
        actor: "Communications",
        source: "Haringey practice notes 4.2.5, step 4",
      } satisfies StepMeta,
      // Without a crisis plan nothing was paused, so there is nothing to stand down.
      always: { guard: not("hadCrisis"), target: "closingReview" },
      on: {
        STAND_DOWN: {
          guard: "isCommunications",
          target: "reviewingHeldPosts",
          actions: [
            assign({ standDown: ({ event }) => ({ summary: event.summary, by: personOf(event.by), at: event.at }) }),
            {
              type: "cancelDeadlines",
              params: ({ context }) => ({ keys: context.tasks.map((_, index) => taskDeadlineKey(index)) }),
            },
            {
              type: "notify",
              params: ({ context }) => ({ template: "crisis-stood-down", to: { kind: "people", personIds: seniorLeaderIds(context) } }),
            },
          ],
        },
      },
    },
    reviewingHeldPosts: {
      meta: {
        title: "Review the held posts, then resume the schedule",
        guidance:
          "Each post held by the pause is released, edited and released, or cancelled, one by one or all the rest together. The schedule runs again only when none is left to review.",
        actor: "Communications",
        source: "Haringey practice notes 4.2.5, step 4",
      } satisfies StepMeta,
      on: {
        REVIEW_HELD_POST: {
          guard: "isCommunications",
          actions: [
            assign({
              heldPostReviews: ({ context, event }) => [...context.heldPostReviews, heldPostRecord(event, event.decision, "incident")],
            }),
            { type: "reviewHeldPost", params: ({ event }) => ({ postId: event.postId, decision: event.decision, body: event.body ?? null }) },
          ],
        },
        // "Release all the rest" or "cancel all the rest": the posts listed on the page, each
        // decided the same way in one change.
        DECIDE_REMAINING_HELD_POSTS: {
          guard: "isCommunications",
          actions: [
            assign({
              heldPostReviews: ({ context, event }) => [
                ...context.heldPostReviews,
                ...event.postIds.map((postId) => heldPostRecord({ ...event, postId }, event.decision, "incident")),
              ],
            }),
            enqueueActions(({ event, enqueue }) => {
              if (event.type !== "DECIDE_REMAINING_HELD_POSTS") return;
              for (const postId of event.postIds) enqueue({ type: "reviewHeldPost", params: { postId, decision: event.decision, body: null } });
            }),
          ],
        },
        RESUME_SCHEDULE: {
          guard: "isCommunications",
          target: "closingReview",
          actions: { type: "resumeChannels", params: {} },
        },
      },
    },
    closingReview: {
      meta: {
        title: "Close with a short review",
        guidance: "Record what happened, what we learned, and the follow-up actions with their owners.",
        actor: "Communications",
        source: "Haringey practice notes 4.2.5",
      } satisfies StepMeta,
      on: {
        CLOSE: {
          guard: "isCommunications",
          target: "closed",
          actions: [
            assign({
              closingReview: ({ event }) => ({
                whatHappened: event.whatHappened,
                lessons: event.lessons,
                followUps: event.followUps,
                by: personOf(event.by),
                at: event.at,
              }),
            }),
            {
              type: "notify",
              params: ({ context }) => ({ template: "incident-closed", to: { kind: "people", personIds: [context.reporter.id] } }),
            },
          ],
        },
      },
    },
    closed: {
      type: "final",
      meta: {
        title: "Closed",
        guidance: "The procedure is complete. The timeline and the review stay here as the record.",
        actor: "Nobody: the record is kept",
        source: "Haringey practice notes 4.2.5",
      } satisfies StepMeta,
    },
  },
});

/**
 * Everyone the procedure has brought in, beyond the reporter, their managers and
 * Communications (who see every mistaken post): the officers asked to acknowledge, the senior leaders and the Leader once
 * told, and the owners of crisis tasks. They may read the incident they were emailed about.
 */
export function mistakenPostAccess(context: MistakenPostContext): IncidentAccess {
  return {
    personIds: [
      context.reporter.id,
      ...context.escalationChain.map((officer) => officer.id),
      ...(context.assessment?.seniorLeadersNotified ? context.policy.seniorLeaders.map((leader) => leader.id) : []),
      ...(context.leaderDecision?.decision === "made_aware" && context.policy.leader ? [context.policy.leader.id] : []),
      ...context.tasks.map((task) => task.owner.id),
    ],
    // Communications read every mistaken post (the path's readersByRole).
    roles: [],
  };
}
