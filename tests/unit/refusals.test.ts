import { describe, expect, it } from "vitest";
import { and, initialTransition, not, setup } from "xstate";
import { explainRefusal, refusingGuards, type PathDefinition } from "../../machines/kit";

type Context = { open: boolean; owner: string };
type Event = { type: "EDIT" | "REOPEN" | "ARCHIVE"; by: string };
const refusing = refusingGuards<Context, Event>();

// Every way a path may write a guard: named, with words or without, and composed with and() and not().
const machine = setup({
  types: { context: {} as Context, events: {} as Event },
  guards: {
    isOpen: refusing("It is closed.", ({ context }) => context.open),
    isOwner: refusing((context, event) => `Only ${context.owner} can do this, not ${event.by}.`, ({ context, event }) => context.owner === event.by),
    isClosed: Object.assign(not("isOpen"), { refusal: "It is still open." }),
  },
}).createMachine({
  id: "record",
  context: { open: true, owner: "Jo" },
  initial: "here",
  states: { here: { meta: { title: "Here" } } },
  on: {
    EDIT: { guard: and(["isOpen", "isOwner"]) },
    REOPEN: { guard: "isClosed" },
    ARCHIVE: { guard: not("isOpen") },
  },
});
const path = { machine, eventLabels: {} } as unknown as PathDefinition;

describe("refusals from the guard that refused", () => {
  const [snapshot] = initialTransition(machine, undefined);

  it("gives the words of the first failing part of and(), naming people when the words are a function", () => {
    expect(explainRefusal(path, snapshot, { type: "EDIT", by: "Sam" })).toBe("Only Jo can do this, not Sam.");
    const closed = machine.resolveState({ value: "here", context: { open: false, owner: "Jo" } });
    expect(explainRefusal(path, closed, { type: "EDIT", by: "Sam" })).toBe("It is closed.");
  });

  it("gives the words of not() when it has some, and falls back when it has none", () => {
    expect(explainRefusal(path, snapshot, { type: "REOPEN", by: "Jo" })).toBe("It is still open.");
    expect(explainRefusal(path, snapshot, { type: "ARCHIVE", by: "Jo" })).toBe("That cannot be done by you at this point.");
  });
});
