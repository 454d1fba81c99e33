import type { AnyStateMachine, StateValue } from "xstate";
import type { StepMeta } from "./step-meta";

export interface Step extends StepMeta {
  id: string;
}

/**
 * The steps of a path in the order the machine defines them, each with its metadata: the
 * stepper on the incident page is drawn from this, never from a list kept in a route.
 */
export function listSteps(machine: AnyStateMachine): Step[] {
  return Object.values(machine.root.states).map((node) => ({
    id: node.key,
    ...(node.meta as StepMeta),
  }));
}

/** A state value as one string: "a" for a flat state, "a.b" for a nested one. */
export function stepIdOf(value: StateValue): string {
  if (typeof value === "string") return value;
  const [key, child] = Object.entries(value)[0];
  return child === undefined ? key : `${key}.${stepIdOf(child as StateValue)}`;
}

/** Whether the step (or the machine as a whole) has any transition for this kind of event. */
export function acceptsEventType(machine: AnyStateMachine, stepId: string, eventType: string): boolean {
  const node = machine.getStateNodeById(`${machine.id}.${stepId}`);
  return Boolean(node.on[eventType] ?? machine.root.on[eventType]);
}
