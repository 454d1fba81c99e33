import type { AnyStateMachine } from "xstate";
import { accessAllows, READING_ROLES, type IncidentAccess, type ReadingPolicy, type ReadingRole, type ViewerRelation } from "./access";
import type { EmailContracts } from "./emails";
import type { MachineState, MilestoneTiming, ReadModel } from "./read-model";
import type { Refusal } from "./refusals";
import type { EventLabels } from "./step-meta";

/**
 * What the workflow needs to know of one escalation path: its statechart and the pure rules that
 * go with it. Each path's folder in machines/ exports one; machines/registry.ts lists them. A path
 * writes `satisfies PathDefinition<ItsContext>`, so each rule is checked against its machine's
 * context; the registry holds them all, whatever their context.
 */
export interface PathDefinition<Context = any> {
  /** Stored with each incident (incidents.kind). */
  kind: string;
  /** Stored with each incident; raise it when a change would not restore older snapshots. */
  version: number;
  title: string;
  machine: AnyStateMachine;
  eventLabels: EventLabels;
  /**
   * What each event a person sends did, said after their name ("put the crisis plan in force"),
   * so someone overtaken by it is told who did what.
   */
  eventDeeds?: EventLabels;
  /**
   * What an event did that its label does not say (who was asked next, who was away), in words
   * for the timeline, from the context before the event (null for the report) and after it.
   * Stored with the event, so the record keeps what it said at the time; null when the label says it all.
   */
  eventOutcome?: (before: Context | null, after: Context, eventType: string) => string | null;
  /** The events people may send, and the items each is for now (EventOffers): the page asks the machine about each. */
  offers: Record<string, (context: Context) => Record<string, unknown>[]>;
  /**
   * Words for an event refused because the current step has no transition for it, where naming
   * the step would say less (the guards' refusals explain the rest).
   */
  refusalsOutsideTheirStep?: Record<string, Refusal>;
  /** The roles that read every incident of this path. */
  readersByRole: readonly ReadingRole[];
  /** Who else may read one incident, besides the reporter's management chain. */
  accessOf: (context: Context, policy: ReadingPolicy) => IncidentAccess;
  /** How many levels of today's reporting line above the reporter may read (null: all of it). */
  chainReach: (policy: ReadingPolicy) => number | null;
  /** Which sections of the record each viewer sees; null when everyone who may read sees all of it. */
  needToKnow: NeedToKnow<Context> | null;
  /** Each template's email contract: what its outbox row stores of the context. */
  emails: EmailContracts<never>;
  /** The rows the lists, the dashboard and the home page read, projected purely from the context and step. */
  readModel: (context: Context, state: MachineState) => ReadModel;
  /** The dashboard's timings of this path, between milestones its read model writes. */
  timings: readonly MilestoneTiming[];
  /**
   * The event that cancels or changes, from its channel page, a post held by this path's crisis
   * pause, so the incident records it; absent when the path pauses no channel.
   */
  heldPostChangedEvent?: (change: HeldPostChange) => { type: string; [field: string]: unknown };
}

/** A held post cancelled, or its text and time changed, outside the incident that holds it. */
export type HeldPostChange =
  | { kind: "cancel"; postId: number; excerpt: string }
  | { kind: "edit"; postId: number; excerpt: string; channelId: number; body: string; scheduledFor: string };

/**
 * Need to know, as data: the sections a viewer's relations allow, what of the context each
 * section carries, and the section of each timeline event, piece of work and deadline (those
 * not listed are seen by everyone who may read the incident).
 */
export interface NeedToKnow<Context = any> {
  sectionsOf: (relations: readonly ViewerRelation[]) => string[];
  view: (context: Context, sections: readonly string[]) => unknown;
  eventSections: Record<string, string | null>;
  stepSections: Record<string, string>;
  deadlineSections: Record<string, string>;
}

/**
 * Whether the path lets this person read the incident, leaving aside the reporter's management
 * chain. The context is asked for only when no role of the viewer decides it.
 */
export function pathAllows(path: PathDefinition, contextOf: () => unknown, viewer: { id: number; roles: readonly string[] }, policy: ReadingPolicy): boolean {
  return path.readersByRole.some((role) => viewer.roles.includes(role)) || accessAllows(path.accessOf(contextOf(), policy), viewer);
}

/**
 * How this person comes to read the incident (none: they may not). `inChain` tells whether they
 * are above the reporter in today's reporting line, within the path's reach.
 */
export function viewerRelations(
  path: PathDefinition,
  context: unknown,
  viewer: { id: number; roles: readonly string[] },
  facts: { isReporter: boolean; inChain: boolean; policy: ReadingPolicy },
): ViewerRelation[] {
  const access = path.accessOf(context, facts.policy);
  const named = !facts.isReporter && access.personIds.includes(viewer.id);
  const roles = READING_ROLES.filter((role) => viewer.roles.includes(role) && (path.readersByRole.includes(role) || access.roles.includes(role)));
  return [...(facts.isReporter ? (["reporter"] as const) : []), ...(named || facts.inChain ? (["manager"] as const) : []), ...roles];
}

/** The record as these relations may see it: the context they are sent, and which parts of it they are shown. */
export interface RecordView {
  context: unknown;
  showsEvent: (type: string) => boolean;
  showsStep: (stepId: string) => boolean;
  showsDeadline: (key: string) => boolean;
  /** Whether a need-to-know section (as the read model's rows name it) is shown; null is everyone's. */
  showsSection: (section: string | null) => boolean;
  /** Evidence files come with ATTACH_SCREENSHOT on every path, so they are shown with its section. */
  showsEvidence: boolean;
}

export function recordView(path: PathDefinition, context: unknown, relations: readonly ViewerRelation[]): RecordView {
  const needToKnow = path.needToKnow;
  if (!needToKnow) return { context, showsEvent: () => true, showsStep: () => true, showsDeadline: () => true, showsSection: () => true, showsEvidence: true };
  const sections = needToKnow.sectionsOf(relations);
  const shows = (section: string | null | undefined) => section == null || sections.includes(section);
  return {
    context: needToKnow.view(context, sections),
    showsEvent: (type) => shows(needToKnow.eventSections[type]),
    showsStep: (stepId) => shows(needToKnow.stepSections[stepId]),
    showsDeadline: (key) => shows(needToKnow.deadlineSections[key]),
    showsSection: shows,
    showsEvidence: shows(needToKnow.eventSections.ATTACH_SCREENSHOT),
  };
}
