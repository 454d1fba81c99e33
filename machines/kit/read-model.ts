import type { AnyMachineSnapshot } from "xstate";
import { stepIdOf } from "./steps";

/**
 * The read model: what the lists, the dashboard and "your work" read, as typed rows rather than
 * fields inside a stored snapshot. Each path projects its machine context into these, purely;
 * db/ writes them in the same transaction as the event that changed the context.
 */

/** A moment in the incident's life: reported, acknowledged, assessed, closed... */
export interface Milestone {
  name: string;
  at: string;
  /** What the moment came to, in the words of whoever reached it (the outcome, on closing), for the person who reported the incident. */
  summary?: string;
}

/** Who may do a piece of work: a person, or anyone holding a role. */
export type Assignee = { personId: number } | { role: string };

/** A piece of work awaited now. */
export interface AwaitedWork {
  /** Stable within the incident while the work is awaited, e.g. "acknowledge" or "task-2". */
  key: string;
  /** What is awaited, in plain words for whoever may do it. */
  description: string;
  /**
   * The same work told to the person who reported the incident, to follow "… has been asked to":
   * "acknowledge it", "offer you support". Without it they are told the description.
   */
  toReporter?: string;
  assignees: Assignee[];
  /** The deadline (by its key) that says when the work is due; null when nothing is due. */
  deadlineKey: string | null;
  /** The need-to-know section the work belongs to; null when everyone who may read sees it. */
  section: string | null;
}

/** Something people filter and count by: platform, severity, decision, kind of abuse... */
export interface Facet {
  name: string;
  value: string;
  /** The need-to-know section the value belongs to; null when everyone who may read sees it. */
  section: string | null;
}

/**
 * A figure of the dashboard's "how long things take": the time from one milestone to another,
 * over the path's incidents that have reached both.
 */
export interface MilestoneTiming {
  /** Stable, for the page's rows and for tests. */
  key: string;
  /** The row's heading: "Report to ..." and the path in brackets. */
  label: string;
  from: string;
  to: string;
}

export interface ReadModel {
  milestones: Milestone[];
  work: AwaitedWork[];
  facets: Facet[];
}

/** Where the machine stands, for a projection that depends on the step as well as the context. */
export interface MachineState {
  /** The top-level step, as stored in incidents.state. */
  step: string;
  /** The whole state value (a parallel state has one entry per piece of work). */
  value: unknown;
  done: boolean;
}

export function machineStateOf(snapshot: AnyMachineSnapshot): MachineState {
  return { step: stepIdOf(snapshot.value), value: snapshot.value, done: snapshot.status === "done" };
}

/** A milestone, or none while the moment has not come. */
export function milestone(name: string, at: string | null | undefined, summary?: string): Milestone[] {
  return at ? [{ name, at, ...(summary?.trim() ? { summary: summary.trim() } : {}) }] : [];
}

/** A facet, or none when the value is blank (nothing to filter or count by). */
export function facet(name: string, value: string | null | undefined, section: string | null = null): Facet[] {
  const trimmed = value?.trim();
  return trimmed ? [{ name, value: trimmed, section }] : [];
}
