import { describe, expect, it } from "vitest";
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { getShortestPaths, getSimplePaths } from "xstate/graph";
import {
  mistakenPostMachine,
  mistakenPostPath,
  mistakenPostReadModel,
  type MistakenPostEvent,
  type MistakenPostInput,
} from "../../machines/mistaken-post";
import { eventsAllowed, explainRefusal, listSteps, machineStateOf, type ActingPerson } from "../../machines/kit";
import { mayDo } from "../helpers/read-model";

type Snapshot = SnapshotFrom<typeof mistakenPostMachine>;

const REPORTED_AT = "2026-11-20T16:55:00.000Z";
const at = (minutes: number) => new Date(Date.parse(REPORTED_AT) + minutes * 60_000).toISOString();

const person = (id: number, name: string, roles: string[] = ["staff"]): ActingPerson => ({ id, name, roles });
const reporter = person(1, "Jo Lee");
const manager = person(2, "Owen Price");
const head = person(3, "Helen Ward");
const director = person(4, "Marcus Bell");
const comms = person(5, "Ellie Marsh", ["staff", "communications"]);
const secondComms = person(6, "Sam Patel", ["staff", "communications"]);
const headOfComms = { id: 7, name: "Dan Okafor" };
const chiefExecutive = { id: 8, name: "Ruth Adeyemi" };
const leader = { id: 9, name: "Cllr Tom Reilly" };
const officer = ({ id, name }: ActingPerson) => ({ id, name });

const input: MistakenPostInput = {
  reportedAt: REPORTED_AT,
  reporter: officer(reporter),
  escalationChain: [manager, head, director].map(officer),
  acknowledgementMinutes: 15,
  post: {
    platform: "Facebook",
    account: "@EastbridgeLibraries",
    link: null,
    postedAt: "2026-11-20T16:50:00.000Z",
    whatHappened: "Posted the closure notice for the wrong library.",
  },
  policy: { seniorLeaders: [headOfComms, chiefExecutive], notifySeniorLeadersFrom: "high", leader },
};

const screenshot = { originalName: "post.png", mediaType: "image/png", sizeBytes: 1200, sha256: "a".repeat(64), storagePath: "2026/11/x" };

type AssessRisk = Extract<MistakenPostEvent, { type: "ASSESS_RISK" }>;
const assessment = (overrides: Partial<AssessRisk> = {}): AssessRisk => ({
    type: "ASSESS_RISK",
    at: at(30),
    by: comms,
    likelihood: 4,
    impact: 4,
    reach: 3,
    factors: [],
    decision: "respond",
    rationale: "Residents are already sharing it.",
    crisisPlanNeeded: true,
    ...overrides,
  });

const crisisPlan: Extract<MistakenPostEvent, { type: "CREATE_CRISIS_PLAN" }> = {
  type: "CREATE_CRISIS_PLAN",
  at: at(40),
  by: comms,
  holdingStatement: "We are aware of an incorrect post and are putting it right.",
  spokesperson: "Dan Okafor",
  audiences: "Library users, ward councillors",
  channels: [1, 2],
  channelNames: ["@EastbridgeCouncil", "@EastbridgeLibraries"],
  reviewAt: at(120),
  tasks: [{ title: "Brief the library staff", owner: officer(secondComms), dueAt: at(70) }],
};

const useTemplate: Extract<MistakenPostEvent, { type: "USE_CRISIS_TEMPLATE" }> = {
  type: "USE_CRISIS_TEMPLATE",
  at: at(35),
  by: comms,
  holdingStatement: "We are aware of a post that should not have been published.",
  tasks: [
    { title: "Tell the contact centre", owner: officer(secondComms), dueInMinutes: 30 },
    { title: "Brief the senior leadership team", owner: headOfComms, dueInMinutes: 120 },
  ],
};

/** Replays events from the start, failing loudly if any is refused. */
function run(...events: MistakenPostEvent[]): { snapshot: Snapshot; actions: { type: string; params?: unknown }[] } {
  let [snapshot, actions] = initialTransition(mistakenPostMachine, input);
  for (const event of events) {
    expect(snapshot.can(event), `${event.type} refused at ${String(snapshot.value)}`).toBe(true);
    [snapshot, actions] = transition(mistakenPostMachine, snapshot, event);
  }
  return { snapshot, actions: actions.map((action) => ({ type: action.type, params: action.params })) };
}

const acknowledged = [{ type: "ACKNOWLEDGE", at: at(4), by: manager }] as MistakenPostEvent[];
const deleted = [
  ...acknowledged,
  { type: "ATTACH_SCREENSHOT", at: at(5), by: reporter, file: screenshot },
  { type: "RECORD_DELETED", at: at(6), by: reporter, deletedAt: at(6) },
] as MistakenPostEvent[];
const responseSignedOff = [
  { type: "DRAFT_RESPONSE", at: at(50), by: comms, text: "We posted this in error and have removed it. Sorry for any confusion." },
  { type: "CONFIRM_CHECKS", at: at(55), by: comms, transparent: true, sourcesCited: true, notRushed: true, focused: true },
  { type: "SIGN_OFF_TONE", at: at(60), by: secondComms },
] as MistakenPostEvent[];
const review: Extract<MistakenPostEvent, { type: "CLOSE" }> = {
  type: "CLOSE",
  at: at(300),
  by: comms,
  whatHappened: "Wrong notice",
  lessons: "Check the library name",
  followUps: [{ action: "Template with a checklist", owner: "Ellie Marsh" }],
};

/**
 * The events a graph walk tries at each step: each kind of person for each step, so the walk
 * meets the guards both ways.
 */
function candidateEvents(snapshot: Snapshot): MistakenPostEvent[] {
  switch (snapshot.value) {
    case "awaitingAcknowledgement":
      return [
        { type: "ACKNOWLEDGE", at: at(5), by: manager },
        { type: "ACKNOWLEDGE", at: at(5), by: comms },
        { type: "ACKNOWLEDGEMENT_OVERDUE", at: at(15) },
      ];
    case "deletion":
      return [
        { type: "RECORD_DELETED", at: at(6), by: reporter, deletedAt: at(6) },
        { type: "ATTACH_SCREENSHOT", at: at(5), by: reporter, file: screenshot },
        { type: "RECORD_NOT_DELETED", at: at(6), by: comms, reason: "told_to_keep", explanation: "Legal asked us to keep it" },
        { type: "RECORD_NOT_DELETED", at: at(6), by: manager, reason: "not_possible", explanation: "No access" },
      ];
    case "riskAssessment":
      return [
        assessment(),
        assessment({ crisisPlanNeeded: false }),
        assessment({ decision: "do_not_engage", crisisPlanNeeded: false, likelihood: 1, impact: 1, reach: 1 }),
        assessment({ decision: "investigate", crisisPlanNeeded: true }),
        assessment({ by: reporter }),
      ];
    case "crisisPlan":
      return [crisisPlan, { ...crisisPlan, by: reporter }, useTemplate, { ...useTemplate, by: reporter }];
    case "leaderAwareness":
      return [
        { type: "MAKE_LEADER_AWARE", at: at(45), by: comms, summary: "Could reach the local paper" },
        { type: "LEADER_NOT_NEEDED", at: at(45), by: comms, reason: "Contained to a few followers" },
      ];
    case "responding":
      return [
        ...responseSignedOff,
        { type: "SIGN_OFF_TONE", at: at(60), by: comms },
        { type: "MARK_RESPONSE_SENT", at: at(65), by: comms, where: "Reply under the original post" },
      ];
    case "standingDown":
      return [
        { type: "STAND_DOWN", at: at(200), by: comms, summary: "Coverage has stopped" },
        { type: "UPDATE_TASK", at: at(100), by: secondComms, taskIndex: 0, status: "done" },
        { type: "TASK_OVERDUE", at: at(70), taskIndex: 0 },
        { type: "HELD_POST_CANCELLED_FROM_CHANNEL", at: at(100), by: reporter, postId: 12, note: "Library opening hours" },
      ];
    case "reviewingHeldPosts":
      return [
        { type: "REVIEW_HELD_POST", at: at(210), by: comms, postId: 11, decision: "release" },
        { type: "DECIDE_REMAINING_HELD_POSTS", at: at(210), by: comms, decision: "cancel", postIds: [11, 12] },
        { type: "DECIDE_REMAINING_HELD_POSTS", at: at(210), by: reporter, decision: "release", postIds: [11, 12] },
        { type: "RESUME_SCHEDULE", at: at(220), by: comms },
      ];
    case "closingReview":
      return [review, { ...review, by: reporter }];
    default:
      return [];
  }
}

/** What makes two snapshots different for the walk: the step and the facts guards depend on. */
function branchKey(snapshot: Snapshot): string {
  const { context } = snapshot;
  return JSON.stringify({
    step: snapshot.value,
    asked: context.askedIndex,
    exhausted: context.chainExhausted,
    screenshot: context.screenshotCount > 0,
    decision: context.assessment?.decision,
    crisis: context.crisisPlan !== null,
    response: context.response && [Boolean(context.response.checks), Boolean(context.response.toneSignedOffBy)],
    taskDone: context.tasks.map((task) => task.status === "done" || task.overdue),
    reviewed: context.heldPostReviews.length > 0,
  });
}

describe("mistaken post machine: every path (xstate/graph)", () => {
  const paths = getSimplePaths(mistakenPostMachine, { input, events: candidateEvents, serializeState: branchKey });

  it("reaches every step it defines", () => {
    const reached = new Set(paths.map((path) => String(path.state.value)));
    expect([...reached].sort()).toEqual(listSteps(mistakenPostMachine).map((step) => step.id).sort());
  });

  it("closes along each of the four routes through the procedure", () => {
    const routes = new Set(
      paths
        .filter((path) => path.state.value === "closed")
        .map(({ state }) => `${state.context.crisisPlan ? "crisis" : "no crisis"}, ${state.context.response?.sentAt ? "responded" : "no response"}`),
    );
    expect([...routes].sort()).toEqual(["crisis, no response", "crisis, responded", "no crisis, no response", "no crisis, responded"]);
  });

  it("on every path, the guards hold: who acts, screenshot before deletion, tone signed off by someone else", () => {
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) {
      let [snapshot] = initialTransition(mistakenPostMachine, input);
      for (const step of path.steps.slice(1)) {
        const event = step.event as MistakenPostEvent;
        const before = snapshot;
        [snapshot] = transition(mistakenPostMachine, snapshot, event);
        const moved = snapshot.value !== before.value;
        if (event.type === "RECORD_DELETED" && moved) expect(before.context.screenshotCount).toBeGreaterThan(0);
        if (event.type === "SIGN_OFF_TONE" && snapshot.context.response?.toneSignedOffBy) {
          expect(snapshot.context.response.toneSignedOffBy.id).not.toBe(snapshot.context.response.drafter.id);
        }
        if (event.type === "MARK_RESPONSE_SENT" && moved) expect(before.context.response?.toneSignedOffBy).not.toBeNull();
        if (moved && "by" in event && before.value !== "awaitingAcknowledgement" && before.value !== "deletion") {
          expect(event.by.roles).toContain("communications");
        }
        // A held post is decided, and the template used, only by Communications, wherever it is done.
        const decidedPost = snapshot.context.heldPostReviews.length > before.context.heldPostReviews.length;
        const usedTemplate = Boolean(snapshot.context.crisisPlanDraft) && !before.context.crisisPlanDraft;
        if ((decidedPost || usedTemplate) && "by" in event) expect(event.by.roles).toContain("communications");
      }
    }
  });

  it("has a shortest path to closing that skips the crisis and the response", () => {
    const shortest = getShortestPaths(mistakenPostMachine, { input, events: candidateEvents, serializeState: branchKey });
    const toClosed = shortest.filter((path) => path.state.value === "closed").sort((a, b) => a.steps.length - b.steps.length)[0];
    expect(toClosed.steps.map((step) => step.event.type)).toEqual([
      "xstate.init",
      "ACKNOWLEDGE",
      "RECORD_NOT_DELETED",
      "ASSESS_RISK",
      "MAKE_LEADER_AWARE",
      "CLOSE",
    ]);
  });
});

describe("step 1: tell the line manager and Communications", () => {
  it("emails the line manager and Communications at once, and sets the acknowledgement deadline", () => {
    const { snapshot, actions } = run();
    expect(snapshot.value).toBe("awaitingAcknowledgement");
    expect(actions).toEqual([
      { type: "notify", params: { template: "acknowledgement-requested", to: { kind: "people", personIds: [manager.id] }, data: { escalated: false } } },
      { type: "notify", params: { template: "mistaken-post-reported", to: { kind: "role", role: "communications" } } },
      { type: "setDeadline", params: { key: "acknowledgement", eventType: "ACKNOWLEDGEMENT_OVERDUE", dueAt: at(15), description: "Owen Price to acknowledge" } },
    ]);
  });

  it("asks the next most senior officer when the deadline passes, with a fresh deadline from that moment", () => {
    const { snapshot, actions } = run({ type: "ACKNOWLEDGEMENT_OVERDUE", at: at(16) });
    expect(snapshot.context.askedIndex).toBe(1);
    expect(actions).toEqual([
      { type: "notify", params: { template: "acknowledgement-requested", to: { kind: "people", personIds: [head.id] }, data: { escalated: true } } },
      {
        type: "setDeadline",
        params: { key: "acknowledgement", eventType: "ACKNOWLEDGEMENT_OVERDUE", dueAt: at(31), description: "Helen Ward to acknowledge", askedAfresh: true },
      },
    ]);
  });

  it("tells Communications when nobody in the chain acknowledged, and stops escalating", () => {
    const overdue = (minutes: number) => ({ type: "ACKNOWLEDGEMENT_OVERDUE", at: at(minutes) }) as const;
    const { snapshot, actions } = run(overdue(15), overdue(30), overdue(45));
    expect(snapshot.context.chainExhausted).toBe(true);
    expect(actions).toEqual([{ type: "notify", params: { template: "acknowledgement-missed", to: { kind: "role", role: "communications" } } }]);
  });

  it("records who acknowledged, closes the deadline, tells the reporter and moves to deletion", () => {
    const { snapshot, actions } = run(...acknowledged);
    expect(snapshot.value).toBe("deletion");
    expect(snapshot.context.acknowledgedBy).toEqual(officer(manager));
    expect(actions).toEqual([
      { type: "cancelDeadline", params: { key: "acknowledgement" } },
      { type: "notify", params: { template: "incident-acknowledged", to: { kind: "people", personIds: [reporter.id] } } },
    ]);
  });

  it("refuses an acknowledgement from someone not asked, and a second one, saying why", () => {
    const { snapshot: start } = run();
    const stranger = { type: "ACKNOWLEDGE" as const, at: at(2), by: comms };
    expect(start.can(stranger)).toBe(false);
    expect(explainRefusal(mistakenPostPath, start, stranger)).toBe("Only Owen Price, who has been asked to acknowledge, can acknowledge this report.");
    const { snapshot: done } = run(...acknowledged);
    expect(explainRefusal(mistakenPostPath, done, { ...stranger, by: manager })).toBe("This report has already been acknowledged by Owen Price.");
  });
});

describe("step 2: delete if possible", () => {
  it("will not record a deletion until a screenshot is attached, and records the evidence facts", () => {
    const { snapshot } = run(...acknowledged);
    const deletion = { type: "RECORD_DELETED" as const, at: at(6), by: reporter, deletedAt: at(6) };
    expect(snapshot.can(deletion)).toBe(false);
    expect(explainRefusal(mistakenPostPath, snapshot, deletion)).toMatch(/Attach a screenshot of the post before/);
    const { snapshot: withScreenshot, actions } = run(...acknowledged, { type: "ATTACH_SCREENSHOT", at: at(5), by: reporter, file: screenshot });
    expect(actions).toEqual([{ type: "recordEvidence", params: screenshot }]);
    expect(withScreenshot.can(deletion)).toBe(true);
  });

  it("takes a reason when the post was not deleted", () => {
    const { snapshot } = run(...acknowledged, { type: "RECORD_NOT_DELETED", at: at(6), by: reporter, reason: "not_appropriate", explanation: "It is a reply to a resident" });
    expect(snapshot.value).toBe("riskAssessment");
    expect(snapshot.context.deletion).toMatchObject({ outcome: "not_deleted", reason: "not_appropriate" });
  });

  it("does not let the line manager record it for them", () => {
    const { snapshot } = run(...acknowledged);
    const event = { type: "RECORD_NOT_DELETED" as const, at: at(6), by: manager, reason: "not_possible" as const, explanation: "x" };
    expect(snapshot.can(event)).toBe(false);
    expect(explainRefusal(mistakenPostPath, snapshot, event)).toMatch(/Only the member of staff who reported this/);
  });
});

describe("step 3: the reputational risk assessment", () => {
  it("computes the severity and tells the senior leaders when it reaches the admin's threshold", () => {
    const { snapshot, actions } = run(...deleted, assessment());
    expect(snapshot.context.assessment).toMatchObject({ severity: "high", seniorLeadersNotified: true });
    expect(actions).toContainEqual({
      type: "notify",
      params: { template: "senior-leaders-notified", to: { kind: "people", personIds: [headOfComms.id, chiefExecutive.id] } },
    });
  });

  it("tells nobody senior below the threshold", () => {
    const { snapshot, actions } = run(...deleted, assessment({ likelihood: 1, impact: 2, reach: 1, crisisPlanNeeded: false }));
    expect(snapshot.context.assessment).toMatchObject({ severity: "low", seniorLeadersNotified: false });
    expect(actions).toContainEqual({ type: "notify", params: { template: "senior-leaders-notified", to: { kind: "people", personIds: [] } } });
    expect(snapshot.value).toBe("leaderAwareness");
  });

  it("is for Communications only", () => {
    const { snapshot } = run(...deleted);
    expect(snapshot.can(assessment({ by: reporter }))).toBe(false);
    expect(explainRefusal(mistakenPostPath, snapshot, assessment({ by: reporter }))).toBe("Only the Communications team can do this.");
  });
});

describe("step 4: the crisis plan", () => {
  it("stops the scheduled posts of the chosen channels, sets each task's deadline and tells the people involved", () => {
    const { snapshot, actions } = run(...deleted, assessment(), crisisPlan);
    expect(snapshot.value).toBe("leaderAwareness");
    expect(actions.map((action) => action.type)).toEqual(["pauseChannels", "setDeadlines", "notify"]);
    expect(actions[0].params).toMatchObject({ channels: [1, 2] });
    expect(actions[1].params).toEqual({
      deadlines: [{ key: "task-0", eventType: "TASK_OVERDUE", dueAt: at(70), description: "Sam Patel: Brief the library staff", eventFields: { taskIndex: 0 } }],
    });
  });

  it("marks an overdue task and escalates it to its owner and the first senior leader", () => {
    const { snapshot, actions } = run(...deleted, assessment(), crisisPlan, { type: "TASK_OVERDUE", at: at(71), taskIndex: 0 });
    expect(snapshot.context.tasks[0].overdue).toBe(true);
    expect(actions).toContainEqual({
      type: "notify",
      params: { template: "crisis-task-overdue", to: { kind: "people", personIds: [secondComms.id, headOfComms.id] }, data: { taskIndex: 0 } },
    });
  });

  it("lets the task owner mark it done, which closes its deadline; a stranger cannot", () => {
    const base = [...deleted, assessment(), crisisPlan] as MistakenPostEvent[];
    const done = { type: "UPDATE_TASK" as const, at: at(65), by: secondComms, taskIndex: 0, status: "done" as const };
    const { snapshot, actions } = run(...base, done);
    expect(snapshot.context.tasks[0].status).toBe("done");
    expect(actions).toContainEqual({ type: "cancelDeadline", params: { key: "task-0" } });
    expect(run(...base).snapshot.can({ ...done, by: reporter })).toBe(false);
  });

  it("fills the plan's holding statement and tasks from the crisis template, each due its offset after it is used, and stops nothing yet", () => {
    const { snapshot, actions } = run(...deleted, assessment(), useTemplate);
    expect(snapshot.value).toBe("crisisPlan");
    expect(actions).toEqual([]);
    expect(snapshot.context.crisisPlanDraft).toEqual({
      holdingStatement: "We are aware of a post that should not have been published.",
      tasks: [
        { title: "Tell the contact centre", owner: officer(secondComms), dueAt: at(65) },
        { title: "Brief the senior leadership team", owner: headOfComms, dueAt: at(155) },
      ],
      by: officer(comms),
      at: at(35),
    });
    // Putting the plan in force takes what the form sends; the draft has done its work.
    expect(run(...deleted, assessment(), useTemplate, crisisPlan).snapshot.context.crisisPlanDraft).toBeNull();
    expect(run(...deleted, assessment()).snapshot.can({ ...useTemplate, by: reporter })).toBe(false);
    expect(explainRefusal(mistakenPostPath, run(...deleted, assessment()).snapshot, { ...useTemplate, by: manager })).toBe("Only the Communications team can do this.");
  });

  it("records a held post cancelled from the channel page, and cancels it in the same change, while the crisis is live", () => {
    const cancelled = { type: "HELD_POST_CANCELLED_FROM_CHANNEL" as const, at: at(50), by: comms, postId: 12, note: "Library opening hours" };
    const { snapshot, actions } = run(...deleted, assessment(), crisisPlan, cancelled);
    expect(snapshot.value).toBe("leaderAwareness");
    expect(actions).toEqual([{ type: "reviewHeldPost", params: { postId: 12, decision: "cancel", body: null } }]);
    expect(snapshot.context.heldPostReviews).toEqual([{ postId: 12, decision: "cancel", by: officer(comms), at: at(50), from: "channel-page" }]);
    const edited = run(...deleted, assessment(), crisisPlan, {
      type: "HELD_POST_EDITED_FROM_CHANNEL",
      at: at(51),
      by: comms,
      postId: 12,
      channelId: 2,
      body: "Opening hours from Monday",
      scheduledFor: at(500),
      note: "Library opening hours",
    });
    expect(edited.actions).toEqual([{ type: "editHeldPost", params: { postId: 12, channelId: 2, body: "Opening hours from Monday", scheduledFor: at(500) } }]);
    expect(edited.snapshot.context.heldPostReviews[0]).toMatchObject({ decision: "edited-still-held", from: "channel-page" });
    expect(run(...deleted, assessment(), crisisPlan).snapshot.can({ ...cancelled, by: secondComms })).toBe(true);
    expect(run(...deleted, assessment(), crisisPlan).snapshot.can({ ...cancelled, by: reporter })).toBe(false);
  });

  it("is skipped when the assessment says no plan is needed", () => {
    expect(run(...deleted, assessment({ crisisPlanNeeded: false })).snapshot.value).toBe("leaderAwareness");
  });
});

describe("steps 5 and 6: the Leader, and responding as the organisation", () => {
  const toResponding = [...deleted, assessment(), crisisPlan, { type: "MAKE_LEADER_AWARE", at: at(45), by: comms, summary: "Local paper may pick it up" }] as MistakenPostEvent[];

  it("emails the Leader when made aware", () => {
    const { snapshot, actions } = run(...toResponding);
    expect(snapshot.value).toBe("responding");
    expect(actions).toContainEqual({ type: "notify", params: { template: "leader-made-aware", to: { kind: "people", personIds: [leader.id] } } });
  });

  it("will not mark the response sent before the checks and a second officer's tone sign-off", () => {
    const send = { type: "MARK_RESPONSE_SENT" as const, at: at(65), by: comms, where: "Reply" };
    const drafted = run(...toResponding, responseSignedOff[0], responseSignedOff[1]).snapshot;
    expect(drafted.can(send)).toBe(false);
    expect(explainRefusal(mistakenPostPath, drafted, send)).toMatch(/cannot be marked as sent until/);
    const selfSignOff = { type: "SIGN_OFF_TONE" as const, at: at(60), by: comms };
    expect(drafted.can(selfSignOff)).toBe(false);
    expect(explainRefusal(mistakenPostPath, drafted, selfSignOff)).toMatch(/second member of Communications, not the person who drafted/);
    const { snapshot } = run(...toResponding, ...responseSignedOff, send);
    expect(snapshot.value).toBe("standingDown");
  });

  it("needs the checks and the sign-off again when the draft changes", () => {
    const { snapshot } = run(...toResponding, ...responseSignedOff, { type: "DRAFT_RESPONSE", at: at(62), by: comms, text: "A new wording" });
    expect(snapshot.context.response).toMatchObject({ checks: null, toneSignedOffBy: null });
  });

  it("skips responding, and standing down, when Communications decided not to engage and made no plan", () => {
    const { snapshot } = run(
      ...deleted,
      assessment({ decision: "do_not_engage", crisisPlanNeeded: false }),
      { type: "LEADER_NOT_NEEDED", at: at(45), by: comms, reason: "Only three people saw it" },
    );
    expect(snapshot.value).toBe("closingReview");
  });
});

describe("step 7: standing down and the closing review", () => {
  const toStandDown = [
    ...deleted,
    assessment({ decision: "investigate" }),
    crisisPlan,
    { type: "LEADER_NOT_NEEDED", at: at(45), by: comms, reason: "Contained" },
  ] as MistakenPostEvent[];

  it("stands down, closes the task deadlines, reviews held posts one by one, then resumes the schedule", () => {
    const stoodDown = run(...toStandDown, { type: "STAND_DOWN", at: at(200), by: comms, summary: "Quiet again" });
    expect(stoodDown.snapshot.value).toBe("reviewingHeldPosts");
    expect(stoodDown.actions).toContainEqual({ type: "cancelDeadlines", params: { keys: ["task-0"] } });
    const reviewed = run(
      ...toStandDown,
      { type: "STAND_DOWN", at: at(200), by: comms, summary: "Quiet again" },
      { type: "REVIEW_HELD_POST", at: at(210), by: comms, postId: 11, decision: "edit-and-release", body: "New words" },
    );
    expect(reviewed.actions).toContainEqual({ type: "reviewHeldPost", params: { postId: 11, decision: "edit-and-release", body: "New words" } });
    const resumed = run(
      ...toStandDown,
      { type: "STAND_DOWN", at: at(200), by: comms, summary: "Quiet again" },
      { type: "RESUME_SCHEDULE", at: at(220), by: comms },
    );
    expect(resumed.actions).toEqual([{ type: "resumeChannels", params: {} }]);
    expect(resumed.snapshot.value).toBe("closingReview");
  });

  it("releases or cancels every held post left in one change, one effect each, recording each decision", () => {
    const stoodDown = [...toStandDown, { type: "STAND_DOWN", at: at(200), by: comms, summary: "Quiet again" }] as MistakenPostEvent[];
    const { snapshot, actions } = run(...stoodDown, { type: "DECIDE_REMAINING_HELD_POSTS", at: at(210), by: comms, decision: "release", postIds: [11, 12, 13] });
    expect(actions).toEqual([11, 12, 13].map((postId) => ({ type: "reviewHeldPost", params: { postId, decision: "release", body: null } })));
    expect(snapshot.context.heldPostReviews.map((review) => [review.postId, review.decision, review.from])).toEqual([
      [11, "release", "incident"],
      [12, "release", "incident"],
      [13, "release", "incident"],
    ]);
    expect(snapshot.value).toBe("reviewingHeldPosts");
    expect(run(...stoodDown).snapshot.can({ type: "DECIDE_REMAINING_HELD_POSTS", at: at(210), by: reporter, decision: "cancel", postIds: [11] })).toBe(false);
    // Before the stand-down the posts stay held: they are decided after it.
    expect(run(...toStandDown).snapshot.can({ type: "DECIDE_REMAINING_HELD_POSTS", at: at(150), by: comms, decision: "cancel", postIds: [11] })).toBe(false);
  });

  it("closes with the review and tells the reporter; nothing more is taken after", () => {
    const { snapshot, actions } = run(...toStandDown, { type: "STAND_DOWN", at: at(200), by: comms, summary: "Quiet" }, { type: "RESUME_SCHEDULE", at: at(220), by: comms }, review);
    expect(snapshot.status).toBe("done");
    expect(snapshot.context.closingReview?.followUps).toEqual([{ action: "Template with a checklist", owner: "Ellie Marsh" }]);
    expect(actions).toContainEqual({ type: "notify", params: { template: "incident-closed", to: { kind: "people", personIds: [reporter.id] } } });
    expect(snapshot.can({ type: "ATTACH_SCREENSHOT", at: at(301), by: comms, file: screenshot })).toBe(false);
    expect(snapshot.can({ type: "HELD_POST_CANCELLED_FROM_CHANNEL", at: at(301), by: comms, postId: 12, note: "x" })).toBe(false);
  });
});

describe("the machine as stored", () => {
  it("survives a round trip through JSON, as it does through the database", () => {
    const { snapshot } = run(...deleted, assessment());
    const stored = JSON.parse(JSON.stringify(mistakenPostMachine.getPersistedSnapshot(snapshot)));
    const restored = mistakenPostMachine.resolveState(stored);
    expect(restored.value).toBe("crisisPlan");
    expect(restored.can(crisisPlan)).toBe(true);
  });

  it("describes every step for the stepper, citing the policy", () => {
    for (const step of listSteps(mistakenPostMachine)) {
      expect(step.title && step.guidance && step.actor).toBeTruthy();
      expect(step.source).toMatch(/Haringey practice notes 4\.2\.5/);
    }
  });
});

describe("the read model", () => {
  const readModel = (snapshot: Snapshot) => mistakenPostReadModel(snapshot.context, machineStateOf(snapshot));
  const toClosed = [
    ...deleted,
    assessment(),
    crisisPlan,
    { type: "MAKE_LEADER_AWARE", at: at(45), by: comms, summary: "Local paper may pick it up" },
    ...responseSignedOff,
    { type: "MARK_RESPONSE_SENT", at: at(65), by: comms, where: "Reply under the original post" },
    { type: "STAND_DOWN", at: at(200), by: comms, summary: "Quiet again" },
    { type: "RESUME_SCHEDULE", at: at(220), by: comms },
    review,
  ] as MistakenPostEvent[];

  it("awaits the acknowledgement of the officer asked now and everyone asked before, exactly those the machine lets acknowledge", () => {
    const { snapshot } = run({ type: "ACKNOWLEDGEMENT_OVERDUE", at: at(15) });
    const [acknowledgement] = readModel(snapshot).work;
    expect(readModel(snapshot).work).toEqual([
      {
        key: "awaitingAcknowledgement",
        description: "Acknowledge the report of a post made by mistake",
        toReporter: "acknowledge it",
        assignees: [{ personId: manager.id }, { personId: head.id }],
        deadlineKey: "acknowledgement",
        section: null,
      },
    ]);
    for (const who of [reporter, manager, head, director, comms]) {
      expect(mayDo(acknowledgement.assignees, who), who.name).toBe(snapshot.can({ type: "ACKNOWLEDGE", at: at(16), by: who }));
    }
  });

  it("awaits each open crisis task of its owner and Communications while the crisis is live, beside the step's own work", () => {
    const { snapshot } = run(...deleted, assessment(), crisisPlan);
    expect(readModel(snapshot).work).toEqual([
      { key: "leaderAwareness", description: "Make the Leader aware, or record why not", toReporter: "tell the Leader", assignees: [{ role: "communications" }], deadlineKey: null, section: null },
      { key: "task-0", description: "Brief the library staff", toReporter: "see to a task of the crisis plan: Brief the library staff", assignees: [{ personId: secondComms.id }, { role: "communications" }], deadlineKey: "task-0", section: null },
    ]);
    const taskDone = run(...deleted, assessment(), crisisPlan, { type: "UPDATE_TASK", at: at(65), by: secondComms, taskIndex: 0, status: "done" }).snapshot;
    expect(readModel(taskDone).work.map((work) => work.key)).toEqual(["leaderAwareness"]);
  });

  it("records the report, acknowledgement, assessment and close as milestones, and the post and the assessment as facets", () => {
    const { snapshot } = run(...toClosed);
    expect(readModel(snapshot)).toEqual({
      milestones: [
        { name: "reported", at: REPORTED_AT },
        { name: "acknowledged", at: at(4) },
        { name: "assessed", at: at(30) },
        // What was told at the close, for the member of staff's home page.
        { name: "closed", at: at(300), summary: snapshot.context.closingReview!.whatHappened },
      ],
      work: [],
      facets: [
        { name: "platform", value: "Facebook", section: null },
        { name: "account", value: "@EastbridgeLibraries", section: null },
        { name: "severity", value: snapshot.context.assessment!.severity, section: null },
        { name: "decision", value: "respond", section: null },
      ],
    });
    expect(readModel(run().snapshot).milestones).toEqual([{ name: "reported", at: REPORTED_AT }]);
  });

  it("on every path, each step before the close awaits its own piece of work (besides open crisis tasks), and a closed incident awaits nothing", () => {
    for (const { state } of getSimplePaths(mistakenPostMachine, { input, events: candidateEvents, serializeState: branchKey })) {
      const { work } = readModel(state);
      if (state.status === "done") {
        expect(work).toEqual([]);
        continue;
      }
      expect(work[0].key).toBe(state.value);
      expect(work.slice(1).every((piece) => piece.key.startsWith("task-"))).toBe(true);
    }
  });
});

describe("refusals: the words of the guard that refused", () => {
  const planned = [...deleted, assessment(), crisisPlan] as MistakenPostEvent[];
  const responding = [...planned, { type: "MAKE_LEADER_AWARE", at: at(45), by: comms, summary: "Local paper may pick it up" }] as MistakenPostEvent[];
  const [draft, checks] = responseSignedOff;
  const stoodDown = [
    ...deleted,
    assessment({ decision: "investigate" }),
    crisisPlan,
    { type: "LEADER_NOT_NEEDED", at: at(45), by: comms, reason: "Contained" },
    { type: "STAND_DOWN", at: at(200), by: comms, summary: "Quiet again" },
  ] as MistakenPostEvent[];
  const closed = [...stoodDown, { type: "RESUME_SCHEDULE", at: at(220), by: comms }, review] as MistakenPostEvent[];
  const updateTask = (by: ActingPerson, status: "done" | "in_progress" = "done") => ({ type: "UPDATE_TASK" as const, at: at(65), by, taskIndex: 0, status });

  const cases: { guard: string; after: MistakenPostEvent[]; attempt: MistakenPostEvent; refusal: string }[] = [
    { guard: "isAskedOfficer", after: [], attempt: { type: "ACKNOWLEDGE", at: at(2), by: comms }, refusal: "Only Owen Price, who has been asked to acknowledge, can acknowledge this report." },
    {
      guard: "isReporterOrCommunications",
      after: acknowledged,
      attempt: { type: "RECORD_NOT_DELETED", at: at(6), by: manager, reason: "not_possible", explanation: "x" },
      refusal: "Only the member of staff who reported this, or the Communications team, can do this.",
    },
    { guard: "isCommunications", after: deleted, attempt: assessment({ by: reporter }), refusal: "Only the Communications team can do this." },
    // A closed incident is refused as closed, even to someone who could never attach a screenshot.
    { guard: "isOpen", after: closed, attempt: { type: "ATTACH_SCREENSHOT", at: at(301), by: head, file: screenshot }, refusal: "This incident is closed; its record can no longer change." },
    {
      guard: "hasScreenshot",
      after: acknowledged,
      attempt: { type: "RECORD_DELETED", at: at(6), by: reporter, deletedAt: at(6) },
      refusal: "Attach a screenshot of the post before recording that it was deleted, so there is a record of what it said.",
    },
    {
      guard: "crisisIsLive",
      after: deleted,
      attempt: { type: "ADD_TASK", at: at(35), by: comms, title: "Call the branch", owner: officer(head), dueAt: at(90) },
      refusal: "Tasks can only be added while a crisis plan is in force.",
    },
    { guard: "crisisNotStoodDown", after: stoodDown, attempt: updateTask(comms), refusal: "The crisis has been stood down, so its tasks are closed." },
    { guard: "isCommunicationsOrTaskOwner", after: planned, attempt: updateTask(reporter, "in_progress"), refusal: "Only Communications or the person who owns the task can update it." },
    { guard: "hasDraft", after: responding, attempt: checks, refusal: "Draft the response before doing the checks." },
    { guard: "checksDone", after: [...responding, draft], attempt: { type: "SIGN_OFF_TONE", at: at(60), by: secondComms }, refusal: "Do the “before you respond” checks before the tone is signed off." },
    {
      guard: "isNotTheDrafter",
      after: [...responding, draft, checks],
      attempt: { type: "SIGN_OFF_TONE", at: at(60), by: comms },
      refusal: "The tone must be signed off by a second member of Communications, not the person who drafted the response.",
    },
    {
      guard: "responseIsReady",
      after: [...responding, draft, checks],
      attempt: { type: "MARK_RESPONSE_SENT", at: at(65), by: comms, where: "Reply" },
      refusal: "The response cannot be marked as sent until the “before you respond” checks are done and a second member of Communications has signed off the tone.",
    },
  ];

  it.each(cases)("$guard refuses in its own words", ({ after, attempt, refusal }) => {
    const { snapshot } = run(...after);
    expect(snapshot.can(attempt)).toBe(false);
    expect(explainRefusal(mistakenPostPath, snapshot, attempt)).toBe(refusal);
  });

  it("has words for every guard that refuses, each tried above", () => {
    const withWords = Object.entries(mistakenPostMachine.implementations.guards).filter(([, guard]) => guard !== undefined && "refusal" in guard).map(([name]) => name);
    expect(withWords.sort()).toEqual(cases.map((refusal) => refusal.guard).sort());
  });

  it("reports the first part of a composite guard that fails, in the order the parts are written", () => {
    // and(["isCommunications", "checksDone", "isNotTheDrafter"]): each part in turn.
    const { snapshot: drafted } = run(...responding, draft);
    expect(explainRefusal(mistakenPostPath, drafted, { type: "SIGN_OFF_TONE", at: at(60), by: reporter })).toBe("Only the Communications team can do this.");
    expect(explainRefusal(mistakenPostPath, drafted, { type: "SIGN_OFF_TONE", at: at(60), by: comms })).toBe("Do the “before you respond” checks before the tone is signed off.");
    // and(["crisisIsLive", "isCommunications"]): outside a crisis nobody may add a task, whoever asks.
    const { snapshot: live } = run(...planned);
    const addTask = { type: "ADD_TASK" as const, at: at(45), by: reporter, title: "Call the branch", owner: officer(head), dueAt: at(90) };
    expect(explainRefusal(mistakenPostPath, live, addTask)).toBe("Only the Communications team can do this.");
    expect(explainRefusal(mistakenPostPath, run(...stoodDown).snapshot, addTask)).toBe("Tasks can only be added while a crisis plan is in force.");
  });

  it("names the step for an event it does not take, says an acknowledgement is done, and falls back when a guard has no words", () => {
    const { snapshot } = run(...acknowledged);
    expect(explainRefusal(mistakenPostPath, snapshot, review)).toBe("“Closed with a review” is not possible now: this incident is at the step “Delete the post if possible”.");
    expect(explainRefusal(mistakenPostPath, snapshot, { type: "ACKNOWLEDGE", at: at(5), by: head })).toBe("This report has already been acknowledged by Owen Price.");
    // taskIsStillOpen only tells a deadline apart from a task already done.
    const { snapshot: taskDone } = run(...planned, updateTask(secondComms));
    const overdue = { type: "TASK_OVERDUE" as const, at: at(71), taskIndex: 0 };
    expect(taskDone.can(overdue)).toBe(false);
    expect(explainRefusal(mistakenPostPath, taskDone, overdue)).toBe("That cannot be done by you at this point.");
  });
});

describe("the events offered to a viewer", () => {
  const twoTasks = {
    ...crisisPlan,
    tasks: [
      { title: "Brief the library staff", owner: officer(head), dueAt: at(70) },
      { title: "Tell the branch manager", owner: officer(reporter), dueAt: at(70) },
    ],
  };
  const offered = (by: ActingPerson) =>
    eventsAllowed(mistakenPostPath, run(...deleted, assessment(), twoTasks).snapshot, { by, at: at(50), showsEvent: () => true });

  it("offers a task owner the update of their own task only", () => {
    expect(offered(reporter)).toEqual([{ type: "ATTACH_SCREENSHOT" }, { type: "UPDATE_TASK", taskIndex: 1 }]);
    expect(offered(head)).toEqual([{ type: "UPDATE_TASK", taskIndex: 0 }]);
  });

  it("offers Communications the update of every task, and their step's forms", () => {
    expect(offered(comms).filter((event) => event.type === "UPDATE_TASK")).toEqual([
      { type: "UPDATE_TASK", taskIndex: 0 },
      { type: "UPDATE_TASK", taskIndex: 1 },
    ]);
    expect(offered(comms).map((event) => event.type)).toEqual(["ATTACH_SCREENSHOT", "ADD_TASK", "UPDATE_TASK", "UPDATE_TASK", "MAKE_LEADER_AWARE", "LEADER_NOT_NEEDED"]);
  });

  it("offers nothing of a section the viewer may not see", () => {
    const { snapshot } = run(...deleted, assessment(), twoTasks);
    expect(eventsAllowed(mistakenPostPath, snapshot, { by: comms, at: at(50), showsEvent: (type) => type !== "UPDATE_TASK" }).map((event) => event.type)).not.toContain("UPDATE_TASK");
  });
});
