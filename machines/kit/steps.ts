import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode, StateValue } from "xstate";
import type { StepMeta } from "./step-meta";

export interface Step extends StepMeta {
  /** "deletion" for a step; "open.police" for a piece of work running beside others. */
  id: string;
  /** True for the pieces of work of a parallel state, which run side by side. */
  concurrent: boolean;
}

/**
 * The steps of a path in the order the machine defines them, each with its metadata: the
 * stepper on the incident page is drawn from this, never from a list kept in a route. A
 * parallel state contributes each of its regions, in order.
 */
export function listSteps(machine: AnyStateMachine): Step[] {
  return Object.values(machine.root.states).flatMap((node: AnyStateNode): Step[] =>
    node.type === "parallel"
      ? Object.values(node.states).map((region: AnyStateNode) => ({ id: `${node.key}.${region.key}`, concurrent: true, ...(region.meta as StepMeta) }))
      : [{ id: node.key, concurrent: false, ...(node.meta as StepMeta) }],
  );
}

/** The top-level state as one string: the step of a linear path, or the parallel state a path is in. */
export function stepIdOf(value: StateValue): string {
  return typeof value === "string" ? value : Object.keys(value)[0];
}

/** Whether the step, anything inside it, or the machine as a whole has a transition for this kind of event. */
export function acceptsEventType(machine: AnyStateMachine, stepId: string, eventType: string): boolean {
  const node = machine.getStateNodeById(`${machine.id}.${stepId}`);
  return node.events.includes(eventType) || eventType in machine.root.on;
}

export type StepStatus = "done" | "current" | "skipped" | "upcoming";

/**
 * Where each step stands. A step is done when the incident passed through it (or, for a piece
 * of parallel work, when that piece reached its end); skipped when the incident went past it
 * without stopping; current while the incident is in it.
 */
export function stepStatuses(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, visited: Set<string>): Record<string, StepStatus> {
  const steps = listSteps(machine);
  const current = stepIdOf(snapshot.value);
  const currentIndex = steps.findIndex((step) => step.id === current || step.id.startsWith(`${current}.`));
  const statuses: Record<string, StepStatus> = {};
  steps.forEach((step, index) => {
    if (step.concurrent) {
      const [parent, region] = step.id.split(".");
      if (parent !== current) {
        statuses[step.id] = index < currentIndex ? "done" : "upcoming";
        return;
      }
      const child = (snapshot.value as Record<string, Record<string, string>>)[parent][region];
      const final = machine.getStateNodeById(`${machine.id}.${parent}.${region}.${child}`).type === "final";
      statuses[step.id] = final ? "done" : "current";
    } else if (step.id === current) {
      statuses[step.id] = snapshot.status === "done" ? "done" : "current";
    } else if (visited.has(step.id)) {
      statuses[step.id] = "done";
    } else {
      statuses[step.id] = index < currentIndex ? "skipped" : "upcoming";
    }
  });
  return statuses;
}
