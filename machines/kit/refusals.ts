import { and, type AnyEventObject, type AnyMachineSnapshot, type AnyStateNode } from "xstate";
import type { PathDefinition } from "./path";
import { acceptsEventType, listSteps, stepIdOf } from "./steps";

/** Why a guard stops an event, in words for the person who sent it. */
export type Refusal<Context = any, Event = any> = string | ((context: Context, event: Event) => string);

/** A guard as a path writes it. */
type GuardCheck<Context, Event> = (args: { context: Context; event: Event }) => boolean;

/**
 * Guards that carry their refusals, so the words come from the rule that refused: a path makes
 * one `refusing` for its context and events, and the machine keeps the guards it makes among its
 * own (setup), where `explainRefusal` finds the words.
 */
export function refusingGuards<Context, Event>() {
  return (refusal: Refusal<Context, Event>, check: GuardCheck<Context, Event>) => Object.assign(check, { refusal });
}

/** A guard as a transition holds it: a name, a named guard with parameters, or a function (XState's and/not/or among them). */
type Guard = string | { type: string; params?: unknown } | GuardFunction;

interface GuardFunction {
  (args: { context: unknown; event: AnyEventObject }, params?: unknown): boolean;
  /** How XState's own composite guards (and, not, or, stateIn) are evaluated, with their parts. */
  check?: (snapshot: AnyMachineSnapshot, args: { context: unknown; event: AnyEventObject }, self: GuardFunction) => boolean;
  guards?: Guard[];
  refusal?: Refusal;
}

// XState does not export how it tells its composite guards apart; the check of and() is shared by every instance.
const AND = (and([]) as unknown as GuardFunction).check;

/** The implementation of a guard (a named one is looked up in the machine) and the parameters it is given. */
function resolve(guard: Guard, snapshot: AnyMachineSnapshot, event: AnyEventObject): { implementation: GuardFunction; params: unknown } {
  if (typeof guard === "function") return { implementation: guard, params: undefined };
  const named = typeof guard === "string" ? { type: guard, params: undefined } : guard;
  const implementation = snapshot.machine.implementations.guards[named.type] as GuardFunction | undefined;
  if (!implementation) throw new Error(`The machine has no guard called “${named.type}”.`);
  const params = typeof named.params === "function" ? named.params({ context: snapshot.context, event }) : named.params;
  return { implementation, params };
}

/** Whether the guard lets the event through, evaluated as XState evaluates it. */
function holds(guard: Guard, snapshot: AnyMachineSnapshot, event: AnyEventObject): boolean {
  const { implementation, params } = resolve(guard, snapshot, event);
  const args = { context: snapshot.context, event };
  return implementation.check ? implementation.check(snapshot, args, implementation) : implementation(args, params);
}

/** The words of a refusal, for this record and event. */
function wordsOf(refusal: Refusal, snapshot: AnyMachineSnapshot, event: AnyEventObject): string {
  return typeof refusal === "function" ? refusal(snapshot.context, event) : refusal;
}

/**
 * The words of a guard that does not hold: for and([...]) those of its first part that does not
 * hold, else its own, as for not(...) and any other guard. Null when it has none (a guard that
 * chooses between transitions rather than refusing).
 */
function refusalOf(guard: Guard, snapshot: AnyMachineSnapshot, event: AnyEventObject): string | null {
  const { implementation } = resolve(guard, snapshot, event);
  if (implementation.check === AND) {
    const failingPart = implementation.guards?.find((part) => !holds(part, snapshot, event));
    const fromPart = failingPart === undefined ? null : refusalOf(failingPart, snapshot, event);
    if (fromPart) return fromPart;
  }
  return implementation.refusal === undefined ? null : wordsOf(implementation.refusal, snapshot, event);
}

/** The transitions the incident's current state nodes have for this kind of event, the deepest first, the machine's own last. */
function transitionsFor(snapshot: AnyMachineSnapshot, eventType: string) {
  return [...(snapshot._nodes as AnyStateNode[])]
    .sort((a, b) => b.path.length - a.path.length)
    .flatMap((node) => node.transitions.get(eventType) ?? []);
}

/**
 * Why the machine refused an event, in words for the person who tried: the refusal of the first
 * guard that stopped it. An event the step has no transition for names the step, unless the path
 * has words of its own for it.
 */
export function explainRefusal(path: PathDefinition, snapshot: AnyMachineSnapshot, event: AnyEventObject): string {
  const step = stepIdOf(snapshot.value);
  if (!acceptsEventType(path.machine, step, event.type)) {
    const outside = path.refusalsOutsideTheirStep?.[event.type];
    if (outside !== undefined) return wordsOf(outside, snapshot, event);
    const label = path.eventLabels[event.type] ?? event.type;
    const title = listSteps(path.machine).find((candidate) => candidate.id === step)?.title ?? step;
    return `“${label}” is not possible now: this incident is at the step “${title}”.`;
  }
  for (const transition of transitionsFor(snapshot, event.type)) {
    const guard = transition.guard as Guard | undefined;
    const refusal = guard !== undefined && !holds(guard, snapshot, event) ? refusalOf(guard, snapshot, event) : null;
    if (refusal) return refusal;
  }
  return "That cannot be done by you at this point.";
}
