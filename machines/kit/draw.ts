import type { AnyStateMachine, AnyStateNode } from "xstate";
import type { EventLabels, StepMeta } from "./step-meta";

/**
 * A drawing of a path's statechart as a Mermaid state diagram, made from the machine itself: each
 * step with its title, each transition with the plain name of its event (and "when ..." for an
 * eventless one), the pieces of parallel work as regions. Each path keeps the drawing in its
 * folder (statechart.md), so a reviewer sees the procedure without reading the machine.
 */
export function drawStatechart(machine: AnyStateMachine, eventLabels: EventLabels): string {
  const lines = ["stateDiagram-v2"];
  const idOf = (node: AnyStateNode) => node.path.join("_");
  const titleOf = (node: AnyStateNode) => (node.meta as StepMeta | undefined)?.title ?? node.key;
  // A parallel state is left when all its pieces of work reach their end (XState's done event).
  const labelOf = (eventType: string) => (eventType.startsWith("xstate.done.state.") ? "when every piece of work is done" : (eventLabels[eventType] ?? eventType));
  const quoted = (text: string) => text.replace(/[":;]/g, " ").replace(/\s+/g, " ").trim();

  function drawNode(node: AnyStateNode, indent: string) {
    lines.push(`${indent}state "${quoted(titleOf(node))}" as ${idOf(node)}`);
    const children = Object.values(node.states) as AnyStateNode[];
    if (children.length === 0) return;
    lines.push(`${indent}state ${idOf(node)} {`);
    children.forEach((child, index) => {
      if (node.type === "parallel" && index > 0) lines.push(`${indent}  --`);
      drawNode(child, `${indent}  `);
    });
    if (node.type !== "parallel" && node.initial?.target[0]) lines.push(`${indent}  [*] --> ${idOf(node.initial.target[0])}`);
    lines.push(`${indent}}`);
  }

  function drawTransitions(node: AnyStateNode) {
    for (const [eventType, transitions] of node.transitions) {
      for (const transition of transitions) {
        for (const target of transition.target ?? []) {
          lines.push(`  ${idOf(node)} --> ${idOf(target)}: ${quoted(labelOf(eventType))}`);
        }
      }
    }
    for (const transition of node.always ?? []) {
      for (const target of transition.target ?? []) lines.push(`  ${idOf(node)} --> ${idOf(target)}: when ${quoted(describeGuard(transition.guard))}`);
    }
    if (node.type === "final" && node.parent === machine.root) lines.push(`  ${idOf(node)} --> [*]`);
    for (const child of Object.values(node.states) as AnyStateNode[]) drawTransitions(child);
  }

  const steps = Object.values(machine.root.states) as AnyStateNode[];
  for (const step of steps) drawNode(step, "  ");
  if (machine.root.initial?.target[0]) lines.push(`  [*] --> ${idOf(machine.root.initial.target[0])}`);
  for (const step of steps) drawTransitions(step);
  return `${lines.join("\n")}\n`;
}

/** A guard by its name; XState's not(...) keeps its one part, and(...) its several, in `guards`. */
function describeGuard(guard: unknown): string {
  if (typeof guard === "string") return guard;
  const parts = (guard as { guards?: unknown[] } | undefined)?.guards;
  if (!parts) return "its condition holds";
  return parts.length === 1 ? `not ${describeGuard(parts[0])}` : parts.map(describeGuard).join(" and ");
}
