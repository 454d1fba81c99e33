import { describe, expect, it } from "vitest";
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { getShortestPaths } from "xstate/graph";
import {
  STAFF_ABUSE_SECTIONS,
  staffAbuseEmails,
  staffAbuseMachine,
  staffAbuseSections,
  staffAbuseView,
  type StaffAbuseContext,
  type StaffAbuseEvent,
  type StaffAbuseInput,
  staffAbusePath,
  staffAbuseReadModel,
} from "../../machines/staff-abuse";
import { DEFAULT_READING_POLICY, eventsAllowed, explainRefusal, listSteps, machineStateOf, pathAllows, recordView, stepStatuses, viewerRelations, type ActingPerson } from "../../machines/kit";
import { mayDo } from "../helpers/read-model";

type Snapshot = SnapshotFrom<typeof staffAbuseMachine>;

const REPORTED_AT = "2026-11-20T09:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(REPORTED_AT) + minutes * 60_000).toISOString();
const person = (id: number, name: string, roles: string[] = ["staff"]): ActingPerson => ({ id, name, roles });

const reporter = person(1, "Chris Doyle");
const manager = person(2, "Liam Turner");
const director = person(3, "Grace Murphy");
const hr = person(4, "Nadia Hussain", ["staff", "hr_safety"]);
const comms = person(5, "Ellie Marsh", ["staff", "communications"]);
const colleague = person(6, "Jo Lee");
const officer = ({ id, name }: ActingPerson) => ({ id, name });

const input: StaffAbuseInput = {
  reportedAt: REPORTED_AT,
  reporter: officer(reporter),
  managers: [officer(manager), officer(director)],
  supportingManager: officer(manager),
  report: {
    inDanger: false,
    platform: "X (Twitter)",
    link: "https://x.example/post/1",
    happenedAt: at(-60),
    perpetrator: "@angryresident",
    whatHappened: "Threatened to wait for me after the park consultation.",
    kinds: ["threat", "hate"],
    protectedCharacteristics: ["race"],
    connectedToRole: "yes",
    impact: "I do not feel safe doing site visits alone.",
    noScreenshotReason: null,
  },
  wellbeingFollowUpDays: 7,
  policeReminderHours: 24,
};

const mayView = (context: StaffAbuseContext, viewer: { id: number; roles: string[] }, policy = DEFAULT_READING_POLICY) =>
  pathAllows(staffAbusePath, () => context, viewer, policy);

function run(...events: StaffAbuseEvent[]) {
  let [snapshot, actions] = initialTransition(staffAbuseMachine, input);
  for (const event of events) {
    expect(snapshot.can(event), `${event.type} refused`).toBe(true);
    [snapshot, actions] = transition(staffAbuseMachine, snapshot, event);
  }
  return { snapshot, actions: actions.map((action) => ({ type: action.type, params: action.params })) };
}

const blocked: StaffAbuseEvent = { type: "RECORD_BLOCKING", at: at(10), by: reporter, steps: ["blocked", "privacy"] };
const policeReport: StaffAbuseEvent = { type: "RECORD_POLICE_REPORT", at: at(30), by: reporter, route: "101", reportedAt: at(25), crimeReference: "SY-123", officer: "PC Shaw" };
const support: StaffAbuseEvent = { type: "RECORD_SUPPORT", at: at(40), by: manager, offered: "Talked it through; no lone site visits for now." };
const wellbeing: StaffAbuseEvent = { type: "RECORD_WELLBEING_FOLLOW_UP", at: at(7 * 24 * 60), by: manager, notes: "Feeling better." };
const removalAsked: StaffAbuseEvent = { type: "REQUEST_REMOVAL", at: at(50), by: reporter, requestedAt: at(50) };
const answer: StaffAbuseEvent = { type: "RECORD_PLATFORM_ANSWER", at: at(3000), by: reporter, outcome: "removed", notes: "Gone" };
const allDone = [blocked, policeReport, support, wellbeing, removalAsked, answer];

function candidateEvents(snapshot: Snapshot): StaffAbuseEvent[] {
  if (snapshot.matches("readyToClose")) {
    return [
      { type: "CLOSE", at: at(9000), by: hr, summary: "Police investigating; content removed." },
      { type: "CLOSE", at: at(9000), by: colleague, summary: "x" },
    ];
  }
  if (!snapshot.matches("open")) return [];
  return [
    blocked,
    { ...blocked, by: manager } as StaffAbuseEvent,
    policeReport,
    { type: "RECORD_NO_POLICE_REPORT", at: at(30), by: hr, reason: "They did not want to" },
    { type: "POLICE_REMINDER", at: at(24 * 60) },
    support,
    { ...support, by: colleague } as StaffAbuseEvent,
    { type: "SUPPORT_OVERDUE", at: at(240) },
    wellbeing,
    { type: "WELLBEING_DUE", at: at(7 * 24 * 60) },
    removalAsked,
    { type: "ASK_COMMUNICATIONS_HELP", at: at(45), by: reporter },
    { type: "NO_REMOVAL_NEEDED", at: at(45), by: reporter, reason: "It was deleted already" },
    { type: "PLATFORM_SILENT", at: at(48 * 60 + 50) },
    answer,
  ];
}

/** The facts guards and endings depend on, so the walk stays finite. */
function branchKey(snapshot: Snapshot) {
  const { context } = snapshot;
  return JSON.stringify({
    value: snapshot.value,
    police: context.police?.outcome,
    help: context.removal.communicationsHelpAsked,
    offered: context.removal.harmfulContentRouteOffered,
    removal: context.removal.answer ? "answered" : context.removal.notNeededReason ? "not needed" : null,
  });
}

describe("staff abuse machine: every path (xstate/graph)", () => {
  const paths = getShortestPaths(staffAbuseMachine, { input, events: candidateEvents, serializeState: branchKey });

  it("reaches every piece of work and the close", () => {
    expect(paths.some((path) => path.state.matches("closed"))).toBe(true);
    const regionsDone = new Set(
      paths.flatMap(({ state }) =>
        typeof state.value === "object" ? Object.entries(state.value.open).filter(([, value]) => value === "done").map(([key]) => key) : [],
      ),
    );
    expect([...regionsDone].sort()).toEqual(["blocking", "police", "removal", "support"]);
  });

  it("closes along the routes of the police and removal outcomes", () => {
    const endings = new Set(paths.filter((path) => path.state.matches("closed")).map(({ state }) => `${state.context.police?.outcome}/${state.context.removal.answer ? "answered" : "not needed"}`));
    expect([...endings].sort()).toEqual(["not_reported/answered", "not_reported/not needed", "reported/answered", "reported/not needed"]);
  });

  it("in every reachable state, only the allowed people can take each step", () => {
    // Interleavings of four parallel pieces of work are too many to walk one by one; every
    // reachable state is, and each person's event is tried in each.
    expect(paths.length).toBeGreaterThan(20);
    const allowed: Record<string, number[]> = {
      RECORD_BLOCKING: [reporter.id],
      RECORD_SUPPORT: [manager.id, director.id, hr.id],
      RECORD_WELLBEING_FOLLOW_UP: [manager.id, director.id, hr.id],
      CLOSE: [reporter.id, hr.id],
    };
    for (const { state } of paths) {
      for (const event of candidateEvents(state)) {
        for (const by of [reporter, manager, director, hr, comms, colleague]) {
          const attempt = { ...event, by } as StaffAbuseEvent;
          if ("by" in event && allowed[event.type] && state.can(attempt)) expect(allowed[event.type]).toContain(by.id);
        }
      }
    }
  });
});

describe("staff abuse machine: what each piece of work asks for", () => {
  it("tells the line manager and HR and safety at once, and sets the support and police deadlines", () => {
    const { snapshot, actions } = run();
    expect(snapshot.matches({ open: { blocking: "toDo", police: "toDo", support: "awaitingSupport", removal: "notRequested" } })).toBe(true);
    expect(actions).toEqual([
      { type: "notify", params: { template: "abuse-reported-manager", to: { kind: "people", personIds: [manager.id] } } },
      { type: "notify", params: { template: "abuse-reported-hr", to: { kind: "role", role: "hr_safety" } } },
      { type: "setDeadline", params: { key: "support", eventType: "SUPPORT_OVERDUE", dueAt: at(240), description: "Liam Turner to record the support offered" } },
      { type: "setDeadline", params: { key: "police", eventType: "POLICE_REMINDER", dueAt: at(24 * 60), description: "A police report, or the reason not to make one, to be recorded" } },
    ]);
  });

  it("keeps reminding about the police until a report or a reason is recorded", () => {
    const reminded = run({ type: "POLICE_REMINDER", at: at(24 * 60) }, { type: "POLICE_REMINDER", at: at(48 * 60) });
    expect(reminded.snapshot.context.policeReminders).toBe(2);
    expect(reminded.actions).toContainEqual({
      type: "setDeadline",
      params: { key: "police", eventType: "POLICE_REMINDER", dueAt: at(72 * 60), description: "A police report, or the reason not to make one, to be recorded" },
    });
    const recorded = run(policeReport);
    expect(recorded.actions).toContainEqual({ type: "cancelDeadline", params: { key: "police" } });
    expect(recorded.snapshot.can({ type: "POLICE_REMINDER", at: at(24 * 60) })).toBe(false);
  });

  it("sets the wellbeing follow-up when support is recorded, and tells the member of staff", () => {
    const { snapshot, actions } = run(support);
    expect(snapshot.context.support?.by).toEqual(officer(manager));
    expect(actions).toContainEqual({
      type: "setDeadline",
      params: { key: "wellbeing", eventType: "WELLBEING_DUE", dueAt: at(40 + 7 * 24 * 60), description: "Liam Turner to follow up on Chris Doyle's wellbeing" },
    });
    expect(actions).toContainEqual({ type: "notify", params: { template: "abuse-support-recorded", to: { kind: "people", personIds: [reporter.id] } } });
  });

  it("does not let a colleague record support, and says who can", () => {
    const { snapshot } = run();
    const event = { ...support, by: colleague } as StaffAbuseEvent;
    expect(snapshot.can(event)).toBe(false);
    expect(explainRefusal(staffAbusePath, snapshot, event)).toBe("Only the line manager, or HR and safety, can record this.");
  });

  it("offers Report Harmful Content when the platform has not acted within 48 hours", () => {
    const { snapshot, actions } = run(removalAsked, { type: "PLATFORM_SILENT", at: at(50 + 48 * 60) });
    expect(snapshot.context.removal.harmfulContentRouteOffered).toBe(true);
    expect(actions).toContainEqual({ type: "notify", params: { template: "abuse-harmful-content-route", to: { kind: "people", personIds: [reporter.id] } } });
    expect(run(removalAsked).actions).toContainEqual({
      type: "setDeadline",
      params: { key: "platform", eventType: "PLATFORM_SILENT", dueAt: at(50 + 48 * 60), description: "The platform's answer to the removal request" },
    });
  });

  it("lets Communications help with removal only once asked, and only then see the report", () => {
    const { snapshot } = run();
    const commsRequest = { ...removalAsked, by: comms } as StaffAbuseEvent;
    expect(snapshot.can(commsRequest)).toBe(false);
    expect(mayView(snapshot.context, comms)).toBe(false);
    const helped = run({ type: "ASK_COMMUNICATIONS_HELP", at: at(45), by: reporter });
    expect(helped.actions).toContainEqual({ type: "notify", params: { template: "abuse-removal-help", to: { kind: "role", role: "communications" } } });
    expect(helped.snapshot.can(commsRequest)).toBe(true);
    expect(mayView(helped.snapshot.context, comms)).toBe(true);
  });

  it("lets in the reporter, their managers and HR and safety, and nobody else", () => {
    const { snapshot } = run();
    for (const viewer of [reporter, manager, director, hr]) expect(mayView(snapshot.context, viewer)).toBe(true);
    expect(mayView(snapshot.context, colleague)).toBe(false);
    expect(mayView(snapshot.context, { id: 99, roles: ["leadership", "admin"] })).toBe(false);
  });

  it("lets managers read only as far up the chain as the organisation's setting reaches", () => {
    const { snapshot } = run();
    expect(mayView(snapshot.context, director, { abuseChainLevels: 2 })).toBe(true);
    expect(mayView(snapshot.context, director, { abuseChainLevels: 1 })).toBe(false);
    expect(mayView(snapshot.context, manager, { abuseChainLevels: 1 })).toBe(true);
  });

  describe("need to know", () => {
    const helped = run({ type: "ASK_COMMUNICATIONS_HELP", at: at(45), by: reporter }).snapshot.context;
    const relationsOf = (viewer: ActingPerson) =>
      viewerRelations(staffAbusePath, helped, viewer, { isReporter: viewer.id === reporter.id, inChain: false, policy: DEFAULT_READING_POLICY });

    it("gives the reporter, their managers and HR and safety every section", () => {
      for (const viewer of [reporter, manager, director, hr]) expect(staffAbuseSections(relationsOf(viewer)), viewer.name).toEqual([...STAFF_ABUSE_SECTIONS]);
    });

    it("gives Communications helping with removal the content, the screenshots and the removal only", () => {
      expect(relationsOf(comms)).toEqual(["communications"]);
      expect(staffAbuseSections(["communications"])).toEqual(["content", "screenshots", "removal"]);
      const view = staffAbuseView(helped, staffAbuseSections(["communications"]));
      expect(Object.keys(view).sort()).toEqual(["content", "removal", "reportedAt", "reporter", "screenshots"]);
      expect(view.content).toEqual({ platform: "X (Twitter)", link: input.report.link, happenedAt: input.report.happenedAt, perpetrator: input.report.perpetrator, whatHappened: input.report.whatHappened });
      const sent = JSON.stringify(view);
      for (const hidden of [input.report.impact, "hate", "race", "supportingManager", "police", "wellbeing"]) expect(sent).not.toContain(hidden);
    });

    it("gives someone with no relation nothing, and a Communications officer who is also a manager everything", () => {
      expect(relationsOf(colleague)).toEqual([]);
      expect(staffAbuseSections([])).toEqual([]);
      expect(staffAbuseSections(["communications", "manager"])).toEqual([...STAFF_ABUSE_SECTIONS]);
    });

    it("hides from Communications the events, pieces of work and deadlines of the sections they may not see", () => {
      const view = recordView(staffAbusePath, helped, ["communications"]);
      expect(["REPORTED", "ATTACH_SCREENSHOT", "REQUEST_REMOVAL", "RECORD_PLATFORM_ANSWER"].every(view.showsEvent)).toBe(true);
      expect(["RECORD_POLICE_REPORT", "RECORD_SUPPORT", "RECORD_WELLBEING_FOLLOW_UP", "RECORD_BLOCKING", "CLOSE"].some(view.showsEvent)).toBe(false);
      expect(listSteps(staffAbuseMachine).filter((step) => view.showsStep(step.id)).map((step) => step.id)).toEqual(["open.removal", "readyToClose", "closed"]);
      expect(["support", "wellbeing", "police"].some(view.showsDeadline)).toBe(false);
      expect(view.showsDeadline("platform")).toBe(true);
      expect(view.showsEvidence).toBe(true);
    });
  });

  it("gives its emails no kind of abuse, protected characteristic, impact or words of the report or its steps", () => {
    const done = run(...allDone).snapshot.context;
    const report = input.report;
    for (const [template, contract] of Object.entries(staffAbuseEmails)) {
      const emailed = JSON.stringify(contract(done));
      for (const secret of [report.whatHappened, report.impact, report.perpetrator!, "threat", "hate", "race", '"kinds"', "connectedToRole", "crimeReference", done.support!.offered, done.wellbeing!.notes]) {
        expect(emailed, `${template}: ${secret}`).not.toContain(secret);
      }
    }
  });

  it("can close only when every piece of work is done, and then takes nothing more", () => {
    const almost = run(...allDone.slice(0, -1));
    expect(almost.snapshot.can({ type: "CLOSE", at: at(9000), by: hr, summary: "x" })).toBe(false);
    const ready = run(...allDone);
    expect(ready.snapshot.matches("readyToClose")).toBe(true);
    const { snapshot, actions } = run(...allDone, { type: "CLOSE", at: at(9000), by: hr, summary: "Removed; police have it." });
    expect(snapshot.status).toBe("done");
    expect(actions).toContainEqual({ type: "notify", params: { template: "abuse-closed", to: { kind: "people", personIds: [reporter.id, manager.id] } } });
    expect(snapshot.can({ type: "ATTACH_SCREENSHOT", at: at(9001), by: reporter, file: { originalName: "a.png", mediaType: "image/png", sizeBytes: 1, sha256: "c", storagePath: "x" } })).toBe(false);
  });

  it("shows the four pieces of work and the close as steps, with their status", () => {
    expect(listSteps(staffAbuseMachine).map((step) => step.id)).toEqual(["open.blocking", "open.police", "open.support", "open.removal", "readyToClose", "closed"]);
    const { snapshot } = run(blocked, policeReport);
    expect(stepStatuses(staffAbuseMachine, snapshot, new Set(["open"]))).toEqual({
      "open.blocking": "done",
      "open.police": "done",
      "open.support": "current",
      "open.removal": "current",
      readyToClose: "upcoming",
      closed: "upcoming",
    });
    for (const step of listSteps(staffAbuseMachine)) expect(step.source).toMatch(/Barnsley social media policy/);
  });
});

describe("the read model", () => {
  const readModel = (snapshot: Snapshot) => staffAbuseReadModel(snapshot.context, machineStateOf(snapshot));
  const close: StaffAbuseEvent = { type: "CLOSE", at: at(9000), by: hr, summary: "Police investigating; content removed." };
  /** The event that does each piece of work. */
  const DOES: Record<string, StaffAbuseEvent["type"]> = {
    blocking: "RECORD_BLOCKING",
    police: "RECORD_POLICE_REPORT",
    support: "RECORD_SUPPORT",
    wellbeing: "RECORD_WELLBEING_FOLLOW_UP",
    removal: "REQUEST_REMOVAL",
    platform: "RECORD_PLATFORM_ANSWER",
    close: "CLOSE",
  };

  it("awaits the four pieces of work at once, each in its need-to-know section and timed by its deadline", () => {
    const model = readModel(run().snapshot);
    expect(model.work.map(({ key, deadlineKey, section }) => ({ key, deadlineKey, section }))).toEqual([
      { key: "blocking", deadlineKey: null, section: "blocking" },
      { key: "police", deadlineKey: "police", section: "police" },
      { key: "support", deadlineKey: "support", section: "support" },
      { key: "removal", deadlineKey: null, section: "removal" },
    ]);
    expect(model.milestones).toEqual([{ name: "reported", at: REPORTED_AT }]);
    // One row per kind, in the "kind" section: Communications helping with removal do not count them.
    expect(model.facets).toEqual([
      { name: "platform", value: "X (Twitter)", section: null },
      { name: "kind", value: "threat", section: "kind" },
      { name: "kind", value: "hate", section: "kind" },
    ]);
  });

  it("asks the removal of Communications too once they are asked to help, and the wellbeing follow-up once support is recorded", () => {
    const { snapshot } = run({ type: "ASK_COMMUNICATIONS_HELP", at: at(45), by: reporter }, removalAsked, support);
    const work = Object.fromEntries(readModel(snapshot).work.map((piece) => [piece.key, piece]));
    expect(Object.keys(work)).toEqual(["blocking", "police", "wellbeing", "platform"]);
    expect(work.platform.assignees).toEqual([{ personId: reporter.id }, { role: "communications" }]);
    expect(work.wellbeing).toMatchObject({ deadlineKey: "wellbeing", section: "support" });
  });

  it("records the close as a milestone, and a closed report awaits nothing", () => {
    const { snapshot } = run(...allDone, close);
    expect(readModel(snapshot)).toMatchObject({ milestones: [{ name: "reported", at: REPORTED_AT }, { name: "closed", at: at(9000) }], work: [] });
    expect(readModel(run(...allDone).snapshot).work.map((piece) => piece.key)).toEqual(["close"]);
  });

  it("in every reachable state, awaits each unfinished piece of work of exactly those the machine lets do it", () => {
    for (const { state } of getShortestPaths(staffAbuseMachine, { input, events: candidateEvents, serializeState: branchKey })) {
      const { work } = readModel(state);
      const unfinished = typeof state.value === "object" ? Object.values(state.value.open).filter((value) => value !== "done").length : state.matches("readyToClose") ? 1 : 0;
      expect(work).toHaveLength(unfinished);
      for (const piece of work) {
        const event = candidateEvents(state).find((candidate) => candidate.type === DOES[piece.key])!;
        for (const who of [reporter, manager, director, hr, comms, colleague]) {
          expect(mayDo(piece.assignees, who), `${piece.key} by ${who.name}`).toBe(state.can({ ...event, by: who } as StaffAbuseEvent));
        }
      }
    }
  });
});

describe("staff abuse machine: the words of the guard that refused", () => {
  const helpAsked: StaffAbuseEvent = { type: "ASK_COMMUNICATIONS_HELP", at: at(45), by: reporter };
  const closed = [...allDone, { type: "CLOSE", at: at(9000), by: hr, summary: "Removed; police have it." }] as StaffAbuseEvent[];
  const file = { originalName: "a.png", mediaType: "image/png", sizeBytes: 1, sha256: "c", storagePath: "x" };

  const cases: { guard: string; after: StaffAbuseEvent[]; attempt: StaffAbuseEvent; refusal: string }[] = [
    { guard: "byReporter", after: [], attempt: { ...blocked, by: manager } as StaffAbuseEvent, refusal: "Only the member of staff who made the report can do this." },
    {
      guard: "byReporterOrCommunicationsHelping",
      after: [],
      attempt: { ...removalAsked, by: comms } as StaffAbuseEvent,
      refusal: "Only the member of staff, or Communications once asked to help, can do this.",
    },
    {
      guard: "byCarer",
      after: [],
      attempt: { ...policeReport, by: colleague } as StaffAbuseEvent,
      refusal: "Only the member of staff, their line manager, or HR and safety can record this.",
    },
    { guard: "byManagerOrHr", after: [], attempt: { ...support, by: reporter } as StaffAbuseEvent, refusal: "Only the line manager, or HR and safety, can record this." },
    { guard: "byHrOrReporter", after: allDone, attempt: { type: "CLOSE", at: at(9000), by: manager, summary: "x" }, refusal: "Only the member of staff or HR and safety can do this." },
    // A closed report is refused as closed, even to someone who could never attach a screenshot.
    { guard: "isOpen", after: closed, attempt: { type: "ATTACH_SCREENSHOT", at: at(9001), by: colleague, file }, refusal: "This report is closed." },
    { guard: "helpNotYetAsked", after: [helpAsked], attempt: { ...helpAsked, by: manager } as StaffAbuseEvent, refusal: "Communications have already been asked to help." },
  ];

  it.each(cases)("$guard refuses in its own words", ({ after, attempt, refusal }) => {
    const { snapshot } = run(...after);
    expect(snapshot.can(attempt)).toBe(false);
    expect(explainRefusal(staffAbusePath, snapshot, attempt)).toBe(refusal);
  });

  it("has words for every guard that refuses, each tried above", () => {
    const withWords = Object.entries(staffAbuseMachine.implementations.guards).filter(([, guard]) => guard !== undefined && "refusal" in guard).map(([name]) => name);
    expect(withWords.sort()).toEqual(cases.map((refusal) => refusal.guard).sort());
  });

  it("reports the first part of a composite guard that fails", () => {
    // and(["helpNotYetAsked", "byReporter"]): before help is asked, only the reporter may ask.
    expect(explainRefusal(staffAbusePath, run().snapshot, { ...helpAsked, by: manager } as StaffAbuseEvent)).toBe("Only the member of staff who made the report can do this.");
    // and(["isOpen", "byHrOrReporter"]): while open, who may attach.
    expect(explainRefusal(staffAbusePath, run().snapshot, { type: "ATTACH_SCREENSHOT", at: at(5), by: colleague, file })).toBe("Only the member of staff or HR and safety can do this.");
  });

  it("offers Communications the removal only once asked, and never a section they may not see", () => {
    const offered = (events: StaffAbuseEvent[]) => {
      const { snapshot } = run(...events);
      const view = recordView(staffAbusePath, snapshot.context, viewerRelations(staffAbusePath, snapshot.context, comms, { isReporter: false, inChain: false, policy: DEFAULT_READING_POLICY }));
      return eventsAllowed(staffAbusePath, snapshot, { by: comms, at: at(60), showsEvent: view.showsEvent }).map((event) => event.type);
    };
    expect(offered([])).toEqual([]);
    expect(offered([helpAsked])).toEqual(["REQUEST_REMOVAL", "NO_REMOVAL_NEEDED"]);
  });
});
