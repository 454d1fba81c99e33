import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { getShortestPaths, getSimplePaths } from "xstate/graph";
import {
  explainMistakenPostRefusal,
  mistakenPostMachine,
  type MistakenPostEvent,
  type MistakenPostInput,
} from "../../machines/mistaken-post";
import { listSteps } from "../../machines/steps";

const REPORTED_AT = "2026-11-20T16:55:00.000Z";
const manager = { id: 2, name: "Owen Price" };
const head = { id: 3, name: "Helen Ward" };
const director = { id: 4, name: "Marcus Bell" };
const outsider = { id: 9, name: "Ellie Marsh" };

const input: MistakenPostInput = {
  reportedAt: REPORTED_AT,
  reporter: { id: 1, name: "Jo Lee" },
  escalationChain: [manager, head, director],
  acknowledgementMinutes: 15,
  post: {
    platform: "Facebook",
    account: "@EastbridgeLibraries",
    link: null,
    postedAt: "2026-11-20T16:50:00.000Z",
    whatHappened: "Posted the closure notice for the wrong library.",
  },
};

const at = (minutes: number) => new Date(Date.parse(REPORTED_AT) + minutes * 60_000).toISOString();

/** Every event a test graph may try: each officer and a stranger acknowledging, and the timeout. */
const candidateEvents: MistakenPostEvent[] = [
  ...[manager, head, director, outsider].map((by) => ({ type: "ACKNOWLEDGE" as const, at: at(5), by })),
  { type: "ACKNOWLEDGEMENT_OVERDUE", at: at(15) },
];

const effects = (actions: { type: string; params?: unknown }[]) =>
  actions.map((action) => ({ type: action.type, params: action.params }));

describe("mistaken post machine: every path", () => {
  const paths = getSimplePaths(mistakenPostMachine, { input, events: candidateEvents });

  it("reaches every step it defines", () => {
    const reached = new Set(paths.map((path) => String(path.state.value)));
    for (const step of listSteps(mistakenPostMachine)) expect(reached).toContain(step.id);
  });

  it("enumerates the expected endings: acknowledged by each officer once asked, or exhausted", () => {
    const endings = new Set(
      paths.map(({ state }) =>
        state.value === "acknowledged"
          ? `acknowledged by ${state.context.acknowledgedBy?.name} after ${state.context.askedIndex} escalations`
          : `waiting on ${state.context.escalationChain[state.context.askedIndex].name}${state.context.chainExhausted ? " (exhausted)" : ""}`,
      ),
    );
    expect([...endings].sort()).toEqual(
      [
        "acknowledged by Owen Price after 0 escalations",
        "acknowledged by Owen Price after 1 escalations",
        "acknowledged by Owen Price after 2 escalations",
        "acknowledged by Helen Ward after 1 escalations",
        "acknowledged by Helen Ward after 2 escalations",
        "acknowledged by Marcus Bell after 2 escalations",
        "waiting on Owen Price",
        "waiting on Helen Ward",
        "waiting on Marcus Bell",
        "waiting on Marcus Bell (exhausted)",
      ].sort(),
    );
  });

  it("on every path, only someone already asked acknowledges, and each wait has a deadline or has run out", () => {
    for (const path of paths) {
      let [snapshot, actions] = initialTransition(mistakenPostMachine, input);
      for (const step of path.steps.slice(1)) {
        const event = step.event as MistakenPostEvent;
        const before = snapshot;
        [snapshot, actions] = transition(mistakenPostMachine, snapshot, event);
        if (event.type === "ACKNOWLEDGE" && snapshot.value === "acknowledged" && before.value !== "acknowledged") {
          const asked = before.context.escalationChain.slice(0, before.context.askedIndex + 1);
          expect(asked.map((officer) => officer.id)).toContain(event.by.id);
          expect(actions.map((action) => action.type)).toContain("cancelDeadline");
        }
        if (event.type === "ACKNOWLEDGEMENT_OVERDUE" && !snapshot.context.chainExhausted) {
          expect(actions.map((action) => action.type)).toContain("setDeadline");
        }
      }
    }
  });

  it("has a shortest path to each step", () => {
    const shortest = getShortestPaths(mistakenPostMachine, { input, events: candidateEvents });
    const acknowledged = shortest.find((path) => path.state.value === "acknowledged");
    expect(acknowledged?.steps.map((step) => step.event.type)).toEqual(["xstate.init", "ACKNOWLEDGE"]);
  });
});

describe("mistaken post machine: what each step asks for", () => {
  it("tells the line manager and Communications at once, and sets the acknowledgement deadline", () => {
    const [snapshot, actions] = initialTransition(mistakenPostMachine, input);
    expect(snapshot.value).toBe("awaitingAcknowledgement");
    expect(effects(actions)).toEqual([
      {
        type: "notify",
        params: { template: "acknowledgement-requested", to: { kind: "people", personIds: [manager.id] }, data: { escalated: false } },
      },
      { type: "notify", params: { template: "mistaken-post-reported", to: { kind: "role", role: "communications" } } },
      {
        type: "setDeadline",
        params: {
          key: "acknowledgement",
          eventType: "ACKNOWLEDGEMENT_OVERDUE",
          dueAt: at(15),
          description: "Owen Price to acknowledge",
        },
      },
    ]);
  });

  it("asks the next most senior officer when the deadline passes, with a fresh deadline from that moment", () => {
    const [start] = initialTransition(mistakenPostMachine, input);
    const [next, actions] = transition(mistakenPostMachine, start, { type: "ACKNOWLEDGEMENT_OVERDUE", at: at(16) });
    expect(next.context.askedIndex).toBe(1);
    expect(effects(actions)).toEqual([
      {
        type: "notify",
        params: { template: "acknowledgement-requested", to: { kind: "people", personIds: [head.id] }, data: { escalated: true } },
      },
      {
        type: "setDeadline",
        params: { key: "acknowledgement", eventType: "ACKNOWLEDGEMENT_OVERDUE", dueAt: at(31), description: "Helen Ward to acknowledge" },
      },
    ]);
  });

  it("tells Communications when nobody in the chain acknowledged, and stops escalating", () => {
    let [snapshot] = initialTransition(mistakenPostMachine, input);
    for (const minutes of [15, 30]) {
      [snapshot] = transition(mistakenPostMachine, snapshot, { type: "ACKNOWLEDGEMENT_OVERDUE", at: at(minutes) });
    }
    const [exhausted, actions] = transition(mistakenPostMachine, snapshot, { type: "ACKNOWLEDGEMENT_OVERDUE", at: at(45) });
    expect(exhausted.context.chainExhausted).toBe(true);
    expect(exhausted.context.askedIndex).toBe(2);
    expect(effects(actions)).toEqual([
      { type: "notify", params: { template: "acknowledgement-missed", to: { kind: "role", role: "communications" } } },
    ]);
  });

  it("records who acknowledged and when, closes the deadline and tells the reporter", () => {
    const [start] = initialTransition(mistakenPostMachine, input);
    const [done, actions] = transition(mistakenPostMachine, start, { type: "ACKNOWLEDGE", at: at(4), by: manager });
    expect(done.value).toBe("acknowledged");
    expect(done.context.acknowledgedBy).toEqual(manager);
    expect(done.context.acknowledgedAt).toBe(at(4));
    expect(effects(actions)).toEqual([
      { type: "cancelDeadline", params: { key: "acknowledgement" } },
      { type: "notify", params: { template: "incident-acknowledged", to: { kind: "people", personIds: [1] } } },
    ]);
  });

  it("refuses an acknowledgement from someone not asked, and explains why", () => {
    const [start] = initialTransition(mistakenPostMachine, input);
    const event = { type: "ACKNOWLEDGE" as const, at: at(2), by: outsider };
    expect(start.can(event)).toBe(false);
    expect(start.can({ ...event, by: head })).toBe(false);
    expect(explainMistakenPostRefusal(start.context, event, String(start.value))).toBe(
      "Only Owen Price, who has been asked to acknowledge, can acknowledge this report.",
    );
  });

  it("refuses a second acknowledgement, naming who acknowledged first", () => {
    const [start] = initialTransition(mistakenPostMachine, input);
    const [done] = transition(mistakenPostMachine, start, { type: "ACKNOWLEDGE", at: at(4), by: manager });
    const again = { type: "ACKNOWLEDGE" as const, at: at(5), by: manager };
    expect(done.can(again)).toBe(false);
    expect(done.can({ type: "ACKNOWLEDGEMENT_OVERDUE", at: at(15) })).toBe(false);
    expect(explainMistakenPostRefusal(done.context, again, String(done.value))).toBe(
      "This report has already been acknowledged by Owen Price.",
    );
  });

  it("survives a round trip through JSON, as it does through the database", () => {
    const [start] = initialTransition(mistakenPostMachine, input);
    const [escalated] = transition(mistakenPostMachine, start, { type: "ACKNOWLEDGEMENT_OVERDUE", at: at(15) });
    const stored = JSON.parse(JSON.stringify(mistakenPostMachine.getPersistedSnapshot(escalated)));
    const restored = mistakenPostMachine.resolveState(stored);
    expect(restored.value).toBe("awaitingAcknowledgement");
    expect(restored.context.askedIndex).toBe(1);
    expect(restored.can({ type: "ACKNOWLEDGE", at: at(20), by: head })).toBe(true);
  });

  it("describes every step for the stepper, with its policy source", () => {
    for (const step of listSteps(mistakenPostMachine)) {
      expect(step.title).toBeTruthy();
      expect(step.guidance).toBeTruthy();
      expect(step.actor).toBeTruthy();
      expect(step.source).toMatch(/Haringey practice notes 4\.2\.5/);
    }
  });
});
